//! ROA v1 signatures (HMAC-SHA1, `Authorization: acs <id>:<sig>`; openapi-signing.md §4.2).

use base64::Engine as _;
use serde::Serialize;

use crate::mac::hmac_sha1;

/// The string to sign, the signature and the `Authorization` header value.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RoaSignature {
    pub string_to_sign: String,
    /// Base64 of HMAC-SHA1 under the secret (no `&`).
    pub signature: String,
    /// `acs <AccessKeyId>:<signature>`.
    pub authorization: String,
}

fn header<'a>(headers: &'a [(String, String)], name: &str) -> &'a str {
    headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map_or("", |(_, v)| v.as_str())
}

/// Signs a ROA request. `pathname` is the path as sent (already percent-encoded); query values
/// are raw (the resource carries them unencoded, as the SDKs do). Only `Accept`,
/// `Content-MD5`, `Content-Type`, `Date` and the `x-acs-*` headers are signed; the body is
/// covered through `Content-MD5` only. An empty query value is written `key=` (the old Python
/// core and the Node util; the Tea util writes `key` — UNCERTAIN which the server expects, so
/// builders should not send empty ROA query values).
pub fn sign_roa(
    method: &str,
    pathname: &str,
    query: &[(String, String)],
    headers: &[(String, String)],
    access_key_id: &str,
    secret: &str,
) -> RoaSignature {
    let mut acs_headers: Vec<(String, &str)> = headers
        .iter()
        .map(|(k, v)| (k.to_ascii_lowercase(), v.as_str()))
        .filter(|(k, _)| k.starts_with("x-acs-"))
        .collect();
    acs_headers.sort();
    let canonical_headers: String = acs_headers.iter().map(|(k, v)| format!("{k}:{v}\n")).collect();
    let mut sorted: Vec<&(String, String)> = query.iter().collect();
    sorted.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
    let resource = if sorted.is_empty() {
        pathname.to_owned()
    } else {
        let pairs: Vec<String> = sorted.iter().map(|(k, v)| format!("{k}={v}")).collect();
        format!("{pathname}?{}", pairs.join("&"))
    };
    let string_to_sign = format!(
        "{}\n{}\n{}\n{}\n{}\n{canonical_headers}{resource}",
        method.to_ascii_uppercase(),
        header(headers, "accept"),
        header(headers, "content-md5"),
        header(headers, "content-type"),
        header(headers, "date")
    );
    let signature =
        base64::engine::general_purpose::STANDARD.encode(hmac_sha1(secret.as_bytes(), string_to_sign.as_bytes()));
    RoaSignature { authorization: format!("acs {access_key_id}:{signature}"), string_to_sign, signature }
}

/// Base64 of the binary MD5 of a body (the optional `Content-MD5` header).
pub fn content_md5(body: &[u8]) -> String {
    use md5::Digest;
    base64::engine::general_purpose::STANDARD.encode(md5::Md5::digest(body))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_request_signs_five_empty_lines() {
        let sig = sign_roa("GET", "", &[], &[], "id", "secret");
        assert_eq!(sig.string_to_sign, "GET\n\n\n\n\n");
        assert_eq!(sig.signature, "XGXDWA78AEvx/wmfxKoVCq/afWw=");
        assert_eq!(sig.authorization, "acs id:XGXDWA78AEvx/wmfxKoVCq/afWw=");
    }

    #[test]
    fn only_x_acs_headers_are_canonicalized_lower_cased_and_sorted() {
        let headers = vec![
            ("X-Acs-Version".to_owned(), "1".to_owned()),
            ("x-acs-action".to_owned(), "A".to_owned()),
            ("user-agent".to_owned(), "ua".to_owned()),
            ("Accept".to_owned(), "application/json".to_owned()),
        ];
        let query = vec![("b".to_owned(), "x y".to_owned()), ("a".to_owned(), "中".to_owned())];
        let sig = sign_roa("get", "/p", &query, &headers, "id", "s");
        assert_eq!(sig.string_to_sign, "GET\napplication/json\n\n\n\nx-acs-action:A\nx-acs-version:1\n/p?a=中&b=x y");
    }

    #[test]
    fn content_md5_is_base64_of_the_binary_digest() {
        assert_eq!(content_md5(b""), "1B2M2Y8AsgTpgAmY7PhCfg==");
    }
}
