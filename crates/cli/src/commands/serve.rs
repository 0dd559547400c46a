//! `flowplay serve`: starts the relay (`POST /api/relay`) and serves the playground on
//! localhost. Public contract:
//! `flowplay serve [--port N] [--bind ADDR] [--allow-host HOST]… [--allow-http-upstream]
//! [--static-dir DIR] [--cors-origin ORIGIN]… [--public-host NAME]…`.

use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use flowplay_relay::RelayConfig;
use flowplay_relay::target::TargetPolicy;

#[derive(clap::Args)]
pub struct ServeArgs {
    #[arg(long, default_value_t = 8080)]
    pub port: u16,
    /// Address to listen on. Keep the default (loopback) unless you know who can reach it.
    #[arg(long, default_value = "127.0.0.1")]
    pub bind: IpAddr,
    /// Also allow this upstream host or IP address (`host`, `host:port`, `127.0.0.1:9090`),
    /// e.g. a local emulator in tests.
    #[arg(long = "allow-host", value_name = "HOST")]
    pub allow_hosts: Vec<String>,
    /// Allow plain-http upstreams, only for hosts given with --allow-host (tests).
    #[arg(long)]
    pub allow_http_upstream: bool,
    /// The built playground (default: dist/, else static/).
    #[arg(long)]
    pub static_dir: Option<PathBuf>,
    /// Origins allowed to call the relay cross-origin (same-origin always works), e.g.
    /// `http://localhost:5173`; `null` and `*` are refused.
    #[arg(long = "cors-origin", value_name = "ORIGIN")]
    pub cors_origins: Vec<String>,
    /// A host name the server is reached by besides its address and `localhost` (behind a
    /// proxy or under a local DNS name); any other `Host` is refused (DNS-rebinding defence).
    #[arg(long = "public-host", value_name = "NAME")]
    pub public_hosts: Vec<String>,
    /// Relay requests per second allowed per client (burst: twice this).
    #[arg(long, default_value_t = 20.0)]
    pub rate_limit: f64,
    /// Upstream calls in flight at once.
    #[arg(long, default_value_t = 64)]
    pub max_concurrency: usize,
}

pub fn run(args: ServeArgs) -> anyhow::Result<ExitCode> {
    let static_dir = args.static_dir.or_else(|| ["dist", "static"].into_iter().map(PathBuf::from).find(|p| p.is_dir()));
    let config = RelayConfig {
        policy: TargetPolicy {
            allowed_hosts: args.allow_hosts,
            allow_http_upstream: args.allow_http_upstream,
            ..TargetPolicy::default()
        },
        cors_origins: args.cors_origins,
        public_hosts: args.public_hosts,
        static_dir: static_dir.clone(),
        rate_per_second: args.rate_limit,
        rate_burst: args.rate_limit * 2.0,
        max_concurrency: args.max_concurrency,
        ..RelayConfig::default()
    };
    if let Err(message) = config.check(args.bind) {
        eprintln!("flowplay serve: {message}");
        return Ok(ExitCode::from(2));
    }
    let runtime =
        tokio::runtime::Builder::new_multi_thread().enable_all().build().context("cannot start the runtime")?;
    let addr = SocketAddr::new(args.bind, args.port);
    runtime
        .block_on(async move {
            let shutdown = async {
                let _ = tokio::signal::ctrl_c().await;
                errln!("flowplay: shutting down");
            };
            flowplay_relay::serve(
                config,
                addr,
                |bound| {
                    outln!("flowplay playground: http://{bound}/");
                    outln!(
                        "relay: POST http://{bound}/api/relay; static files from {}",
                        static_dir.as_ref().map_or("(none)".into(), |d| d.display().to_string())
                    );
                },
                shutdown,
            )
            .await
        })
        .with_context(|| format!("cannot serve on {addr}"))?;
    Ok(ExitCode::SUCCESS)
}
