//! `flowplay serve`: starts the relay (`POST /api/relay`) and serves the playground on
//! localhost. Public contract:
//! `flowplay serve [--port N] [--bind ADDR] [--allow-host HOST]… [--allow-http-upstream]
//! [--static-dir DIR] [--cors-origin ORIGIN]… [--public-host NAME]…`.

use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
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
    // Without the built page every page request is a 404: say so once, loudly, and keep serving
    // the relay (a page hosted elsewhere, or `flowplay run --real`, still needs it).
    if let Some(missing) = missing_page(static_dir.as_deref()) {
        errln!(
            "flowplay serve: no built playground: {missing}. Build it with scripts/build-web.sh in a flowplay \
             checkout (it writes dist/), then start serve there or pass --static-dir DIR/dist. Serving only \
             the relay API (/api/relay, /api/health) until then."
        );
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

/// What is missing for the playground page, or `None` when `dir` holds the built page: the
/// document and its entry module, `app/main.js`, which scripts/pack-web.mjs renames to
/// `app/main.<hash>.js`. The sources in static/ have the document but no entry module.
fn missing_page(dir: Option<&Path>) -> Option<String> {
    let Some(dir) = dir else {
        return Some("no --static-dir given and neither dist/ nor static/ is in the current directory".into());
    };
    let document = dir.join("index.html");
    let app = dir.join("app");
    let entry = std::fs::read_dir(&app).ok().is_some_and(|entries| {
        entries.flatten().any(|e| e.file_name().to_str().is_some_and(|n| n.starts_with("main.") && n.ends_with(".js")))
    });
    let mut missing = Vec::new();
    if !document.is_file() {
        missing.push(document.display().to_string());
    }
    if !entry {
        missing.push(app.join("main.js").display().to_string());
    }
    (!missing.is_empty()).then(|| format!("{} not found", missing.join(" and ")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_needs_its_document_and_entry_module() {
        assert!(missing_page(None).unwrap().contains("neither dist/ nor static/"));
        let dir = tempfile::tempdir().unwrap();
        let message = missing_page(Some(dir.path())).unwrap();
        assert!(message.contains("index.html and ") && message.contains("main.js not found"), "{message}");
        std::fs::write(dir.path().join("index.html"), "<!doctype html>").unwrap();
        assert!(missing_page(Some(dir.path())).unwrap().ends_with("main.js not found"));
        std::fs::create_dir(dir.path().join("app")).unwrap();
        std::fs::write(dir.path().join("app/main.js"), "").unwrap();
        assert_eq!(missing_page(Some(dir.path())), None);
        // The built page: pack-web.mjs gives the entry module a content hash.
        std::fs::rename(dir.path().join("app/main.js"), dir.path().join("app/main.6555ebd4ce046974.js")).unwrap();
        assert_eq!(missing_page(Some(dir.path())), None);
    }
}
