//! RPC v1 signatures (HMAC-SHA1, SignatureVersion 1.0; openapi-signing.md §3.2).

use base64::Engine as _;
use serde::Serialize;

use crate::encode::{encode_pairs, percent_encode};
use crate::mac::hmac_sha1;

/// The intermediate strings and the signature, for display and cross-checking.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RpcSignature {
    /// Sorted, encoded `key=value` pairs joined with `&`.
    pub canonicalized_query: String,
    /// `METHOD&%2F&` + the canonicalized query encoded once more.
    pub string_to_sign: String,
    /// Base64 of HMAC-SHA1 under `secret&` (URL-encode it when placing it in a URL).
    pub signature: String,
}

/// Signs every parameter of the request: common, operation and form-body parameters, already
/// flattened. A `Signature` parameter is ignored. Keys are sorted by their raw bytes (stable,
/// so repeated keys keep their order). `method` is upper-cased.
pub fn sign_rpc(method: &str, params: &[(String, String)], secret: &str) -> RpcSignature {
    let mut sorted: Vec<(String, String)> = params.iter().filter(|(k, _)| k != "Signature").cloned().collect();
    sorted.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
    let canonicalized_query = encode_pairs(&sorted);
    let string_to_sign =
        format!("{}&{}&{}", method.to_ascii_uppercase(), percent_encode("/"), percent_encode(&canonicalized_query));
    let key = format!("{secret}&");
    let signature =
        base64::engine::general_purpose::STANDARD.encode(hmac_sha1(key.as_bytes(), string_to_sign.as_bytes()));
    RpcSignature { canonicalized_query, string_to_sign, signature }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect()
    }

    #[test]
    fn the_documented_describe_regions_example_signs_to_the_published_value() {
        let params = p(&[
            ("AccessKeyId", "testid"),
            ("Action", "DescribeRegions"),
            ("Format", "XML"),
            ("SignatureMethod", "HMAC-SHA1"),
            ("SignatureNonce", "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf"),
            ("SignatureVersion", "1.0"),
            ("Timestamp", "2016-02-23T12:46:24Z"),
            ("Version", "2014-05-26"),
        ]);
        assert_eq!(sign_rpc("GET", &params, "testsecret").signature, "OLeaidS1JvxuMvnyHOwuJ+uX5qY=");
        assert_eq!(sign_rpc("post", &params, "testsecret").signature, "MxbnVAM4w6sft9xjVpe/GCKueuk=");
    }

    #[test]
    fn an_existing_signature_parameter_is_not_signed() {
        let without = sign_rpc("GET", &p(&[("A", "1")]), "s");
        let with = sign_rpc("GET", &p(&[("A", "1"), ("Signature", "old")]), "s");
        assert_eq!(without, with);
    }

    #[test]
    fn keys_sort_by_bytes_and_empty_values_keep_the_equals_sign() {
        let sig = sign_rpc("GET", &p(&[("b", ""), ("B", "x"), ("a", "y")]), "s");
        assert_eq!(sig.canonicalized_query, "B=x&a=y&b=");
    }
}
