//! The relay: forwards requests that the browser signed itself to Alibaba Cloud endpoints
//! (which send no CORS headers), and serves the playground. It holds no credentials and never
//! sees an AccessKey secret; it refuses anything that is not an https call to an allow-listed
//! host (see `target`), limits sizes, time, concurrency and per-client rate, and redacts
//! credentials from its logs.
//!
//! `POST /api/relay` `{"method", "url", "headers"?: {…}, "body"?: "…", "body_base64"?: "…"}`
//! answers with the upstream's status, body and content type, or `{"error": CODE, "message"}`.

pub mod assets;
pub mod envelope;
pub mod ratelimit;
pub mod redact;
pub mod target;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::body::{Body, Bytes};
use axum::extract::{ConnectInfo, DefaultBodyLimit, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde_json::json;
use tokio::sync::Semaphore;

use crate::ratelimit::RateLimiter;
use crate::redact::redact_url;
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
    /// Upstream calls in flight at once.
    pub max_concurrency: usize,
    /// Per-client rate: requests per second and burst.
    pub rate_per_second: f64,
    pub rate_burst: f64,
    /// Origins allowed by CORS besides the same origin.
    pub cors_origins: Vec<String>,
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
            max_concurrency: 64,
            rate_per_second: 20.0,
            rate_burst: 40.0,
            cors_origins: Vec::new(),
            static_dir: None,
        }
    }
}

struct AppState {
    config: RelayConfig,
    limiter: RateLimiter,
    slots: Semaphore,
}

fn refuse(status: StatusCode, code: &str, message: impl Into<String>) -> Response {
    (status, Json(json!({"error": code, "message": message.into()}))).into_response()
}

fn refusal(r: &Refusal) -> Response {
    let status = match r {
        Refusal::BadUrl(_) => StatusCode::BAD_REQUEST,
        _ => StatusCode::FORBIDDEN,
    };
    refuse(status, r.code(), r.message())
}

const DROPPED_RESPONSE_HEADERS: [&str; 7] =
    ["connection", "keep-alive", "transfer-encoding", "te", "upgrade", "set-cookie", "content-length"];

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

async fn relay(
    State(state): State<Arc<AppState>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    body: Bytes,
) -> Response {
    let started = Instant::now();
    if !state.limiter.allow(peer.ip()) {
        return refuse(StatusCode::TOO_MANY_REQUESTS, "rate_limited", "too many requests from this client; slow down");
    }
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
    // Resolve once, check every address, and connect to exactly those (no DNS-rebinding gap).
    let addrs: Vec<SocketAddr> = match tokio::net::lookup_host((target.host.as_str(), target.port)).await {
        Ok(a) => a.collect(),
        Err(e) => {
            return refuse(StatusCode::BAD_GATEWAY, "upstream_error", format!("cannot resolve {}: {e}", target.host));
        }
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
    let Ok(_slot) = state.slots.try_acquire() else {
        return refuse(StatusCode::SERVICE_UNAVAILABLE, "busy", "the relay is at its concurrency limit; retry shortly");
    };
    // A client per request pinned to the checked address (cheap: connection setup dominates).
    let client = match reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .connect_timeout(state.config.connect_timeout)
        .timeout(state.config.total_timeout)
        .resolve(&target.host, addr)
        .build()
    {
        Ok(c) => c,
        Err(e) => return refuse(StatusCode::INTERNAL_SERVER_ERROR, "internal", e.to_string()),
    };
    let upstream =
        client.request(method.clone(), target.url.clone()).headers(envelope.headers).body(envelope.body).send().await;
    let response = match upstream {
        Ok(r) => r,
        Err(e) if e.is_timeout() => {
            return refuse(
                StatusCode::GATEWAY_TIMEOUT,
                "upstream_timeout",
                format!("{} did not answer within {:?}", target.host, state.config.total_timeout),
            );
        }
        Err(e) => {
            return refuse(
                StatusCode::BAD_GATEWAY,
                "upstream_error",
                format!("the call to {} failed: {}", target.host, e),
            );
        }
    };
    let status = response.status();
    let mut out_headers = HeaderMap::new();
    for (name, value) in response.headers() {
        if !DROPPED_RESPONSE_HEADERS.contains(&name.as_str()) {
            out_headers.append(name.clone(), value.clone());
        }
    }
    if response.content_length().is_some_and(|n| n as usize > state.config.max_response_bytes) {
        return refuse(
            StatusCode::BAD_GATEWAY,
            "response_too_large",
            format!("the upstream response exceeds {} bytes", state.config.max_response_bytes),
        );
    }
    let mut bytes = Vec::new();
    let mut response = response;
    loop {
        match response.chunk().await {
            Ok(Some(chunk)) => {
                if bytes.len() + chunk.len() > state.config.max_response_bytes {
                    return refuse(
                        StatusCode::BAD_GATEWAY,
                        "response_too_large",
                        format!("the upstream response exceeds {} bytes", state.config.max_response_bytes),
                    );
                }
                bytes.extend_from_slice(&chunk);
            }
            Ok(None) => break,
            Err(e) if e.is_timeout() => {
                return refuse(
                    StatusCode::GATEWAY_TIMEOUT,
                    "upstream_timeout",
                    "the upstream response did not finish in time",
                );
            }
            Err(e) => {
                return refuse(
                    StatusCode::BAD_GATEWAY,
                    "upstream_error",
                    format!("the upstream response was cut off: {e}"),
                );
            }
        }
    }
    log(json!({
        "event": "relayed",
        "method": method.as_str(),
        "url": redact_url(&target.url),
        "status": status.as_u16(),
        "bytes": bytes.len(),
        "ms": started.elapsed().as_millis() as u64,
        "redacted_headers": envelope.secret_header_names,
    }));
    let mut resp = Response::new(Body::from(bytes));
    *resp.status_mut() = StatusCode::from_u16(status.as_u16()).unwrap_or(StatusCode::BAD_GATEWAY);
    *resp.headers_mut() = out_headers;
    resp
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
    // The page's files carry their own policy (assets::PAGE_CSP); anything else is no page.
    if !h.contains_key(header::CONTENT_SECURITY_POLICY) {
        h.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static("default-src 'none'; frame-ancestors 'none'; base-uri 'none'; sandbox"),
        );
    }
    if let Some(o) = origin.filter(|o| state.config.cors_origins.iter().any(|c| c == o))
        && let Ok(v) = HeaderValue::from_str(&o)
    {
        h.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, v);
        h.insert(header::ACCESS_CONTROL_ALLOW_METHODS, HeaderValue::from_static("POST, GET, OPTIONS"));
        h.insert(header::ACCESS_CONTROL_ALLOW_HEADERS, HeaderValue::from_static("content-type"));
        h.insert(header::VARY, HeaderValue::from_static("Origin"));
    }
    resp
}

/// The router: `/api/relay`, `/api/health`, and the static playground.
pub fn router(config: RelayConfig) -> Router {
    let state = Arc::new(AppState {
        limiter: RateLimiter::new(config.rate_per_second, config.rate_burst),
        slots: Semaphore::new(config.max_concurrency),
        config: config.clone(),
    });
    let mut app = Router::new()
        .route("/api/relay", post(relay))
        .route("/api/health", get(health))
        .layer(DefaultBodyLimit::max(config.max_request_bytes));
    if let Some(dir) = &config.static_dir {
        app = app.fallback_service(assets::service(dir));
    }
    app.layer(axum::middleware::from_fn_with_state(state.clone(), security_headers)).with_state(state)
}

/// Serves until `shutdown` completes. Returns the bound address through `on_bound`.
pub async fn serve(
    config: RelayConfig,
    addr: SocketAddr,
    on_bound: impl FnOnce(SocketAddr),
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let listener = tokio::net::TcpListener::bind(addr).await?;
    on_bound(listener.local_addr()?);
    axum::serve(listener, router(config).into_make_service_with_connect_info::<SocketAddr>())
        .with_graceful_shutdown(shutdown)
        .await
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
