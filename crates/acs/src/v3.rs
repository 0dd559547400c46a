//! V3 signatures (`ACS3-HMAC-SHA256`; openapi-signing.md §5.2).

use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::encode::{hex, percent_encode};
use crate::mac::hmac_sha256;

/// The algorithm name at the start of the `Authorization` header.
pub const ALGORITHM: &str = "ACS3-HMAC-SHA256";

/// Every intermediate string of a V3 signature, for display and cross-checking.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct V3Signature {
    /// Lower-case hex SHA-256 of the body.
    pub hashed_payload: String,
    pub canonical_request: String,
    /// `ACS3-HMAC-SHA256\n` + hex SHA-256 of the canonical request.
    pub string_to_sign: String,
    /// The signed header names, lower-cased, sorted, joined with `;`.
    pub signed_headers: String,
    /// Lower-case hex HMAC-SHA256 under the secret.
    pub signature: String,
    /// The complete `Authorization` header value.
    pub authorization: String,
}

/// Lower-case hex SHA-256 of the body (the `x-acs-content-sha256` header).
pub fn hash_payload(body: &[u8]) -> String {
    hex(&Sha256::digest(body))
}

/// Signs a request. `headers` are exactly the headers to sign (names in any case; values
/// trimmed; repeated names merged with `,` after sorting their values); `pathname` is the
/// encoded path (`/` for RPC style; empty is taken as `/`, as the Python SDK does); query
/// values are raw.
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
    let mut sorted: Vec<&(String, String)> = query.iter().collect();
    sorted.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()).then_with(|| a.1.cmp(&b.1)));
    let canonical_query: Vec<String> =
        sorted.iter().map(|(k, v)| format!("{}={}", percent_encode(k), percent_encode(v))).collect();
    let mut merged: std::collections::BTreeMap<String, Vec<&str>> = std::collections::BTreeMap::new();
    for (name, value) in headers {
        merged.entry(name.to_ascii_lowercase()).or_default().push(value.trim());
    }
    let mut canonical_headers = String::new();
    for (name, values) in &mut merged {
        values.sort_unstable();
        canonical_headers.push_str(&format!("{name}:{}\n", values.join(",")));
    }
    let signed_headers = merged.keys().cloned().collect::<Vec<_>>().join(";");
    let path = if pathname.is_empty() { "/" } else { pathname };
    let canonical_request = format!(
        "{}\n{path}\n{}\n{canonical_headers}\n{signed_headers}\n{hashed_payload}",
        method.to_ascii_uppercase(),
        canonical_query.join("&")
    );
    let string_to_sign = format!("{ALGORITHM}\n{}", hex(&Sha256::digest(canonical_request.as_bytes())));
    let signature = hex(&hmac_sha256(secret.as_bytes(), string_to_sign.as_bytes()));
    let authorization =
        format!("{ALGORITHM} Credential={access_key_id},SignedHeaders={signed_headers},Signature={signature}");
    V3Signature { hashed_payload, canonical_request, string_to_sign, signed_headers, signature, authorization }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect()
    }

    #[test]
    fn the_empty_body_hashes_to_the_documented_constant() {
        assert_eq!(hash_payload(b""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    #[test]
    fn repeated_headers_merge_sorted_and_names_are_lower_cased() {
        let sig = sign_v3("get", "", &[], &h(&[("X-Acs-B", " 2 "), ("x-acs-b", "1"), ("Host", "h")]), b"", "id", "s");
        assert!(sig.canonical_request.starts_with("GET\n/\n\nhost:h\nx-acs-b:1,2\n\nhost;x-acs-b\n"));
        assert_eq!(sig.signed_headers, "host;x-acs-b");
        assert!(sig.authorization.starts_with("ACS3-HMAC-SHA256 Credential=id,SignedHeaders=host;x-acs-b,Signature="));
    }

    #[test]
    fn query_values_are_encoded_and_empty_values_keep_the_equals_sign() {
        let sig = sign_v3("GET", "/", &h(&[("b", "a b*"), ("a", "")]), &[], b"", "id", "s");
        assert_eq!(sig.canonical_request.lines().nth(2), Some("a=&b=a%20b%2A"));
    }
}
