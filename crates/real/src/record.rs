//! The call log of real mode: what was sent and what came back, with the STS token and the
//! signature redacted, so it can be shown, copied or logged. The AccessKey secret is never part
//! of a request in the first place (only signatures made with it are).

use std::collections::BTreeMap;

use acs::request::SignedRequest;
use engine::TaskCall;
use serde::{Deserialize, Serialize};

const REDACTED: &str = "<redacted>";

/// One real call (deserializable: the playground's run worker sends it to the page).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CallRecord {
    pub state: String,
    pub action: String,
    pub method: String,
    pub url: String,
    pub headers: BTreeMap<String, String>,
    pub body: Option<String>,
    /// The upstream's (or the relay's) status; `None` when the relay was unreachable.
    pub status: Option<u16>,
    pub response: Option<String>,
    pub duration_ms: i64,
}

/// Query parameters whose values must not be shown.
const SECRET_QUERY_KEYS: [&str; 2] = ["SecurityToken", "Signature"];
/// Headers whose values must not be shown (the Authorization header keeps the AccessKey ID and
/// signed header names, but not the signature).
const SECRET_HEADERS: [&str; 1] = ["x-acs-security-token"];

impl CallRecord {
    pub fn new(call: &TaskCall, request: &SignedRequest, credentials: &acs::Credentials) -> Self {
        let mut headers = request.headers.clone();
        for (name, value) in headers.iter_mut() {
            if SECRET_HEADERS.contains(&name.to_ascii_lowercase().as_str()) {
                *value = REDACTED.into();
            } else if name.eq_ignore_ascii_case("authorization") {
                *value = redact_signature(value);
            }
        }
        let mut record = Self {
            state: call.state.clone(),
            action: call.action.clone(),
            method: request.method.clone(),
            url: redact_url(&request.url),
            headers,
            body: request.body.clone(),
            status: None,
            response: None,
            duration_ms: 0,
        };
        // Belt and braces: whatever a builder may have put where, the secret and the token
        // never appear in a record.
        record.url = scrub(&record.url, credentials);
        record.body = record.body.map(|b| scrub(&b, credentials));
        record
    }
}

/// `text` without the AccessKey secret and the STS token, raw or percent-encoded. Services echo
/// the request back in some errors (SignatureDoesNotMatch quotes the string to sign, which
/// holds `SecurityToken`), so responses are scrubbed too.
pub fn scrub(text: &str, credentials: &acs::Credentials) -> String {
    let mut out = text.to_owned();
    for secret in [Some(&credentials.access_key_secret), credentials.security_token.as_ref()].into_iter().flatten() {
        if secret.is_empty() {
            continue;
        }
        let encoded = acs::percent_encode(secret);
        // The string to sign encodes the value twice.
        let twice = acs::percent_encode(&encoded);
        for form in [secret.as_str(), encoded.as_str(), twice.as_str()] {
            out = out.replace(form, REDACTED);
        }
    }
    out
}

/// The URL with `Signature` and `SecurityToken` query values replaced.
pub fn redact_url(url: &str) -> String {
    let Some((base, query)) = url.split_once('?') else { return url.to_owned() };
    let pairs: Vec<String> = query
        .split('&')
        .map(|pair| match pair.split_once('=') {
            Some((k, _)) if SECRET_QUERY_KEYS.contains(&k) => format!("{k}={REDACTED}"),
            _ => pair.to_owned(),
        })
        .collect();
    format!("{base}?{}", pairs.join("&"))
}

/// `ACS3-HMAC-SHA256 Credential=…,SignedHeaders=…,Signature=abc` → `…,Signature=<redacted>`.
fn redact_signature(authorization: &str) -> String {
    match authorization.find("Signature=") {
        Some(i) => format!("{}Signature={REDACTED}", &authorization[..i]),
        None => REDACTED.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_lose_signature_and_token_values_only() {
        assert_eq!(
            redact_url("https://ecs.aliyuncs.com/?Action=X&Signature=abc%3D&SecurityToken=tok&RegionId=cn"),
            "https://ecs.aliyuncs.com/?Action=X&Signature=<redacted>&SecurityToken=<redacted>&RegionId=cn"
        );
        assert_eq!(redact_url("https://a/b"), "https://a/b");
    }

    #[test]
    fn records_hold_no_secret_no_token_and_no_signature() {
        let credentials = acs::Credentials {
            access_key_id: "LTAI-id".into(),
            access_key_secret: "the-secret".into(),
            security_token: Some("sts-token".into()),
        };
        let request = SignedRequest {
            method: "POST".into(),
            url: "https://fc/x?SecurityToken=sts-token&Signature=s1".into(),
            headers: BTreeMap::from([
                ("authorization".into(), "ACS3-HMAC-SHA256 Credential=LTAI-id,SignedHeaders=host,Signature=s2".into()),
                ("x-acs-security-token".into(), "sts-token".into()),
            ]),
            body: Some("{\"echo\":\"the-secret\"}".into()),
        };
        let call = TaskCall {
            state: "S".into(),
            action: "FC:InvokeFunction".into(),
            mode: fdl::model::TaskMode::RequestComplete,
            parameters: serde_json::json!({}),
            call_number: 0,
            task_token: None,
        };
        let record = CallRecord::new(&call, &request, &credentials);
        let text = serde_json::to_string(&record).unwrap();
        for secret in ["the-secret", "sts-token", "s1", "s2"] {
            assert!(!text.contains(secret), "{secret} leaked: {text}");
        }
        assert!(text.contains("LTAI-id"), "the AccessKey ID stays (it is needed to read the request)");
    }

    #[test]
    fn scrub_removes_the_token_raw_and_encoded() {
        let credentials = acs::Credentials {
            access_key_id: "id".into(),
            access_key_secret: "s/e+cret".into(),
            security_token: Some("tok/en=".into()),
        };
        let echoed = "server string to sign is: GET&%2F&SecurityToken%3Dtok%252Fen%253D and tok%2Fen%3D and tok/en=";
        let clean = scrub(echoed, &credentials);
        assert!(!clean.contains("tok"), "{clean}");
        assert_eq!(scrub("s/e+cret s%2Fe%2Bcret", &credentials), "<redacted> <redacted>");
    }
}
