//! Mapping OpenAPI responses to Task results (openapi-signing.md §3.5). See the crate docs for
//! the mapping table.

use std::fmt;

use serde_json::Value;

/// How much of an unreadable body is quoted in an error message.
pub const MAX_QUOTED_BODY_CHARS: usize = 500;

/// A failed call, named for Retry/Catch.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApiError {
    /// The error name a Retry/Catch matches: the response's `Code` (`code`, `ErrorCode`),
    /// `HTTP.<status>` without one, `FnF.InvalidResponse` for a success that is not JSON.
    pub code: String,
    pub message: String,
    pub request_id: Option<String>,
    /// `HostId`, when the service sent one.
    pub host_id: Option<String>,
    /// `Recommend`, the troubleshooting URL, when the service sent one.
    pub recommend: Option<String>,
    pub status: u16,
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} (HTTP {}): {}", self.code, self.status, self.message)?;
        if let Some(id) = &self.request_id {
            write!(f, " [RequestId {id}]")?;
        }
        Ok(())
    }
}

impl std::error::Error for ApiError {}

fn field(body: &Value, names: &[&str]) -> Option<String> {
    names.iter().find_map(|n| body.get(*n).and_then(Value::as_str)).map(str::to_owned)
}

fn quote(body: &str) -> String {
    body.chars().take(MAX_QUOTED_BODY_CHARS).collect()
}

/// Interprets an HTTP response of an OpenAPI call: a 2xx JSON body is the output; anything
/// else is an [`ApiError`].
// The error carries every field of the service's error body; it is the rare path and is read
// field by field by callers, so it stays unboxed.
#[allow(clippy::result_large_err)]
pub fn map_response(status: u16, body: &str) -> Result<Value, ApiError> {
    let parsed: Option<Value> = serde_json::from_str(body).ok();
    if (200..300).contains(&status) {
        return parsed.ok_or_else(|| ApiError {
            code: "FnF.InvalidResponse".into(),
            message: format!("the response is not JSON: {}", quote(body)),
            request_id: None,
            host_id: None,
            recommend: None,
            status,
        });
    }
    let v = parsed.unwrap_or(Value::Null);
    Err(ApiError {
        code: field(&v, &["Code", "code", "ErrorCode"]).unwrap_or_else(|| format!("HTTP.{status}")),
        message: field(&v, &["Message", "message", "ErrorMessage"]).unwrap_or_else(|| quote(body)),
        request_id: field(&v, &["RequestId", "requestId"]),
        host_id: field(&v, &["HostId", "hostId"]),
        recommend: field(&v, &["Recommend", "recommend"]),
        status,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rpc_error_bodies_become_errors_named_by_code() {
        let e = map_response(
            400,
            r#"{"RequestId":"r1","HostId":"ecs.aliyuncs.com","Code":"InvalidTimeStamp.Expired","Message":"expired","Recommend":"https://x"}"#,
        )
        .unwrap_err();
        assert_eq!(e.code, "InvalidTimeStamp.Expired");
        assert_eq!((e.request_id.as_deref(), e.host_id.as_deref()), (Some("r1"), Some("ecs.aliyuncs.com")));
        assert_eq!(e.recommend.as_deref(), Some("https://x"));
        assert_eq!(e.to_string(), "InvalidTimeStamp.Expired (HTTP 400): expired [RequestId r1]");
    }

    #[test]
    fn roa_lower_case_error_bodies_are_read_too() {
        let e = map_response(404, r#"{"code":"FunctionNotFound","message":"no","requestId":"r2"}"#).unwrap_err();
        assert_eq!(
            (e.code.as_str(), e.message.as_str(), e.request_id.as_deref()),
            ("FunctionNotFound", "no", Some("r2"))
        );
    }

    #[test]
    fn errors_without_a_code_are_named_by_status_and_quote_a_bounded_body() {
        let html = format!("<html>{}</html>", "x".repeat(2 * MAX_QUOTED_BODY_CHARS));
        let e = map_response(502, &html).unwrap_err();
        assert_eq!(e.code, "HTTP.502");
        assert_eq!(e.message.chars().count(), MAX_QUOTED_BODY_CHARS);
    }

    #[test]
    fn successes_are_the_json_body_and_non_json_successes_are_errors() {
        assert_eq!(map_response(200, r#"{"a":1}"#).unwrap(), serde_json::json!({"a": 1}));
        assert_eq!(map_response(200, "{\"truncated\": ").unwrap_err().code, "FnF.InvalidResponse");
    }
}
