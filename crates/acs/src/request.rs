//! Building signed requests for `Service:Operation` calls (what the browser hands to the relay).
//!
//! The product table here covers the products the seed and the emulator use; the full
//! 323-product catalog (issue #6) is a separate piece. Every entry can be overridden (version
//! and endpoint), which is also how tests point a call at the local emulator.

use serde::Serialize;
use serde_json::Value;

use crate::credentials::Credentials;
use crate::encode::percent_encode;
use crate::flatten::flatten_params;
use crate::rpc::sign_rpc;

/// How to reach one product.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApiInfo {
    pub product: String,
    pub version: String,
    /// Endpoint base, e.g. `https://ecs.cn-hangzhou.aliyuncs.com`.
    pub endpoint: String,
}

/// RPC products CloudFlow's normal integration reaches most (openapi-signing.md §7.2).
/// `{region}` is replaced by the region.
const PRODUCTS: &[(&str, &str, &str, &str)] = &[
    ("ECS", "Ecs", "2014-05-26", "https://ecs.{region}.aliyuncs.com"),
    ("VPC", "Vpc", "2016-04-28", "https://vpc.{region}.aliyuncs.com"),
    ("FNF", "fnf", "2019-03-15", "https://{region}.fnf.aliyuncs.com"),
    ("STS", "Sts", "2015-04-01", "https://sts.aliyuncs.com"),
    ("RAM", "Ram", "2015-05-01", "https://ram.aliyuncs.com"),
];

/// Resolves a CloudFlow service name (case-insensitive) for a region.
pub fn resolve(service: &str, region: &str) -> Option<ApiInfo> {
    PRODUCTS.iter().find(|(s, p, ..)| s.eq_ignore_ascii_case(service) || p.eq_ignore_ascii_case(service)).map(
        |(_, product, version, endpoint)| ApiInfo {
            product: (*product).to_owned(),
            version: (*version).to_owned(),
            endpoint: endpoint.replace("{region}", region),
        },
    )
}

/// A request ready for the relay: nothing secret in it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SignedRequest {
    pub method: String,
    pub url: String,
    pub headers: std::collections::BTreeMap<String, String>,
    pub body: Option<String>,
}

/// Builds and signs an RPC v1 call: POST with every parameter in the query (what the product
/// SDKs do for ECS; openapi-signing.md §3.3). `timestamp` is `YYYY-MM-DDTHH:MM:SSZ`.
pub fn build_rpc(
    creds: &Credentials,
    api: &ApiInfo,
    action: &str,
    params: &Value,
    timestamp: &str,
    nonce: &str,
) -> SignedRequest {
    let mut all = flatten_params(params);
    let common = [
        ("Action", action),
        ("Version", api.version.as_str()),
        ("Format", "JSON"),
        ("AccessKeyId", creds.access_key_id.as_str()),
        ("SignatureMethod", "HMAC-SHA1"),
        ("SignatureVersion", "1.0"),
        ("SignatureNonce", nonce),
        ("Timestamp", timestamp),
    ];
    for (k, v) in common {
        all.retain(|(key, _)| key != k);
        all.push((k.to_owned(), v.to_owned()));
    }
    if let Some(token) = &creds.security_token {
        all.push(("SecurityToken".into(), token.clone()));
    }
    let sig = sign_rpc("POST", &all, &creds.access_key_secret);
    let query = format!("{}&Signature={}", sig.canonicalized_query, percent_encode(&sig.signature));
    let mut headers = std::collections::BTreeMap::new();
    headers.insert("x-acs-action".into(), action.to_owned());
    headers.insert("x-acs-version".into(), api.version.clone());
    SignedRequest {
        method: "POST".into(),
        url: format!("{}/?{query}", api.endpoint.trim_end_matches('/')),
        headers,
        body: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rpc_requests_carry_a_verifiable_signature_and_no_secret() {
        let creds = Credentials {
            access_key_id: "testid".into(),
            access_key_secret: "testsecret".into(),
            security_token: Some("tok".into()),
        };
        let api = resolve("ecs", "cn-hangzhou").unwrap();
        assert_eq!(api.endpoint, "https://ecs.cn-hangzhou.aliyuncs.com");
        let req = build_rpc(
            &creds,
            &api,
            "DescribeInstances",
            &serde_json::json!({"RegionId": "cn-hangzhou", "Tag": [{"Key": "a"}]}),
            "2024-01-01T00:00:00Z",
            "n1",
        );
        assert!(
            req.url.contains("Tag.1.Key=a") && req.url.contains("SecurityToken=tok") && req.url.contains("Signature=")
        );
        assert!(!serde_json::to_string(&req).unwrap().contains("testsecret"));
    }
}
