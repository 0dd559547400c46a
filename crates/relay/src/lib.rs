//! The relay: forwards requests that the browser signed itself to Alibaba Cloud endpoints
//! (which send no CORS headers), and serves the playground. It holds no credentials and never
//! sees an AccessKey secret; it refuses anything that is not an https call to an allow-listed
//! host (see `target`), answers only to its own host names and origins (see `guard`), limits
//! sizes, time, connections, concurrency and per-origin rate (see `server`), and redacts
//! credentials from its logs and messages (see `redact`).
//!
//! `POST /api/relay` takes `{"method", "url", "headers"?: {…}, "body"?: "…", "body_base64"?: "…"}`
//! with `Content-Type: application/json`, and answers HTTP 200 with the upstream's answer as
//! data, `{"status", "headers": {allow-listed}, "body" | "body_base64"}` (see `reply`), or with
//! the relay's own refusal, `{"error": CODE, "message"}` and a 4xx/5xx status.

pub mod assets;
pub mod envelope;
pub mod guard;
pub mod ratelimit;
pub mod redact;
pub mod reply;
pub mod server;
pub mod target;

use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::extract::{ConnectInfo, Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde_json::json;
use tokio::sync::Semaphore;

use crate::guard::Guard;
use crate::ratelimit::RateLimiter;
use crate::redact::{describe_url, scrub};
use crate::target::{Refusal, TargetPolicy, is_public};

/// Relay settings; the defaults are what `flowplay serve` uses.
#[derive(Clone, Debug)]
pub struct RelayConfig {
    pub policy: TargetPolicy,
    /// Largest request to the relay (the JSON envelope).
    pub max_request_bytes: usize,
    /// Largest upstream response relayed.
    pub max_response_bytes: usize,
    pub connect_timeout: Duration,
    pub total_timeout: Duration,
    /// A request head must arrive within this (also the idle keep-alive timeout).
    pub header_read_timeout: Duration,
    /// A request body must arrive within this once its head has.
    pub body_read_timeout: Duration,
    /// Connections open at once (see `server`), lowered to what the open-file limit allows.
    pub max_connections: usize,
    /// Relay requests in flight at once, from reading the body to the upstream's last byte.
    pub max_concurrency: usize,
    /// Rate per (Origin, client address): requests per second and burst.
    pub rate_per_second: f64,
    pub rate_burst: f64,
    /// Origins allowed by CORS besides the same origin (`--cors-origin`).
    pub cors_origins: Vec<String>,
    /// Host names the relay answers to besides its address and `localhost` (`--public-host`).
    pub public_hosts: Vec<String>,
    /// The built playground (`dist/`).
    pub static_dir: Option<PathBuf>,
}

impl Default for RelayConfig {
    fn default() -> Self {
        Self {
            policy: TargetPolicy::default(),
            max_request_bytes: 1024 * 1024,
            max_response_bytes: 10 * 1024 * 1024,
            connect_timeout: Duration::from_secs(5),
            total_timeout: Duration::from_secs(30),
            header_read_timeout: Duration::from_secs(10),
            body_read_timeout: Duration::from_secs(10),
            max_connections: 4096,
            max_concurrency: 64,
            rate_per_second: 20.0,
            rate_burst: 40.0,
            cors_origins: Vec::new(),
            public_hosts: Vec::new(),
            static_dir: None,
        }
    }
}

/// Largest request head (request line and headers). Browsers send about 1 KiB; the signed
/// request's own headers travel in the JSON body. Bounds a slowloris connection's buffer.
pub const MAX_HEAD_BYTES: usize = 16 * 1024;

struct AppState {
    config: RelayConfig,
    guard: Guard,
    limiter: RateLimiter<(Option<String>, IpAddr)>,
    slots: Arc<Semaphore>,
}

/// The relay's own refusal. Every message goes through `redact::scrub`: whatever produced it
/// (the HTTP client, the resolver), no URL in it keeps a query value or an id.
fn refuse(status: StatusCode, code: &str, message: impl AsRef<str>) -> Response {
    (status, Json(json!({"error": code, "message": scrub(message.as_ref())}))).into_response()
}

fn refusal(r: &Refusal) -> Response {
    let status = match r {
        Refusal::BadUrl(_) => StatusCode::BAD_REQUEST,
        _ => StatusCode::FORBIDDEN,
    };
    refuse(status, r.code(), r.message())
}

/// An error from the HTTP client as text: its chain of causes, without the URL it quotes
/// (which holds the Signature), and scrubbed again in `refuse`.
fn client_error(e: reqwest::Error) -> String {
    let e = e.without_url();
    let mut text = e.to_string();
    let mut source = std::error::Error::source(&e);
    while let Some(s) = source {
        text.push_str(": ");
        text.push_str(&s.to_string());
        source = s.source();
    }
    text
}

/// The address to connect to, from everything the name resolved to: every one must be public
/// (a name under `*.aliyuncs.com` pointing at 127.0.0.1, 10.x or the metadata service is
/// refused), unless the host was explicitly allowed (a local emulator). The connection is then
/// pinned to this address, so a second DNS answer cannot differ (no rebinding gap).
fn pick_address(addrs: &[SocketAddr], explicitly_allowed: bool) -> Result<Option<SocketAddr>, Refusal> {
    if !explicitly_allowed && let Some(bad) = addrs.iter().find(|a| !is_public(a.ip())) {
        return Err(Refusal::PrivateAddress(bad.ip().to_string()));
    }
    Ok(addrs.first().copied())
}

fn log(event: serde_json::Value) {
    eprintln!("{event}");
}

/// `POST /api/relay`. Everything that can be decided from the head (content type, rate,
/// concurrency; Host and Origin in `api_guard`) is, before the body is read.
async fn relay(
    State(state): State<Arc<AppState>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    request: Request,
) -> Response {
    let started = Instant::now();
    if let Err(r) = guard::check_json(request.headers()) {
        return refuse(StatusCode::UNSUPPORTED_MEDIA_TYPE, r.code, r.message);
    }
    let origin = request.headers().get(header::ORIGIN).and_then(|o| o.to_str().ok()).map(str::to_owned);
    if !state.limiter.allow((origin, peer.ip())) {
        return refuse(
            StatusCode::TOO_MANY_REQUESTS,
            "rate_limited",
            "too many requests from this page or client; slow down (flowplay serve --rate-limit N raises the limit)",
        );
    }
    let Ok(_slot) = state.slots.clone().try_acquire_owned() else {
        return refuse(
            StatusCode::SERVICE_UNAVAILABLE,
            "busy",
            "the relay is at its concurrency limit; retry shortly (flowplay serve --max-concurrency N raises it)",
        );
    };
    let limit = state.config.max_request_bytes;
    let too_large = || {
        refuse(
            StatusCode::PAYLOAD_TOO_LARGE,
            "request_too_large",
            format!("the relay takes requests of at most {limit} bytes"),
        )
    };
    let declared = request.headers().get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()?.parse::<u64>().ok());
    if declared.is_some_and(|n| n > limit as u64) {
        return too_large();
    }
    let body =
        match tokio::time::timeout(state.config.body_read_timeout, axum::body::to_bytes(request.into_body(), limit))
            .await
        {
            Ok(Ok(b)) => b,
            Ok(Err(_)) => return too_large(),
            Err(_) => {
                return refuse(
                    StatusCode::REQUEST_TIMEOUT,
                    "request_timeout",
                    format!("the request body did not arrive within {:?}", state.config.body_read_timeout),
                );
            }
        };
    let envelope = match envelope::parse(&body) {
        Ok(e) => e,
        Err(e) => return refuse(e.status, e.code, e.message),
    };
    let target = match state.config.policy.check(&envelope.url) {
        Ok(t) => t,
        Err(r) => {
            log(json!({"event": "refused", "reason": r.code(), "client": peer.ip().to_string()}));
            return refusal(&r);
        }
    };
    let method = envelope.method.clone();
    // Resolve the canonical name once, check every address, and connect to exactly those (no
    // DNS-rebinding gap). An IP literal (allowed only with --allow-host) is not resolved.
    let addrs: Vec<SocketAddr> = match target.ip {
        Some(ip) => vec![SocketAddr::new(ip, target.port)],
        None => match tokio::net::lookup_host((target.host.as_str(), target.port)).await {
            Ok(a) => a.collect(),
            Err(e) => {
                return refuse(
                    StatusCode::BAD_GATEWAY,
                    "upstream_error",
                    format!("cannot resolve {}: {e}", target.host),
                );
            }
        },
    };
    let addr = match pick_address(&addrs, target.explicitly_allowed) {
        Ok(Some(a)) => a,
        Ok(None) => {
            return refuse(StatusCode::BAD_GATEWAY, "upstream_error", format!("{} has no address", target.host));
        }
        Err(r) => {
            log(json!({"event": "refused", "reason": r.code(), "client": peer.ip().to_string()}));
            return refusal(&r);
        }
    };
    // A client per request pinned to the checked address (cheap: connection setup dominates);
    // the URL carries the same canonical name, so SNI and Host are that name too.
    let mut client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .connect_timeout(state.config.connect_timeout)
        .timeout(state.config.total_timeout);
    if target.ip.is_none() {
        client = client.resolve(&target.host, addr);
    }
    let client = match client.build() {
        Ok(c) => c,
        Err(e) => return refuse(StatusCode::INTERNAL_SERVER_ERROR, "internal", client_error(e)),
    };
    let upstream_error = |e: reqwest::Error| {
        let timeout = e.is_timeout();
        let text = client_error(e);
        log(json!({"event": "upstream_error", "url": describe_url(&target.url), "error": scrub(&text)}));
        if timeout {
            refuse(
                StatusCode::GATEWAY_TIMEOUT,
                "upstream_timeout",
                format!("{} did not answer within {:?}", target.host, state.config.total_timeout),
            )
        } else {
            refuse(StatusCode::BAD_GATEWAY, "upstream_error", format!("the call to {} failed: {text}", target.host))
        }
    };
    let mut response = match client
        .request(method.clone(), target.url.clone())
        .headers(envelope.headers)
        .body(envelope.body)
        .send()
        .await
    {
        Ok(r) => r,
        Err(e) => return upstream_error(e),
    };
    let max = state.config.max_response_bytes;
    let too_large =
        || refuse(StatusCode::BAD_GATEWAY, "response_too_large", format!("the upstream response exceeds {max} bytes"));
    if response.content_length().is_some_and(|n| n > max as u64) {
        return too_large();
    }
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    let mut bytes = Vec::new();
    loop {
        match response.chunk().await {
            Ok(Some(chunk)) => {
                if bytes.len() + chunk.len() > max {
                    return too_large();
                }
                bytes.extend_from_slice(&chunk);
            }
            Ok(None) => break,
            Err(e) => return upstream_error(e),
        }
    }
    log(json!({
        "event": "relayed",
        "method": method.as_str(),
        "url": describe_url(&target.url),
        "status": status,
        "bytes": bytes.len(),
        "ms": started.elapsed().as_millis() as u64,
        "redacted_headers": envelope.secret_header_names,
    }));
    Json(reply::envelope(status, &headers, bytes)).into_response()
}

/// Host and Origin checks and the [`reply::API_HEADERS`] for every `/api` request.
async fn api_guard(State(state): State<Arc<AppState>>, request: Request, next: axum::middleware::Next) -> Response {
    let mut response = match state.guard.check(request.headers()) {
        Ok(()) => next.run(request).await,
        Err(r) => {
            let status =
                if r.code == "host_not_allowed" { StatusCode::MISDIRECTED_REQUEST } else { StatusCode::FORBIDDEN };
            refuse(status, r.code, r.message)
        }
    };
    reply::set_api_headers(response.headers_mut());
    response
}

async fn health() -> Json<serde_json::Value> {
    Json(json!({"status": "ok", "version": env!("CARGO_PKG_VERSION")}))
}

/// Security headers on every response; CORS only for configured origins.
async fn security_headers(
    State(state): State<Arc<AppState>>,
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let origin = req.headers().get(header::ORIGIN).and_then(|o| o.to_str().ok()).map(str::to_owned);
    let preflight = req.method() == Method::OPTIONS;
    let mut resp = if preflight { StatusCode::NO_CONTENT.into_response() } else { next.run(req).await };
    let h = resp.headers_mut();
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    // The page's files (assets::PAGE_CSP) and `/api` answers (reply::API_HEADERS) carry their
    // own policy; anything else is no page.
    h.entry(header::CONTENT_SECURITY_POLICY)
        .or_insert(HeaderValue::from_static("default-src 'none'; frame-ancestors 'none'; base-uri 'none'; sandbox"));
    if let Some(o) = origin.filter(|o| state.guard.cors_origins().iter().any(|c| c == o))
        && let Ok(v) = HeaderValue::from_str(&o)
    {
        h.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, v);
        h.insert(header::ACCESS_CONTROL_ALLOW_METHODS, HeaderValue::from_static("POST, GET, OPTIONS"));
        h.insert(header::ACCESS_CONTROL_ALLOW_HEADERS, HeaderValue::from_static("content-type"));
        // Appended: static files already vary by Accept-Encoding.
        h.append(header::VARY, HeaderValue::from_static("Origin"));
    }
    resp
}

impl RelayConfig {
    /// Checks the settings that can be wrong (`--cors-origin null`, `*`, a `--public-host` that
    /// is not a host name), with a message that names the flag.
    pub fn check(&self, bind: IpAddr) -> Result<(), String> {
        Guard::new(bind, &self.public_hosts, &self.cors_origins).map(|_| ())
    }
}

/// The router for a server bound to `bind`: `/api/relay`, `/api/health`, and the static
/// playground.
pub fn router(config: RelayConfig, bind: IpAddr) -> Result<Router, String> {
    let state = Arc::new(AppState {
        guard: Guard::new(bind, &config.public_hosts, &config.cors_origins)?,
        limiter: RateLimiter::new(config.rate_per_second, config.rate_burst),
        slots: Arc::new(Semaphore::new(config.max_concurrency)),
        config: config.clone(),
    });
    let api = Router::new()
        .route("/api/relay", post(relay))
        .route("/api/health", get(health))
        .layer(axum::middleware::from_fn_with_state(state.clone(), api_guard));
    let mut app = Router::new().merge(api);
    if let Some(dir) = &config.static_dir {
        app = app.fallback_service(assets::service(dir));
    }
    Ok(app.layer(axum::middleware::from_fn_with_state(state.clone(), security_headers)).with_state(state))
}

/// Serves until `shutdown` completes. Returns the bound address through `on_bound`.
pub async fn serve(
    config: RelayConfig,
    addr: SocketAddr,
    on_bound: impl FnOnce(SocketAddr),
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let limits = server::ConnectionLimits {
        header_read_timeout: config.header_read_timeout,
        max_connections: server::connection_budget(config.max_connections),
        max_head_bytes: MAX_HEAD_BYTES,
    };
    let app = router(config, addr.ip()).map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidInput, e))?;
    let listener = tokio::net::TcpListener::bind(addr).await?;
    on_bound(listener.local_addr()?);
    server::run(listener, app, limits, shutdown).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_resolving_to_private_addresses_are_refused() {
        let public: SocketAddr = "47.96.1.1:443".parse().unwrap();
        for private in ["127.0.0.1:443", "10.0.0.8:443", "100.100.100.200:443", "[::1]:443", "[fd00::1]:443"] {
            let private: SocketAddr = private.parse().unwrap();
            // Any private answer among public ones is enough to refuse (rebinding tricks).
            let refused = pick_address(&[public, private], false).unwrap_err();
            assert_eq!(refused.code(), "private_address", "{private}");
            // An explicitly allowed test host (the emulator) may be local.
            assert_eq!(pick_address(&[private], true).unwrap(), Some(private));
        }
        assert_eq!(pick_address(&[public], false).unwrap(), Some(public));
        assert_eq!(pick_address(&[], false).unwrap(), None);
    }
}
