//! RPC v1 signatures (HMAC-SHA1, SignatureVersion 1.0; openapi-signing.md §3.2).

use base64::Engine as _;
use hmac::{Hmac, Mac};
use serde::Serialize;

use crate::encode::percent_encode;

/// The intermediate strings and the signature, for display and cross-checking.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RpcSignature {
    pub canonicalized_query: String,
    pub string_to_sign: String,
    pub signature: String,
}

/// Signs every parameter of the request (common + operation + form body fields, flattened;
/// `Signature` itself is ignored). Keys are sorted by their raw bytes.
pub fn sign_rpc(method: &str, params: &[(String, String)], secret: &str) -> RpcSignature {
    let mut sorted: Vec<&(String, String)> = params.iter().filter(|(k, _)| k != "Signature").collect();
    sorted.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
    let canonicalized_query = sorted
        .iter()
        .map(|(k, v)| format!("{}={}", percent_encode(k), percent_encode(v)))
        .collect::<Vec<_>>()
        .join("&");
    let string_to_sign =
        format!("{}&{}&{}", method.to_ascii_uppercase(), percent_encode("/"), percent_encode(&canonicalized_query));
    let mut mac =
        Hmac::<sha1::Sha1>::new_from_slice(format!("{secret}&").as_bytes()).expect("HMAC takes keys of any length");
    mac.update(string_to_sign.as_bytes());
    let signature = base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes());
    RpcSignature { canonicalized_query, string_to_sign, signature }
}
