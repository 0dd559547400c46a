//! Mapping OpenAPI responses to Task results: a JSON body is the output; an error body
//! (`Code`/`code`, `Message`/`message`, `RequestId`/`requestId`) becomes a Task error whose
//! name is the `Code` (openapi-signing.md §3.5; CloudFlow's naming is INFERRED).

use serde_json::Value;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApiError {
    /// The error name a Retry/Catch matches: the response's `Code`, or `HTTP.<status>`.
    pub code: String,
    pub message: String,
    pub request_id: Option<String>,
    pub status: u16,
}

fn field<'a>(body: &'a Value, names: &[&str]) -> Option<&'a str> {
    names.iter().find_map(|n| body.get(*n).and_then(Value::as_str))
}

/// Interprets an HTTP response of an OpenAPI call.
pub fn map_response(status: u16, body: &str) -> Result<Value, ApiError> {
    let parsed: Option<Value> = serde_json::from_str(body).ok();
    if (200..300).contains(&status) {
        return match parsed {
            Some(v) => Ok(v),
            None => Err(ApiError {
                code: "FnF.InvalidResponse".into(),
                message: format!("the response is not JSON: {}", body.chars().take(200).collect::<String>()),
                request_id: None,
                status,
            }),
        };
    }
    let v = parsed.unwrap_or(Value::Null);
    Err(ApiError {
        code: field(&v, &["Code", "code", "ErrorCode"]).map_or_else(|| format!("HTTP.{status}"), str::to_owned),
        message: field(&v, &["Message", "message", "ErrorMessage"])
            .map_or_else(|| body.chars().take(500).collect(), str::to_owned),
        request_id: field(&v, &["RequestId", "requestId"]).map(str::to_owned),
        status,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_bodies_become_named_errors() {
        let e = map_response(400, r#"{"RequestId":"r1","Code":"InvalidTimeStamp.Expired","Message":"expired"}"#)
            .unwrap_err();
        assert_eq!((e.code.as_str(), e.request_id.as_deref()), ("InvalidTimeStamp.Expired", Some("r1")));
        assert_eq!(
            map_response(404, r#"{"code":"FunctionNotFound","message":"no"}"#).unwrap_err().code,
            "FunctionNotFound"
        );
        assert_eq!(map_response(502, "<html>").unwrap_err().code, "HTTP.502");
        assert_eq!(map_response(200, r#"{"a":1}"#).unwrap(), serde_json::json!({"a": 1}));
    }
}
