//! How a signed request reaches the relay: the CLI posts with an HTTP client, the browser with
//! `fetch`. Both read the relay's answer with [`RelayReply::from_relay`].

use std::future::Future;
use std::pin::Pin;

use base64::Engine as _;
use serde_json::Value;

/// The relay's answer: the upstream's status and body, or the relay's own refusal.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RelayReply {
    pub status: u16,
    /// Whether the body is JSON (the upstream's `Content-Type`, or the relay's refusal).
    pub json: bool,
    pub body: String,
}

impl RelayReply {
    /// Reads what `POST /api/relay` answered (its HTTP status and body). A relayed answer is
    /// HTTP 200 with the upstream's answer as data,
    /// `{"status", "headers": {…}, "body" | "body_base64"}`; anything else is the relay's own
    /// refusal, `{"error", "message"}`, kept as it is.
    pub fn from_relay(http_status: u16, text: &str) -> RelayReply {
        let refusal = || RelayReply {
            status: http_status,
            json: serde_json::from_str::<Value>(text).is_ok(),
            body: text.to_owned(),
        };
        if http_status != 200 {
            return refusal();
        }
        let Ok(Value::Object(envelope)) = serde_json::from_str::<Value>(text) else { return refusal() };
        let (Some(status), Some(Value::Object(headers))) =
            (envelope.get("status").and_then(Value::as_u64), envelope.get("headers"))
        else {
            return refusal();
        };
        let json = headers
            .get("content-type")
            .and_then(Value::as_str)
            .is_some_and(|c| c.split(';').next().unwrap_or("").trim().to_ascii_lowercase().ends_with("json"));
        let body = match (envelope.get("body"), envelope.get("body_base64")) {
            (Some(Value::String(b)), _) => b.clone(),
            (_, Some(Value::String(b))) => base64::engine::general_purpose::STANDARD
                .decode(b)
                .map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
                .unwrap_or_default(),
            _ => String::new(),
        };
        RelayReply { status: u16::try_from(status).unwrap_or(502), json, body }
    }
}

pub trait Transport {
    /// POSTs `envelope` (JSON text: method, url, headers, body) to the relay at `relay_url`
    /// with `Content-Type: application/json`. `Err` when the relay could not be reached at all.
    fn post<'a>(
        &'a self,
        relay_url: &'a str,
        envelope: String,
    ) -> Pin<Box<dyn Future<Output = Result<RelayReply, String>> + 'a>>;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relayed_answers_are_unwrapped_and_refusals_kept() {
        let r = RelayReply::from_relay(
            200,
            r#"{"status":404,"headers":{"content-type":"application/json;charset=utf-8"},"body":"{\"Code\":\"NotFound\"}"}"#,
        );
        assert_eq!(r, RelayReply { status: 404, json: true, body: r#"{"Code":"NotFound"}"#.into() });
        let r = RelayReply::from_relay(
            200,
            r#"{"status":200,"headers":{"content-type":"text/xml"},"body_base64":"PGEvPg=="}"#,
        );
        assert_eq!(r, RelayReply { status: 200, json: false, body: "<a/>".into() });
        let refusal = r#"{"error":"host_not_allowed","message":"…"}"#;
        assert_eq!(RelayReply::from_relay(403, refusal), RelayReply { status: 403, json: true, body: refusal.into() });
        // Not the relay's shape (an old relay, or something else at that address).
        assert_eq!(RelayReply::from_relay(200, "<html>").status, 200);
        assert!(!RelayReply::from_relay(502, "Bad Gateway").json);
    }
}
