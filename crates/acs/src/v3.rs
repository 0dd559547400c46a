//! V3 signatures (ACS3-HMAC-SHA256; openapi-signing.md §5.2).

use hmac::{Hmac, Mac};
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::encode::{hex, percent_encode};

pub const ALGORITHM: &str = "ACS3-HMAC-SHA256";

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct V3Signature {
    pub hashed_payload: String,
    pub canonical_request: String,
    pub string_to_sign: String,
    pub signed_headers: String,
    pub signature: String,
    pub authorization: String,
}

/// Lower-case hex SHA-256 of the body (the `x-acs-content-sha256` header).
pub fn hash_payload(body: &[u8]) -> String {
    hex(&Sha256::digest(body))
}

/// Signs a request. `headers` are the headers to sign (names any case; values trimmed; repeated
/// names merged); `pathname` is the encoded path (`/` for RPC-style); query values are raw.
pub fn sign_v3(
    method: &str,
    pathname: &str,
    query: &[(String, String)],
    headers: &[(String, String)],
    body: &[u8],
    access_key_id: &str,
    secret: &str,
) -> V3Signature {
    let hashed_payload = hash_payload(body);
    let mut q: Vec<&(String, String)> = query.iter().collect();
    q.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()).then_with(|| a.1.cmp(&b.1)));
    let canonical_query =
        q.iter().map(|(k, v)| format!("{}={}", percent_encode(k), percent_encode(v))).collect::<Vec<_>>().join("&");
    let mut merged: std::collections::BTreeMap<String, Vec<String>> = std::collections::BTreeMap::new();
    for (k, v) in headers {
        merged.entry(k.to_ascii_lowercase()).or_default().push(v.trim().to_owned());
    }
    let canonical_headers: String = merged
        .iter_mut()
        .map(|(k, vs)| {
            vs.sort();
            format!("{k}:{}\n", vs.join(","))
        })
        .collect();
    let signed_headers = merged.keys().cloned().collect::<Vec<_>>().join(";");
    let path = if pathname.is_empty() { "/" } else { pathname };
    let canonical_request = format!(
        "{}\n{path}\n{canonical_query}\n{canonical_headers}\n{signed_headers}\n{hashed_payload}",
        method.to_ascii_uppercase()
    );
    let string_to_sign = format!("{ALGORITHM}\n{}", hex(&Sha256::digest(canonical_request.as_bytes())));
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("HMAC takes keys of any length");
    mac.update(string_to_sign.as_bytes());
    let signature = hex(&mac.finalize().into_bytes());
    let authorization =
        format!("{ALGORITHM} Credential={access_key_id},SignedHeaders={signed_headers},Signature={signature}");
    V3Signature { hashed_payload, canonical_request, string_to_sign, signed_headers, signature, authorization }
}
