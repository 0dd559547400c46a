//! A local Alibaba Cloud OpenAPI emulator, for tests and for trying real mode offline. It
//! checks RPC v1 and V3 signatures exactly as the service does (unknown AccessKey, timestamp
//! skew, nonce reuse, missing parameters, signature mismatch), answers with Alibaba's error
//! shape, and serves a few real operations with realistic bodies: `ECS:DescribeRegions`,
//! `ECS:DescribeInstances` (RegionId/VpcId/VSwitchId filters over a fixture fleet),
//! `FNF:StartExecution`, and FC 3.0 `InvokeFunction` (V3, echo) and `GetFunction` (V3, ROA style).
//!
//! Faults on request: header `x-emulator-fault: throttle | 5xx | slow:<ms> | badjson | reset` (the body breaks off after a few bytes).

// Handlers return early with a ready HTTP response; boxing it would only add noise.
#![allow(clippy::result_large_err)]

use std::collections::{HashMap, HashSet};
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, post};
use serde_json::{Value, json};

/// Test AccessKeys (ID → secret) and the clock tolerance.
#[derive(Clone, Debug)]
pub struct EmulatorConfig {
    pub keys: HashMap<String, String>,
    /// Accepted clock difference (the service documents 15 minutes).
    pub max_skew: Duration,
}

impl Default for EmulatorConfig {
    fn default() -> Self {
        Self {
            keys: HashMap::from([("testid".to_owned(), "testsecret".to_owned())]),
            max_skew: Duration::from_secs(15 * 60),
        }
    }
}

struct Emu {
    config: EmulatorConfig,
    nonces: Mutex<HashSet<String>>,
    requests: Mutex<u64>,
}

fn request_id(emu: &Emu) -> String {
    let n = emu
        .requests
        .lock()
        .map(|mut g| {
            *g += 1;
            *g
        })
        .unwrap_or(0);
    format!("00000000-0000-4000-8000-{n:012X}")
}

fn error(emu: &Emu, status: StatusCode, code: &str, message: &str) -> Response {
    let body = json!({"RequestId": request_id(emu), "HostId": "emulator.aliyuncs.local", "Code": code, "Message": message, "Recommend": format!("https://api.aliyun.com/troubleshoot?q={code}")});
    (status, [("content-type", "application/json;charset=utf-8")], body.to_string()).into_response()
}

fn now_secs() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64)
}

fn check_time(emu: &Emu, ts: &str) -> Result<(), Response> {
    let Some(ms) = engine::parse_rfc3339_millis(ts) else {
        return Err(error(
            emu,
            StatusCode::BAD_REQUEST,
            "IllegalTimestamp",
            &format!(
                "The input parameter \"Timestamp\" that is mandatory for processing this request is not supplied or its format is wrong: {ts}"
            ),
        ));
    };
    if (ms / 1000 - now_secs()).unsigned_abs() > emu.config.max_skew.as_secs() {
        return Err(error(
            emu,
            StatusCode::BAD_REQUEST,
            "InvalidTimeStamp.Expired",
            "Specified time stamp or date value is expired.",
        ));
    }
    Ok(())
}

fn check_nonce(emu: &Emu, nonce: &str) -> Result<(), Response> {
    let fresh = emu.nonces.lock().map(|mut n| n.insert(nonce.to_owned())).unwrap_or(true);
    if fresh {
        Ok(())
    } else {
        Err(error(emu, StatusCode::BAD_REQUEST, "SignatureNonceUsed", "Specified signature nonce was used already."))
    }
}

fn fault(emu: &Emu, headers: &HeaderMap) -> Option<Response> {
    let f = headers.get("x-emulator-fault")?.to_str().ok()?;
    Some(match f {
        "throttle" => {
            error(emu, StatusCode::TOO_MANY_REQUESTS, "Throttling.User", "Request was denied due to user flow control.")
        }
        "5xx" => error(
            emu,
            StatusCode::SERVICE_UNAVAILABLE,
            "ServiceUnavailable",
            "The request has failed due to a temporary failure of the server.",
        ),
        "badjson" => (StatusCode::OK, [("content-type", "application/json")], "{\"truncated\": ").into_response(),
        // The connection breaks after the first bytes of the body: the client sees a reset or
        // a truncated response.
        "reset" => {
            let chunks: Vec<Result<Bytes, std::io::Error>> = vec![
                Ok(Bytes::from_static(b"{\"RequestId\": \"")),
                Err(std::io::Error::new(std::io::ErrorKind::ConnectionReset, "emulated reset")),
            ];
            let mut r = Response::new(axum::body::Body::from_stream(futures_util::stream::iter(chunks)));
            r.headers_mut().insert("content-type", axum::http::HeaderValue::from_static("application/json"));
            r
        }
        _ => return None,
    })
}

/// Verifies an RPC v1 request; returns its parameters.
fn verify_rpc(emu: &Emu, method: &Method, uri: &Uri, body: &[u8]) -> Result<Vec<(String, String)>, Response> {
    let mut params: Vec<(String, String)> =
        url::form_urlencoded::parse(uri.query().unwrap_or("").as_bytes()).into_owned().collect();
    params.extend(url::form_urlencoded::parse(body).into_owned());
    let get = |k: &str| params.iter().find(|(key, _)| key == k).map(|(_, v)| v.clone());
    for required in ["Action", "Version", "AccessKeyId", "Signature", "SignatureMethod", "SignatureNonce", "Timestamp"]
    {
        if get(required).is_none() {
            return Err(error(
                emu,
                StatusCode::BAD_REQUEST,
                "MissingParameter",
                &format!(
                    "The input parameter \"{required}\" that is mandatory for processing this request is not supplied."
                ),
            ));
        }
    }
    let id = get("AccessKeyId").unwrap_or_default();
    let Some(secret) = emu.config.keys.get(&id) else {
        return Err(error(
            emu,
            StatusCode::NOT_FOUND,
            "InvalidAccessKeyId.NotFound",
            "Specified access key is not found.",
        ));
    };
    check_time(emu, &get("Timestamp").unwrap_or_default())?;
    let expected = acs::rpc::sign_rpc(method.as_str(), &params, secret);
    if get("Signature").as_deref() != Some(expected.signature.as_str()) {
        return Err(error(
            emu,
            StatusCode::BAD_REQUEST,
            "SignatureDoesNotMatch",
            &format!(
                "Specified signature is not matched with our calculation. server string to sign is:{}",
                expected.string_to_sign
            ),
        ));
    }
    check_nonce(emu, &get("SignatureNonce").unwrap_or_default())?;
    Ok(params)
}

/// Verifies a V3 request (`Authorization: ACS3-HMAC-SHA256 …`).
fn verify_v3(emu: &Emu, method: &Method, uri: &Uri, headers: &HeaderMap, body: &[u8]) -> Result<(), Response> {
    let auth = headers.get("authorization").and_then(|v| v.to_str().ok()).unwrap_or("");
    let Some(rest) = auth.strip_prefix("ACS3-HMAC-SHA256 ") else {
        return Err(error(
            emu,
            StatusCode::BAD_REQUEST,
            "MissingParameter",
            "The Authorization header is missing or not ACS3-HMAC-SHA256.",
        ));
    };
    let part =
        |name: &str| rest.split(',').find_map(|p| p.trim().strip_prefix(name).map(str::to_owned)).unwrap_or_default();
    let (id, signed, signature) = (part("Credential="), part("SignedHeaders="), part("Signature="));
    let Some(secret) = emu.config.keys.get(&id) else {
        return Err(error(
            emu,
            StatusCode::NOT_FOUND,
            "InvalidAccessKeyId.NotFound",
            "Specified access key is not found.",
        ));
    };
    let header = |n: &str| headers.get(n).and_then(|v| v.to_str().ok()).unwrap_or("").to_owned();
    check_time(emu, &header("x-acs-date"))?;
    if acs::v3::hash_payload(body) != header("x-acs-content-sha256") {
        return Err(error(
            emu,
            StatusCode::BAD_REQUEST,
            "InvalidParameter.ContentSha256",
            "x-acs-content-sha256 does not match the body.",
        ));
    }
    let signed_headers: Vec<(String, String)> =
        signed.split(';').filter(|n| !n.is_empty()).map(|n| (n.to_owned(), header(n))).collect();
    let query: Vec<(String, String)> =
        url::form_urlencoded::parse(uri.query().unwrap_or("").as_bytes()).into_owned().collect();
    let expected = acs::v3::sign_v3(method.as_str(), uri.path(), &query, &signed_headers, body, &id, secret);
    if expected.signature != signature {
        return Err(error(
            emu,
            StatusCode::BAD_REQUEST,
            "SignatureDoesNotMatch",
            &format!(
                "Specified signature is not matched with our calculation. server string to sign is:{}",
                expected.string_to_sign
            ),
        ));
    }
    check_nonce(emu, &header("x-acs-signature-nonce"))
}

/// The fixture fleet of `DescribeInstances`.
fn fleet() -> Vec<Value> {
    (1..=6)
        .map(|i| {
            let (region, vpc, vsw) = if i <= 4 { ("cn-hangzhou", "vpc-bp1example", if i <= 2 { "vsw-bp1example" } else { "vsw-bp1other" }) } else { ("cn-shanghai", "vpc-uf6example", "vsw-uf6example") };
            json!({
                "InstanceId": format!("i-emu{i:04}"), "InstanceName": format!("web-{i}"), "RegionId": region,
                "ZoneId": format!("{region}-h"), "Status": if i == 3 { "Stopped" } else { "Running" },
                "InstanceType": "ecs.g7.large", "Cpu": 2, "Memory": 8192, "OSName": "Alibaba Cloud Linux 3.2104 LTS 64位",
                "VpcAttributes": {"VpcId": vpc, "VSwitchId": vsw, "PrivateIpAddress": {"IpAddress": [format!("172.16.0.{}", 10 + i)]}},
                "CreationTime": "2025-11-01T08:00Z",
            })
        })
        .collect()
}

fn rpc_operation(emu: &Emu, params: &[(String, String)]) -> Response {
    let get = |k: &str| params.iter().find(|(key, _)| key == k).map(|(_, v)| v.as_str());
    let ok = |body: Value| {
        let mut body = body;
        body["RequestId"] = json!(request_id(emu));
        (StatusCode::OK, [("content-type", "application/json;charset=utf-8")], body.to_string()).into_response()
    };
    match (get("Action"), get("Version")) {
        (Some("DescribeRegions"), Some("2014-05-26")) => ok(json!({"Regions": {"Region": [
            {"RegionId": "cn-hangzhou", "LocalName": "华东1（杭州）", "RegionEndpoint": "ecs.cn-hangzhou.aliyuncs.com"},
            {"RegionId": "cn-shanghai", "LocalName": "华东2（上海）", "RegionEndpoint": "ecs.cn-shanghai.aliyuncs.com"},
        ]}})),
        (Some("DescribeInstances"), Some("2014-05-26")) => {
            let Some(region) = get("RegionId") else {
                return error(
                    emu,
                    StatusCode::BAD_REQUEST,
                    "MissingRegionId",
                    "RegionId is mandatory for this action.",
                );
            };
            let instances: Vec<Value> = fleet()
                .into_iter()
                .filter(|i| i["RegionId"] == region)
                .filter(|i| get("VpcId").is_none_or(|v| i["VpcAttributes"]["VpcId"] == v))
                .filter(|i| get("VSwitchId").is_none_or(|v| i["VpcAttributes"]["VSwitchId"] == v))
                .collect();
            ok(
                json!({"TotalCount": instances.len(), "PageNumber": 1, "PageSize": get("PageSize").and_then(|p| p.parse::<u32>().ok()).unwrap_or(10), "Instances": {"Instance": instances}}),
            )
        }
        (Some("StartExecution"), Some("2019-03-15")) => ok(
            json!({"FlowName": get("FlowName"), "Name": get("ExecutionName").unwrap_or("emulated-execution"), "Status": "Running", "StartedTime": "2026-01-01T00:00:00.000Z"}),
        ),
        (Some(action), version) => error(
            emu,
            StatusCode::NOT_FOUND,
            "InvalidAction.NotFound",
            &format!(
                "Specified api is not found, please check your url and method. ({action}, {})",
                version.unwrap_or("?")
            ),
        ),
        (None, _) => error(emu, StatusCode::BAD_REQUEST, "MissingParameter", "Action is mandatory."),
    }
}

async fn rpc(State(emu): State<Arc<Emu>>, method: Method, uri: Uri, headers: HeaderMap, body: Bytes) -> Response {
    if let Some(ms) = headers
        .get("x-emulator-fault")
        .and_then(|v| v.to_str().ok())
        .and_then(|f| f.strip_prefix("slow:"))
        .and_then(|m| m.parse().ok())
    {
        tokio::time::sleep(Duration::from_millis(ms)).await;
    }
    if headers.contains_key("authorization") {
        return match verify_v3(&emu, &method, &uri, &headers, &body) {
            Err(r) => r,
            Ok(()) => fault(&emu, &headers).unwrap_or_else(|| {
                error(
                    &emu,
                    StatusCode::NOT_FOUND,
                    "InvalidAction.NotFound",
                    "only FC InvokeFunction is emulated under V3",
                )
            }),
        };
    }
    match verify_rpc(&emu, &method, &uri, &body) {
        Err(r) => r,
        Ok(params) => fault(&emu, &headers).unwrap_or_else(|| rpc_operation(&emu, &params)),
    }
}

async fn fc_invoke(
    State(emu): State<Arc<Emu>>,
    Path(name): Path<String>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    if let Err(r) = verify_v3(&emu, &method, &uri, &headers, &body) {
        return r;
    }
    if let Some(r) = fault(&emu, &headers) {
        return r;
    }
    let payload: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
    (
        StatusCode::OK,
        [("content-type", "application/json"), ("x-fc-request-id", "emu-fc-1")],
        json!({"function": name, "echo": payload}).to_string(),
    )
        .into_response()
}

async fn fc_get_function(
    State(emu): State<Arc<Emu>>,
    Path(name): Path<String>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    if let Err(r) = verify_v3(&emu, &method, &uri, &headers, &body) {
        return r;
    }
    let body = json!({"functionName": name, "functionId": "emu-fn-0001", "runtime": "python3.10", "handler": "index.handler", "memorySize": 512, "timeout": 60, "requestId": request_id(&emu)});
    (StatusCode::OK, [("content-type", "application/json")], body.to_string()).into_response()
}

pub fn router(config: EmulatorConfig) -> Router {
    let emu = Arc::new(Emu { config, nonces: Mutex::new(HashSet::new()), requests: Mutex::new(0) });
    Router::new()
        .route("/2023-03-30/functions/{name}/invocations", post(fc_invoke))
        .route("/2023-03-30/functions/{name}", axum::routing::get(fc_get_function))
        .route("/", any(rpc))
        .with_state(emu)
}

/// Serves on `addr` (use port 0 for an ephemeral port); returns the bound address.
pub async fn spawn(config: EmulatorConfig, addr: SocketAddr) -> std::io::Result<SocketAddr> {
    let listener = tokio::net::TcpListener::bind(addr).await?;
    let bound = listener.local_addr()?;
    tokio::spawn(async move {
        let _ = axum::serve(listener, router(config)).await;
    });
    Ok(bound)
}
