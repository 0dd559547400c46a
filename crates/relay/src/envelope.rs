//! The body of `POST /api/relay`: a signed request as JSON, checked before anything is resolved
//! or sent. `parse` is the whole of that check, so it can be tested and fuzzed on its own.

use std::collections::BTreeMap;

use axum::http::{HeaderMap, HeaderName, HeaderValue, Method, StatusCode};
use base64::Engine as _;
use serde::Deserialize;

use crate::redact::SECRET_HEADERS;

/// The JSON the browser or the CLI sends: `{"method", "url", "headers"?, "body"? | "body_base64"?}`.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RelayRequest {
    pub method: String,
    pub url: String,
    #[serde(default)]
    pub headers: BTreeMap<String, String>,
    #[serde(default)]
    pub body: Option<String>,
    #[serde(default)]
    pub body_base64: Option<String>,
}

/// A checked request, ready to send once its URL passes the target policy.
#[derive(Debug)]
pub struct Envelope {
    pub method: Method,
    pub url: String,
    /// What is forwarded (hop-by-hop, cookies, `Host`, `Origin`, `Referer`, `Proxy-*` dropped).
    pub headers: HeaderMap,
    pub body: Vec<u8>,
    /// Credential-bearing headers present (their names only, for the log).
    pub secret_header_names: Vec<String>,
}

/// Why an envelope is refused: the status and error code the relay answers with.
#[derive(Debug, PartialEq, Eq)]
pub struct EnvelopeError {
    pub status: StatusCode,
    pub code: &'static str,
    pub message: String,
}

fn bad_request(message: impl Into<String>) -> EnvelopeError {
    EnvelopeError { status: StatusCode::BAD_REQUEST, code: "bad_request", message: message.into() }
}

/// Headers never forwarded upstream: hop-by-hop (RFC 9110 §7.6.1, plus HTTP/2's and
/// `Expect`), cookies, what the client must not set, and forwarding headers (a relay that passed
/// `X-Forwarded-For` or `Forwarded` on would let a page speak for the relay's address). Headers
/// named in the envelope's own `Connection` header are hop-by-hop too and dropped with it.
const DROPPED_REQUEST_HEADERS: [&str; 18] = [
    "connection",
    "keep-alive",
    "transfer-encoding",
    "te",
    "trailer",
    "upgrade",
    "http2-settings",
    "expect",
    "proxy-authorization",
    "proxy-connection",
    "host",
    "cookie",
    "content-length",
    "origin",
    "referer",
    "forwarded",
    "x-real-ip",
    "via",
];

/// Whether a (lower-case) request header is dropped; `connection_named` are the names listed
/// in the envelope's `Connection` header.
fn dropped(name: &str, connection_named: &[String]) -> bool {
    DROPPED_REQUEST_HEADERS.contains(&name)
        || name.starts_with("proxy-")
        || name.starts_with("x-forwarded-")
        || connection_named.iter().any(|c| c == name)
}

/// Most headers an envelope may carry, the longest value, and the total of names and values.
/// Signed OpenAPI requests carry about ten short headers.
pub const MAX_ENVELOPE_HEADERS: usize = 64;
pub const MAX_HEADER_VALUE_BYTES: usize = 8 * 1024;
pub const MAX_HEADER_TOTAL_BYTES: usize = 32 * 1024;

fn check_header_sizes(headers: &BTreeMap<String, String>) -> Result<(), String> {
    if headers.len() > MAX_ENVELOPE_HEADERS {
        return Err(format!("{} headers; the relay forwards at most {MAX_ENVELOPE_HEADERS}", headers.len()));
    }
    if let Some((name, _)) = headers.iter().find(|(_, v)| v.len() > MAX_HEADER_VALUE_BYTES) {
        return Err(format!("header {name} is longer than {MAX_HEADER_VALUE_BYTES} bytes"));
    }
    let total: usize = headers.iter().map(|(k, v)| k.len() + v.len()).sum();
    if total > MAX_HEADER_TOTAL_BYTES {
        return Err(format!("the headers take {total} bytes; the relay forwards at most {MAX_HEADER_TOTAL_BYTES}"));
    }
    Ok(())
}

/// Parses and checks an envelope: JSON shape, method, header limits and validity, body.
pub fn parse(bytes: &[u8]) -> Result<Envelope, EnvelopeError> {
    let request: RelayRequest = serde_json::from_slice(bytes)
        .map_err(|e| bad_request(format!("expected {{\"method\", \"url\", \"headers\"?, \"body\"?}}: {e}")))?;
    let method = Method::from_bytes(request.method.to_ascii_uppercase().as_bytes())
        .map_err(|_| bad_request(format!("unsupported method {}", request.method)))?;
    if !matches!(method, Method::GET | Method::POST | Method::PUT | Method::DELETE | Method::PATCH | Method::HEAD) {
        return Err(bad_request(format!("unsupported method {method}")));
    }
    check_header_sizes(&request.headers).map_err(|message| EnvelopeError {
        status: StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE,
        code: "headers_too_large",
        message,
    })?;
    let body = match (&request.body, &request.body_base64) {
        (Some(_), Some(_)) => return Err(bad_request("give either body or body_base64, not both")),
        (_, Some(b64)) => base64::engine::general_purpose::STANDARD
            .decode(b64)
            .map_err(|_| bad_request("body_base64 is not valid Base64"))?,
        (Some(text), None) => text.clone().into_bytes(),
        (None, None) => Vec::new(),
    };
    let mut headers = HeaderMap::new();
    let mut secret_header_names = Vec::new();
    let connection_named: Vec<String> = request
        .headers
        .iter()
        .filter(|(name, _)| name.eq_ignore_ascii_case("connection"))
        .flat_map(|(_, value)| value.split(',').map(|n| n.trim().to_ascii_lowercase()))
        .collect();
    for (name, value) in &request.headers {
        let lower = name.to_ascii_lowercase();
        if dropped(&lower, &connection_named) {
            continue;
        }
        if SECRET_HEADERS.contains(&lower.as_str()) {
            secret_header_names.push(lower.clone());
        }
        match (HeaderName::from_bytes(lower.as_bytes()), HeaderValue::from_str(value)) {
            (Ok(n), Ok(v)) => {
                headers.append(n, v);
            }
            _ => return Err(bad_request(format!("invalid header {name}"))),
        }
    }
    Ok(Envelope { method, url: request.url, headers, body, secret_header_names })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with_headers(n: usize, len: usize) -> String {
        let headers: BTreeMap<String, String> = (0..n).map(|i| (format!("x-h{i}"), "v".repeat(len))).collect();
        serde_json::json!({"method": "GET", "url": "https://ecs.aliyuncs.com/", "headers": headers}).to_string()
    }

    #[test]
    fn oversized_headers_are_refused_with_431() {
        assert!(parse(with_headers(10, 100).as_bytes()).is_ok());
        for (n, len, says) in [
            (MAX_ENVELOPE_HEADERS + 1, 1, "headers"),
            (1, MAX_HEADER_VALUE_BYTES + 1, "longer"),
            (8, MAX_HEADER_VALUE_BYTES, "take"),
        ] {
            let e = parse(with_headers(n, len).as_bytes()).unwrap_err();
            assert_eq!((e.status, e.code), (StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE, "headers_too_large"));
            assert!(e.message.contains(says), "{}", e.message);
        }
    }

    #[test]
    fn shape_method_body_and_header_checks() {
        let bad = |json: &str| parse(json.as_bytes()).unwrap_err().code;
        assert_eq!(bad("not json"), "bad_request");
        assert_eq!(bad(r#"{"method":"GET","url":"u","extra":1}"#), "bad_request");
        assert_eq!(bad(r#"{"method":"CONNECT","url":"u"}"#), "bad_request");
        assert_eq!(bad(r#"{"method":"GET","url":"u","body_base64":"***"}"#), "bad_request");
        assert_eq!(bad(r#"{"method":"GET","url":"u","body":"a","body_base64":"YQ=="}"#), "bad_request");
        assert_eq!(bad(r#"{"method":"GET","url":"u","headers":{"x":"a\nb"}}"#), "bad_request");
        let ok = parse(
            br#"{"method":"post","url":"u","headers":{"Cookie":"c","Authorization":"a","X-Acs-Date":"d"},"body_base64":"YQ=="}"#,
        )
        .unwrap();
        assert_eq!(ok.method, Method::POST);
        assert_eq!(ok.body, b"a");
        assert!(ok.headers.get("cookie").is_none() && ok.headers.get("x-acs-date").is_some());
        assert_eq!(ok.secret_header_names, ["authorization"]);
    }

    /// Finding 8: hop-by-hop, connection-named and forwarding headers are not forwarded.
    #[test]
    fn hop_by_hop_and_forwarding_headers_are_dropped() {
        let dropped = [
            "Connection",
            "X-Custom-Hop",
            "Keep-Alive",
            "Trailer",
            "TE",
            "HTTP2-Settings",
            "Expect",
            "Upgrade",
            "X-Forwarded-For",
            "X-Forwarded-Host",
            "X-Forwarded-Proto",
            "Forwarded",
            "X-Real-IP",
            "Via",
            "Proxy-Authorization",
        ];
        let mut headers: BTreeMap<String, String> = dropped.iter().map(|n| (n.to_string(), "v".to_string())).collect();
        headers.insert("Connection".into(), "close, X-Custom-Hop".into());
        headers.insert("x-acs-date".into(), "d".into());
        headers.insert("x-acs-signature-nonce".into(), "n".into());
        let json = serde_json::json!({"method": "GET", "url": "https://ecs.aliyuncs.com/", "headers": headers});
        let e = parse(json.to_string().as_bytes()).unwrap();
        for name in dropped {
            assert!(e.headers.get(name.to_ascii_lowercase()).is_none(), "{name} forwarded");
        }
        let kept: Vec<&str> = e.headers.keys().map(|k| k.as_str()).collect();
        assert_eq!(kept, ["x-acs-date", "x-acs-signature-nonce"]);
    }
}
