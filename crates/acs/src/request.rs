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

/// Where a ROA operation's parameter goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Position {
    Path,
    Query,
    Header,
    Body,
}

/// Builds and signs a ROA-style call with V3 (`ACS3-HMAC-SHA256`, the current default for ROA
/// products; openapi-signing.md §5): `[name]` segments of `path_template` are filled from the
/// parameters, Query/Header parameters go to the query and headers, Body parameters form a
/// JSON body. `host` is the endpoint host; `base` the scheme and host to send to (an override
/// such as a local emulator keeps the signed host header).
#[allow(clippy::too_many_arguments)]
pub fn build_roa_v3(
    creds: &Credentials,
    base: &str,
    version: &str,
    action: &str,
    method: &str,
    path_template: &str,
    params: &[(String, Position, Value)],
    timestamp: &str,
    nonce: &str,
) -> SignedRequest {
    let text = |v: &Value| v.as_str().map_or_else(|| v.to_string(), str::to_owned);
    let mut path = path_template.to_owned();
    let mut query = Vec::new();
    let mut extra_headers = Vec::new();
    let mut body = serde_json::Map::new();
    for (name, position, value) in params {
        match position {
            Position::Path => path = path.replace(&format!("[{name}]"), &percent_encode(&text(value))),
            Position::Query => query.extend(crate::flatten::flatten_params(&serde_json::json!({ name: value }))),
            Position::Header => extra_headers.push((name.to_ascii_lowercase(), text(value))),
            Position::Body => {
                body.insert(name.clone(), value.clone());
            }
        }
    }
    let body_text = if body.is_empty() { String::new() } else { Value::Object(body).to_string() };
    let host = base.split("://").nth(1).unwrap_or(base).trim_end_matches('/').to_owned();
    let mut headers: Vec<(String, String)> = vec![
        ("host".into(), host),
        ("x-acs-action".into(), action.to_owned()),
        ("x-acs-version".into(), version.to_owned()),
        ("x-acs-date".into(), timestamp.to_owned()),
        ("x-acs-signature-nonce".into(), nonce.to_owned()),
        ("x-acs-content-sha256".into(), crate::v3::hash_payload(body_text.as_bytes())),
    ];
    if !body_text.is_empty() {
        headers.push(("content-type".into(), "application/json; charset=utf-8".into()));
    }
    if let Some(token) = &creds.security_token {
        headers.push(("x-acs-security-token".into(), token.clone()));
    }
    headers.extend(extra_headers.into_iter().filter(|(k, _)| k.starts_with("x-acs-")));
    let sig = crate::v3::sign_v3(
        method,
        &path,
        &query,
        &headers,
        body_text.as_bytes(),
        &creds.access_key_id,
        &creds.access_key_secret,
    );
    let mut out: std::collections::BTreeMap<String, String> =
        headers.into_iter().filter(|(k, _)| k != "host").collect();
    out.insert("authorization".into(), sig.authorization);
    let query_text =
        query.iter().map(|(k, v)| format!("{}={}", percent_encode(k), percent_encode(v))).collect::<Vec<_>>().join("&");
    let url = format!(
        "{}{}{}",
        base.trim_end_matches('/'),
        path,
        if query_text.is_empty() { String::new() } else { format!("?{query_text}") }
    );
    SignedRequest {
        method: method.to_ascii_uppercase(),
        url,
        headers: out,
        body: (!body_text.is_empty()).then_some(body_text),
    }
}
