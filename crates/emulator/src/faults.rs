//! Fault injection, so Retry and Catch paths run end to end. A request asks for a fault with
//! the header `x-emulator-fault` or a query/form parameter of the same name (which a flow can
//! set through its Task `Parameters`); faults apply after the signature was verified.

use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

use crate::errors::ApiFailure;

/// The header and parameter name.
pub const FAULT_NAME: &str = "x-emulator-fault";
/// Longest delay `slow:<ms>` may ask for.
pub const MAX_SLOW: Duration = Duration::from_secs(60);

/// One injected fault.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Fault {
    /// 429 `Throttling.User`.
    Throttle,
    /// 503 `ServiceUnavailable`.
    ServerError,
    /// Answer normally after this delay (capped at [`MAX_SLOW`]).
    Slow(Duration),
    /// The connection breaks after the first bytes of the body.
    Reset,
    /// A correctly framed 200 whose JSON body stops halfway.
    Truncate,
    /// A 200 whose body is not JSON.
    BadJson,
    /// 503 `ServiceUnavailable` for the first N calls of this action, then normal answers.
    FailFirst(u32),
}

impl Fault {
    /// Parses `throttle`, `5xx`, `slow:<ms>`, `reset`, `truncate`, `badjson`, `fail-first:<n>`.
    pub fn parse(text: &str) -> Option<Self> {
        let text = text.trim();
        Some(match text {
            "throttle" => Self::Throttle,
            "5xx" => Self::ServerError,
            "reset" => Self::Reset,
            "truncate" => Self::Truncate,
            "badjson" => Self::BadJson,
            _ => {
                if let Some(ms) = text.strip_prefix("slow:") {
                    Self::Slow(Duration::from_millis(ms.parse().ok()?).min(MAX_SLOW))
                } else {
                    Self::FailFirst(text.strip_prefix("fail-first:")?.parse().ok()?)
                }
            }
        })
    }
}

/// The response of a fault that replaces the answer (`None` for `Slow` and `FailFirst`, which
/// the server handles around the normal answer).
pub fn fault_response(fault: &Fault, request_id: &str, normal_body: impl FnOnce() -> String) -> Option<Response> {
    Some(match fault {
        Fault::Throttle => ApiFailure::throttled().into_response(request_id),
        Fault::ServerError => ApiFailure::unavailable().into_response(request_id),
        Fault::BadJson => (StatusCode::OK, [("content-type", "application/json")], "{\"truncated\": ").into_response(),
        Fault::Truncate => {
            let body = normal_body();
            let half: String = body.chars().take(body.chars().count() / 2).collect();
            (StatusCode::OK, [("content-type", "application/json;charset=utf-8")], half).into_response()
        }
        Fault::Reset => {
            let chunks: Vec<Result<Bytes, std::io::Error>> = vec![
                Ok(Bytes::from_static(b"{\"RequestId\": \"")),
                Err(std::io::Error::new(std::io::ErrorKind::ConnectionReset, "emulated reset")),
            ];
            let mut response = Response::new(Body::from_stream(futures_util::stream::iter(chunks)));
            response.headers_mut().insert("content-type", HeaderValue::from_static("application/json"));
            response
        }
        Fault::Slow(_) | Fault::FailFirst(_) => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_documented_fault_parses() {
        assert_eq!(Fault::parse("throttle"), Some(Fault::Throttle));
        assert_eq!(Fault::parse("5xx"), Some(Fault::ServerError));
        assert_eq!(Fault::parse("slow:2000"), Some(Fault::Slow(Duration::from_millis(2000))));
        assert_eq!(Fault::parse("reset"), Some(Fault::Reset));
        assert_eq!(Fault::parse("truncate"), Some(Fault::Truncate));
        assert_eq!(Fault::parse("badjson"), Some(Fault::BadJson));
        assert_eq!(Fault::parse("fail-first:3"), Some(Fault::FailFirst(3)));
    }

    #[test]
    fn slow_delays_are_capped_and_unknown_faults_ignored() {
        assert_eq!(Fault::parse("slow:999999999"), Some(Fault::Slow(MAX_SLOW)));
        assert_eq!(Fault::parse("slow:x"), None);
        assert_eq!(Fault::parse("explode"), None);
    }
}
