//! Alibaba's error shape (`RequestId`, `HostId`, `Code`, `Message`, `Recommend`) and the
//! codes and HTTP statuses the emulator answers with (openapi-signing.md §3.5).

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::json;

/// `HostId` of every answer.
pub const HOST_ID: &str = "emulator.aliyuncs.local";

/// A refusal: status, code and message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApiFailure {
    pub status: StatusCode,
    pub code: &'static str,
    pub message: String,
}

impl ApiFailure {
    pub fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> Self {
        Self { status, code, message: message.into() }
    }

    pub fn missing(name: &str) -> Self {
        Self::new(
            StatusCode::BAD_REQUEST,
            "MissingParameter",
            format!("The input parameter \"{name}\" that is mandatory for processing this request is not supplied."),
        )
    }

    pub fn unknown_key() -> Self {
        Self::new(StatusCode::NOT_FOUND, "InvalidAccessKeyId.NotFound", "Specified access key is not found.")
    }

    pub fn signature_mismatch(server_string_to_sign: &str) -> Self {
        Self::new(
            StatusCode::BAD_REQUEST,
            "SignatureDoesNotMatch",
            format!(
                "Specified signature is not matched with our calculation. server string to sign is:{server_string_to_sign}"
            ),
        )
    }

    pub fn expired() -> Self {
        Self::new(StatusCode::BAD_REQUEST, "InvalidTimeStamp.Expired", "Specified time stamp or date value is expired.")
    }

    pub fn nonce_used() -> Self {
        Self::new(StatusCode::BAD_REQUEST, "SignatureNonceUsed", "Specified signature nonce was used already.")
    }

    pub fn throttled() -> Self {
        Self::new(StatusCode::TOO_MANY_REQUESTS, "Throttling.User", "Request was denied due to user flow control.")
    }

    pub fn unavailable() -> Self {
        Self::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "ServiceUnavailable",
            "The request has failed due to a temporary failure of the server.",
        )
    }

    /// The JSON error response with `request_id`.
    pub fn into_response(self, request_id: &str) -> Response {
        let body = json!({
            "RequestId": request_id,
            "HostId": HOST_ID,
            "Code": self.code,
            "Message": self.message,
            "Recommend": format!("https://api.aliyun.com/troubleshoot?q={}", self.code),
        });
        (self.status, [("content-type", "application/json;charset=utf-8")], body.to_string()).into_response()
    }
}
