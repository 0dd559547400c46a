//! What `POST /api/relay` answers. Never a document a browser renders or sniffs as active
//! content, whatever the upstream sends: the upstream's answer is data inside a JSON envelope,
//!
//! ```json
//! {"status": 200, "headers": {"content-type": "application/json", "x-acs-request-id": "…"}, "body": "…"}
//! ```
//!
//! with `"body_base64"` instead of `"body"` when the body is not UTF-8. The relay's own
//! refusals are `{"error": CODE, "message": …}` with a 4xx/5xx status; a relayed answer is
//! always HTTP 200 (its upstream status is inside). Every `/api` response carries
//! [`API_HEADERS`]: `nosniff`, `Content-Disposition: attachment`, a `sandbox` CSP, `no-store`
//! and `Cross-Origin-Resource-Policy: same-origin`.

use axum::http::{HeaderMap, HeaderName, HeaderValue, header};
use base64::Engine as _;
use serde_json::{Map, Value, json};

/// Upstream response headers copied into the envelope (as data, never as headers of the
/// relay's response). Everything else is dropped: `Set-Cookie`, `Access-Control-*`,
/// `Clear-Site-Data`, `Refresh`, `Link`, `Location`, `Strict-Transport-Security`, …
const ALLOWED_RESPONSE_HEADERS: [&str; 7] =
    ["content-type", "content-encoding", "content-language", "date", "etag", "last-modified", "retry-after"];
/// Prefixes of allowed response headers: Alibaba Cloud's request ids and FC's function status
/// (`x-fc-error-type`, `x-fc-status`).
const ALLOWED_RESPONSE_PREFIXES: [&str; 2] = ["x-acs-", "x-fc-"];

fn allowed(name: &HeaderName) -> bool {
    let n = name.as_str();
    ALLOWED_RESPONSE_HEADERS.contains(&n) || ALLOWED_RESPONSE_PREFIXES.iter().any(|p| n.starts_with(p))
}

/// The envelope for an upstream answer.
pub fn envelope(status: u16, headers: &HeaderMap, body: Vec<u8>) -> Value {
    let mut kept = Map::new();
    for (name, value) in headers.iter().filter(|(n, _)| allowed(n)) {
        let value = String::from_utf8_lossy(value.as_bytes()).into_owned();
        match kept.get_mut(name.as_str()) {
            Some(Value::String(earlier)) => {
                earlier.push_str(", ");
                earlier.push_str(&value);
            }
            _ => {
                kept.insert(name.as_str().to_owned(), Value::String(value));
            }
        }
    }
    match String::from_utf8(body) {
        Ok(text) => json!({"status": status, "headers": kept, "body": text}),
        Err(e) => json!({
            "status": status,
            "headers": kept,
            "body_base64": base64::engine::general_purpose::STANDARD.encode(e.as_bytes()),
        }),
    }
}

/// Headers on every `/api` response, relayed answers and refusals alike.
pub const API_HEADERS: [(HeaderName, &str); 6] = [
    (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
    (header::CONTENT_DISPOSITION, "attachment; filename=\"relay.json\""),
    (header::CONTENT_SECURITY_POLICY, "sandbox; default-src 'none'; frame-ancestors 'none'"),
    (header::CACHE_CONTROL, "no-store"),
    (HeaderName::from_static("cross-origin-resource-policy"), "same-origin"),
    (header::CONTENT_TYPE, "application/json"),
];

/// Sets [`API_HEADERS`] on `headers`, replacing whatever was there.
pub fn set_api_headers(headers: &mut HeaderMap) {
    for (name, value) in API_HEADERS {
        headers.insert(name, HeaderValue::from_static(value));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_allow_listed_headers_are_kept_as_data() {
        let mut h = HeaderMap::new();
        for (k, v) in [
            ("content-type", "text/html"),
            ("x-acs-request-id", "r-1"),
            ("x-fc-error-type", "UnhandledInvocationError"),
            ("set-cookie", "a=b"),
            ("access-control-allow-origin", "*"),
            ("clear-site-data", "\"*\""),
            ("refresh", "0;url=https://evil.example"),
            ("link", "<https://evil.example>; rel=preload"),
            ("location", "https://evil.example"),
            ("strict-transport-security", "max-age=1"),
            ("content-security-policy", "script-src *"),
            ("date", "x"),
            ("date", "y"),
        ] {
            h.append(HeaderName::from_static(k), HeaderValue::from_static(v));
        }
        let e = envelope(200, &h, b"<script>alert(1)</script>".to_vec());
        assert_eq!(
            e,
            json!({"status": 200, "headers": {"content-type": "text/html", "x-acs-request-id": "r-1",
                "x-fc-error-type": "UnhandledInvocationError", "date": "x, y"},
                "body": "<script>alert(1)</script>"})
        );
    }

    #[test]
    fn binary_bodies_are_base64() {
        let e = envelope(502, &HeaderMap::new(), vec![0xff, 0x00]);
        assert_eq!(e, json!({"status": 502, "headers": {}, "body_base64": "/wA="}));
    }
}
