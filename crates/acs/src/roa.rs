//! ROA v1 signatures (HMAC-SHA1, `Authorization: acs <id>:<sig>`; openapi-signing.md §4.2).

use base64::Engine as _;
use hmac::{Hmac, Mac};
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RoaSignature {
    pub string_to_sign: String,
    pub signature: String,
    pub authorization: String,
}

fn header<'a>(headers: &'a [(String, String)], name: &str) -> &'a str {
    headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map_or("", |(_, v)| v.as_str())
}

/// `pathname` is the path as sent (already percent-encoded); query values are raw.
pub fn sign_roa(
    method: &str,
    pathname: &str,
    query: &[(String, String)],
    headers: &[(String, String)],
    access_key_id: &str,
    secret: &str,
) -> RoaSignature {
    let mut acs: Vec<(String, String)> = headers
        .iter()
        .filter(|(k, _)| k.to_ascii_lowercase().starts_with("x-acs-"))
        .map(|(k, v)| (k.to_ascii_lowercase(), v.clone()))
        .collect();
    acs.sort();
    let canonical_headers: String = acs.iter().map(|(k, v)| format!("{k}:{v}\n")).collect();
    let mut q: Vec<&(String, String)> = query.iter().collect();
    q.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
    let resource = if q.is_empty() {
        pathname.to_owned()
    } else {
        format!("{pathname}?{}", q.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join("&"))
    };
    let string_to_sign = format!(
        "{}\n{}\n{}\n{}\n{}\n{canonical_headers}{resource}",
        method.to_ascii_uppercase(),
        header(headers, "accept"),
        header(headers, "content-md5"),
        header(headers, "content-type"),
        header(headers, "date")
    );
    let mut mac = Hmac::<sha1::Sha1>::new_from_slice(secret.as_bytes()).expect("HMAC takes keys of any length");
    mac.update(string_to_sign.as_bytes());
    let signature = base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes());
    RoaSignature { authorization: format!("acs {access_key_id}:{signature}"), string_to_sign, signature }
}

/// Base64 of the binary MD5 of a body (the optional `Content-MD5` header).
pub fn content_md5(body: &[u8]) -> String {
    use md5::Digest;
    base64::engine::general_purpose::STANDARD.encode(md5::Md5::digest(body))
}
