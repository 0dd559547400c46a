//! A local Alibaba Cloud OpenAPI emulator, for tests and for trying real mode offline.
//!
//! It verifies RPC v1, ROA v1 and V3 signatures as the service does ([`verify`]) — unknown
//! AccessKey, clock skew, nonce reuse, missing parameters, signature mismatch — and answers
//! with Alibaba's error shape ([`errors`]). It serves a few real operations with realistic
//! bodies ([`operations`]): `ECS:DescribeRegions`, `ECS:DescribeInstances`,
//! `FNF:StartExecution` (RPC v1, or V3 on `/`), FC 3.0 `InvokeFunction` and `GetFunction`
//! (ROA paths, V3 or ROA v1). Faults can be injected per request ([`faults`]) or for the first
//! calls of every action ([`EmulatorConfig::fail_first_calls`]).
//!
//! Plain HTTP on the bound address; [`serve`] returns the address and a handle to stop it.

pub mod errors;
pub mod faults;
pub mod nonces;
pub mod operations;
pub mod verify;

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get, post};
use serde_json::{Value, json};

use crate::errors::ApiFailure;
use crate::faults::{FAULT_NAME, Fault, fault_response};
use crate::nonces::NonceStore;
use crate::verify::{Verified, Verifier};

/// Largest request body read (FC events are at most 32 MB; tests need far less).
pub const MAX_BODY_BYTES: usize = 6 * 1024 * 1024;

/// Test AccessKeys, limits and canned answers.
#[derive(Clone, Debug)]
pub struct EmulatorConfig {
    /// Address to listen on; port 0 picks a free port.
    pub bind: SocketAddr,
    /// AccessKey ID → secret. The default is the dummy pair `testid` / `testsecret`.
    pub keys: HashMap<String, String>,
    /// Accepted clock difference. The error centre says 15 minutes, the RPC page 31
    /// (UNCERTAIN, openapi-signing.md §3.1); 15 is the default.
    pub max_skew: Duration,
    /// Most nonces remembered for replay detection.
    pub nonce_capacity: usize,
    /// Fail the first N calls of every action (per AccessKey) with 503 `ServiceUnavailable`.
    pub fail_first_calls: u32,
    /// FC function name → the response `InvokeFunction` returns (default: an echo).
    pub fc_responses: HashMap<String, Value>,
}

impl Default for EmulatorConfig {
    fn default() -> Self {
        Self {
            bind: SocketAddr::from(([127, 0, 0, 1], 0)),
            keys: HashMap::from([("testid".to_owned(), "testsecret".to_owned())]),
            max_skew: Duration::from_secs(15 * 60),
            nonce_capacity: 100_000,
            fail_first_calls: 0,
            fc_responses: HashMap::new(),
        }
    }
}

/// Shared state of one emulator.
struct Emulator {
    config: EmulatorConfig,
    nonces: Mutex<NonceStore>,
    requests: AtomicU64,
    /// `AccessKeyId:action` → calls seen, for the fail-first faults.
    calls: Mutex<HashMap<String, u32>>,
}

/// Which operation a route answers.
enum Route {
    Rpc,
    FcInvoke(String),
    FcGet(String),
}

fn now_seconds() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

impl Emulator {
    fn next_request_id(&self) -> String {
        let n = self.requests.fetch_add(1, Ordering::Relaxed) + 1;
        format!("00000000-0000-4000-8000-{n:012X}")
    }

    /// Counts a call of `key`; `true` while it is among the first `limit`.
    fn within_first(&self, key: &str, limit: u32) -> bool {
        let Ok(mut calls) = self.calls.lock() else { return false };
        let count = calls.entry(key.to_owned()).or_default();
        *count = count.saturating_add(1);
        *count <= limit
    }

    async fn handle(&self, route: Route, method: Method, uri: Uri, headers: HeaderMap, body: Bytes) -> Response {
        let request_id = self.next_request_id();
        let now = now_seconds();
        let max_skew_seconds = i64::try_from(self.config.max_skew.as_secs()).unwrap_or(i64::MAX);
        let verifier = Verifier { keys: &self.config.keys, max_skew_seconds, now };
        let verified = match verifier.verify(&method, &uri, &headers, &body) {
            Ok(v) => v,
            Err(failure) => return failure.into_response(&request_id),
        };
        let fresh = self.nonces.lock().map(|mut n| n.insert(&verified.nonce, now, max_skew_seconds)).unwrap_or(false);
        if !fresh {
            return ApiFailure::nonce_used().into_response(&request_id);
        }
        let fault = requested_fault(&headers, &verified);
        if let Some(Fault::Slow(delay)) = fault {
            tokio::time::sleep(delay).await;
        }
        let action = verified.action.clone().unwrap_or_else(|| uri.path().to_owned());
        let fail_first = match fault {
            Some(Fault::FailFirst(n)) => n,
            _ => self.config.fail_first_calls,
        };
        if fail_first > 0 && self.within_first(&format!("{}:{action}", verified.access_key_id), fail_first) {
            return ApiFailure::unavailable().into_response(&request_id);
        }
        let (result, request_id_in_body) = match &route {
            Route::Rpc => (
                operations::rpc_operation(verified.action.as_deref(), verified.version.as_deref(), &verified.params),
                true,
            ),
            Route::FcInvoke(name) => {
                (Ok(operations::invoke_function(name, &body, self.config.fc_responses.get(name))), false)
            }
            Route::FcGet(name) => (Ok(operations::get_function(name)), false),
        };
        let mut output = match result {
            Ok(output) => output,
            Err(failure) => return failure.into_response(&request_id),
        };
        if request_id_in_body && let Value::Object(members) = &mut output {
            members.insert("RequestId".to_owned(), json!(request_id));
        }
        let text = output.to_string();
        if let Some(response) = fault.as_ref().and_then(|f| fault_response(f, &request_id, || text.clone())) {
            return response;
        }
        (
            StatusCode::OK,
            [("content-type", "application/json;charset=utf-8"), ("x-acs-request-id", request_id.as_str())],
            text,
        )
            .into_response()
    }
}

/// The fault a request asks for: the header first, then a query or form parameter.
fn requested_fault(headers: &HeaderMap, verified: &Verified) -> Option<Fault> {
    headers
        .get(FAULT_NAME)
        .and_then(|v| v.to_str().ok())
        .or_else(|| verified.params.iter().find(|(k, _)| k == FAULT_NAME).map(|(_, v)| v.as_str()))
        .and_then(Fault::parse)
}

async fn rpc(State(emu): State<Arc<Emulator>>, method: Method, uri: Uri, headers: HeaderMap, body: Bytes) -> Response {
    emu.handle(Route::Rpc, method, uri, headers, body).await
}

async fn fc_invoke(
    State(emu): State<Arc<Emulator>>,
    Path(name): Path<String>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    emu.handle(Route::FcInvoke(name), method, uri, headers, body).await
}

async fn fc_get_function(
    State(emu): State<Arc<Emulator>>,
    Path(name): Path<String>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    emu.handle(Route::FcGet(name), method, uri, headers, body).await
}

/// The emulator's routes, for embedding in another server or calling with `tower::ServiceExt`.
pub fn router(config: EmulatorConfig) -> Router {
    let nonces = Mutex::new(NonceStore::new(config.nonce_capacity));
    let emu = Arc::new(Emulator { config, nonces, requests: AtomicU64::new(0), calls: Mutex::new(HashMap::new()) });
    Router::new()
        .route("/2023-03-30/functions/{name}/invocations", post(fc_invoke))
        .route("/2023-03-30/functions/{name}", get(fc_get_function))
        .route("/", any(rpc))
        .layer(axum::extract::DefaultBodyLimit::max(MAX_BODY_BYTES))
        .with_state(emu)
}

/// A running emulator. Dropping the handle leaves it running until the runtime ends;
/// [`EmulatorHandle::shutdown`] stops it.
pub struct EmulatorHandle {
    stop: tokio::sync::oneshot::Sender<()>,
    task: tokio::task::JoinHandle<std::io::Result<()>>,
}

impl EmulatorHandle {
    /// Stops accepting connections, lets requests in flight finish, and waits for the server.
    pub async fn shutdown(self) -> std::io::Result<()> {
        let _ = self.stop.send(());
        self.task.await.map_err(std::io::Error::other)?
    }
}

/// Serves on `config.bind`; returns the bound address and a handle.
pub async fn serve(config: EmulatorConfig) -> std::io::Result<(SocketAddr, EmulatorHandle)> {
    let listener = tokio::net::TcpListener::bind(config.bind).await?;
    let bound = listener.local_addr()?;
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let task = tokio::spawn(async move {
        axum::serve(listener, router(config))
            .with_graceful_shutdown(async {
                // A dropped handle (sender gone) means "keep running".
                if stopped.await.is_err() {
                    std::future::pending::<()>().await;
                }
            })
            .await
    });
    Ok((bound, EmulatorHandle { stop, task }))
}

/// Serves on `addr` (port 0 for a free port) until the runtime ends; returns the bound address.
pub async fn spawn(config: EmulatorConfig, addr: SocketAddr) -> std::io::Result<SocketAddr> {
    serve(EmulatorConfig { bind: addr, ..config }).await.map(|(bound, _handle)| bound)
}
