//! Building signed requests: what the browser hands to the relay. A [`SignedRequest`] holds
//! nothing secret (the signature only), and its URL, headers and body are final: the relay
//! must forward them byte for byte (openapi-signing.md §9).
//!
//! [`build_request`] covers the three families: RPC v1 (parameters in the query, form fields
//! in a `application/x-www-form-urlencoded` body, `Signature` in the URL), ROA v1 (`Date`,
//! `x-acs-signature-*`, `Authorization: acs`) and V3 for both styles, after validating the
//! operation. Operations come from named parameters: [`Operation::rpc`] puts them all in the
//! query; [`RoaOperation`] places each where the API's metadata says and fills the path.

use std::collections::BTreeMap;
use std::fmt;

use serde::Serialize;
use serde_json::Value;

use crate::credentials::Credentials;
use crate::encode::{encode_pairs, form_encode, percent_encode};
use crate::endpoint::{ApiInfo, Resolved, SignatureFamily, Style};
use crate::flatten::{ParamStyle, flatten_param, flatten_params, scalar_text};
use crate::time::UtcTime;

/// Longest accepted signature nonce (the SDKs send 32 hex characters or a UUID).
pub const MAX_NONCE_LEN: usize = 128;

/// `Format` of RPC v1 calls: the default is XML, so it is always sent.
const RPC_FORMAT: &str = "JSON";

/// Headers the builder writes itself; an operation may not set them.
const RESERVED_HEADERS: &[&str] = &[
    "authorization",
    "host",
    "date",
    "content-type",
    "content-md5",
    "content-length",
    "x-acs-action",
    "x-acs-version",
    "x-acs-date",
    "x-acs-content-sha256",
    "x-acs-security-token",
    "x-acs-accesskey-id",
];

/// A request ready for the relay: nothing secret in it. Header names are lower case; `host`
/// is not among them (it is the URL's host, which is what was signed).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SignedRequest {
    pub method: String,
    pub url: String,
    pub headers: BTreeMap<String, String>,
    pub body: Option<String>,
}

/// HTTP methods of OpenAPI operations.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Method {
    Get,
    Post,
    Put,
    Delete,
    Patch,
    Head,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Get => "GET",
            Self::Post => "POST",
            Self::Put => "PUT",
            Self::Delete => "DELETE",
            Self::Patch => "PATCH",
            Self::Head => "HEAD",
        }
    }

    /// Parses a method name, case-insensitively.
    pub fn parse(text: &str) -> Option<Self> {
        [Self::Get, Self::Post, Self::Put, Self::Delete, Self::Patch, Self::Head]
            .into_iter()
            .find(|m| m.as_str().eq_ignore_ascii_case(text))
    }
}

/// The body of an operation.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Body {
    #[default]
    Empty,
    /// Flattened form fields (`in: formData`), sent as `application/x-www-form-urlencoded`.
    Form(Vec<(String, String)>),
    /// JSON text, sent as `application/json; charset=utf-8` (ROA and V3 only).
    Json(String),
    /// Any other text with its content type (ROA and V3 only).
    Raw { content_type: String, text: String },
}

/// The time and nonce of one request, validated. The caller reads the clock and makes the
/// nonce (no OS randomness here, so this runs on wasm).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stamp {
    timestamp: String,
    date: String,
    nonce: String,
}

impl Stamp {
    /// A stamp at `time` with `nonce` (1–[`MAX_NONCE_LEN`] visible ASCII characters).
    pub fn new(time: UtcTime, nonce: &str) -> Result<Self, BuildError> {
        if nonce.is_empty() || nonce.len() > MAX_NONCE_LEN || !nonce.bytes().all(|b| b.is_ascii_graphic()) {
            return Err(BuildError::BadNonce);
        }
        Ok(Self { timestamp: time.iso8601(), date: time.rfc1123(), nonce: nonce.to_owned() })
    }

    /// `yyyy-MM-ddTHH:mm:ssZ` (RPC `Timestamp`, V3 `x-acs-date`).
    pub fn timestamp(&self) -> &str {
        &self.timestamp
    }

    pub fn nonce(&self) -> &str {
        &self.nonce
    }
}

/// One operation call, parameters already flattened and placed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Operation {
    /// Operation name, e.g. `DescribeInstances`.
    pub action: String,
    pub method: Method,
    /// `/` for RPC; for ROA the encoded path with its parameters filled in ([`fill_path`]).
    pub pathname: String,
    /// Query parameters, raw values.
    pub query: Vec<(String, String)>,
    /// Extra headers (e.g. `x-fc-invocation-type`); see [`Operation::sign_all_headers`].
    pub headers: Vec<(String, String)>,
    pub body: Body,
    /// V3 only: sign every header sent, as the Python SDK does. Off by default: then only
    /// `host`, `content-type` and `x-acs-*` are signed, the documented minimum, so that a relay
    /// adding `user-agent` cannot break the signature.
    pub sign_all_headers: bool,
}

impl Operation {
    /// An RPC-style call (`POST /`) whose parameters are the members of `params`, flattened in
    /// the repeat-list style, all in the query (what the product SDKs do for ECS).
    pub fn rpc(action: &str, params: &Value) -> Self {
        Self {
            action: action.to_owned(),
            method: Method::Post,
            pathname: "/".to_owned(),
            query: flatten_params(params),
            headers: Vec::new(),
            body: Body::Empty,
            sign_all_headers: false,
        }
    }

    /// A ROA-style call to `pathname` with no parameters yet.
    pub fn roa(action: &str, method: Method, pathname: &str) -> Self {
        Self { method, pathname: pathname.to_owned(), ..Self::rpc(action, &Value::Null) }
    }
}

/// Why a request could not be built; every variant names the offending input.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BuildError {
    /// The endpoint is not `http(s)://host[:port]`.
    BadEndpoint(String),
    /// The nonce is empty, too long or not visible ASCII.
    BadNonce,
    /// The action is empty or contains characters a header cannot carry.
    BadAction(String),
    /// RPC paths are `/`; ROA paths start with `/` and carry no query or fragment.
    BadPath(String),
    /// A header name that is not an HTTP token, or a value with control characters.
    BadHeader(String),
    /// A header the builder sets itself.
    ReservedHeader(String),
    /// RPC v1 takes form fields only; JSON and raw bodies need V3 or ROA.
    BodyNotSupported,
    /// A `[name]` placeholder of a ROA path without a value.
    UnfilledPath { parameter: String, path: String },
    /// A method name that is not one of [`Method`]'s.
    BadMethod(String),
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::BadEndpoint(e) => write!(f, "endpoint `{e}` is not http(s)://host[:port]"),
            Self::BadNonce => write!(f, "the nonce must be 1-{MAX_NONCE_LEN} visible ASCII characters"),
            Self::BadAction(a) => write!(f, "`{a}` is not an operation name"),
            Self::BadPath(p) => write!(f, "path `{p}` must start with `/` and have no `?` or `#` (RPC: exactly `/`)"),
            Self::BadHeader(h) => write!(f, "header `{h}` has an invalid name or a control character in its value"),
            Self::ReservedHeader(h) => write!(f, "header `{h}` is set by the signer and cannot be given"),
            Self::BodyNotSupported => write!(f, "RPC v1 requests carry form fields only; use V3 for other bodies"),
            Self::UnfilledPath { parameter, path } => write!(
                f,
                "path parameter `{parameter}` has no value; the path `{path}` needs it, so give `{parameter}` in the parameters"
            ),
            Self::BadMethod(m) => write!(f, "`{m}` is not an HTTP method (GET, POST, PUT, DELETE, PATCH or HEAD)"),
        }
    }
}

impl std::error::Error for BuildError {}

/// Replaces each `[name]` segment placeholder of a ROA path template (as in the OpenAPI
/// metadata, e.g. `/2023-03-30/functions/[functionName]/invocations`) with the percent-encoded
/// value; a placeholder without a value is an error.
pub fn fill_path(template: &str, values: &[(String, String)]) -> Result<String, BuildError> {
    let mut path = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find('[') {
        let Some(close) = rest[open..].find(']').map(|c| open + c) else { break };
        let name = &rest[open + 1..close];
        let value = values.iter().find(|(k, _)| k == name).ok_or_else(|| BuildError::UnfilledPath {
            parameter: name.to_owned(),
            path: template.chars().take(200).collect(),
        })?;
        path.push_str(&rest[..open]);
        path.push_str(&percent_encode(&value.1));
        rest = &rest[close + 1..];
    }
    path.push_str(rest);
    Ok(path)
}

/// A ROA operation assembled from named parameters, each placed where the API's metadata puts
/// it; [`RoaOperation::finish`] fills the path template. Values are JSON: path and header
/// values are strings as they are and anything else as compact JSON, query values are
/// flattened (`Tag.1.Key`), body values become members of a JSON object.
#[derive(Clone, Debug)]
pub struct RoaOperation {
    operation: Operation,
    template: String,
    path_values: Vec<(String, String)>,
    body: serde_json::Map<String, Value>,
}

impl RoaOperation {
    /// `template` is the metadata's path, e.g. `/2023-03-30/functions/[functionName]`. A query
    /// in it (`/alerts/[alertName]?action=disable`, as some SLS operations have) becomes fixed
    /// query parameters, as the SDKs send them.
    pub fn new(action: &str, method: Method, template: &str) -> Self {
        let (path, fixed) = template.split_once('?').unwrap_or((template, ""));
        let mut operation = Operation::roa(action, method, "/");
        operation.query = fixed
            .split('&')
            .filter(|pair| !pair.is_empty())
            .map(|pair| {
                let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
                (key.to_owned(), value.to_owned())
            })
            .collect();
        Self { operation, template: path.to_owned(), path_values: Vec::new(), body: serde_json::Map::new() }
    }

    /// The value of the `[name]` segment of the path.
    pub fn path(&mut self, name: &str, value: &Value) {
        self.path_values.push((name.to_owned(), scalar_text(value)));
    }

    /// A query parameter, flattened in the repeat-list style.
    pub fn query(&mut self, name: &str, value: &Value) {
        flatten_param(name, value, ParamStyle::RepeatList, &mut self.operation.query);
    }

    /// A header parameter: `x-acs-*` ones are sent and signed; any other (FC's `x-fc-log-type`)
    /// is dropped, as real mode always did: UNCERTAIN whether a service needs one unsigned.
    pub fn header(&mut self, name: &str, value: &Value) {
        let name = name.to_ascii_lowercase();
        if name.starts_with("x-acs-") {
            self.operation.headers.push((name, scalar_text(value)));
        }
    }

    /// A member of the JSON object body.
    pub fn body(&mut self, name: &str, value: &Value) {
        self.body.insert(name.to_owned(), value.clone());
    }

    /// The operation with its path filled; a placeholder without a value is
    /// [`BuildError::UnfilledPath`] naming it. [`build_request`] validates the rest.
    pub fn finish(self) -> Result<Operation, BuildError> {
        let mut operation = self.operation;
        operation.pathname = fill_path(&self.template, &self.path_values)?;
        if !self.body.is_empty() {
            operation.body = Body::Json(Value::Object(self.body).to_string());
        }
        Ok(operation)
    }
}

/// Builds and signs `operation` for the resolved product with the family it names.
pub fn build_request(
    creds: &Credentials,
    target: &Resolved,
    operation: &Operation,
    stamp: &Stamp,
) -> Result<SignedRequest, BuildError> {
    let host = endpoint_host(&target.api.endpoint)?;
    validate(operation, target.style)?;
    let api = &target.api;
    Ok(match (target.style, target.signature) {
        (Style::Rpc, SignatureFamily::V1) => {
            if matches!(operation.body, Body::Json(_) | Body::Raw { .. }) {
                return Err(BuildError::BodyNotSupported);
            }
            rpc_v1(creds, api, operation, &stamp.timestamp, &stamp.nonce)
        }
        (Style::Roa, SignatureFamily::V1) => roa_v1(creds, api, operation, &stamp.date, &stamp.nonce),
        (_, SignatureFamily::V3) => v3(creds, api, host, operation, &stamp.timestamp, &stamp.nonce),
    })
}

/// The host (and port) of an endpoint base `http(s)://host[:port][/]`.
fn endpoint_host(endpoint: &str) -> Result<&str, BuildError> {
    let bad = || BuildError::BadEndpoint(endpoint.chars().take(200).collect());
    let rest = endpoint.strip_prefix("https://").or_else(|| endpoint.strip_prefix("http://")).ok_or_else(bad)?;
    let host = rest.strip_suffix('/').unwrap_or(rest);
    let valid = !host.is_empty()
        && host.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b':' | b'[' | b']' | b'_'));
    if valid { Ok(host) } else { Err(bad()) }
}

fn valid_header_value(value: &str) -> bool {
    !value.chars().any(|c| c.is_control() && c != '\t')
}

fn validate(operation: &Operation, style: Style) -> Result<(), BuildError> {
    let action = &operation.action;
    if action.is_empty() || !action.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.')) {
        return Err(BuildError::BadAction(action.clone()));
    }
    let path = &operation.pathname;
    let path_ok = match style {
        Style::Rpc => path == "/",
        Style::Roa => path.starts_with('/') && !path.contains(['?', '#']) && valid_header_value(path),
    };
    if !path_ok {
        return Err(BuildError::BadPath(path.clone()));
    }
    for (name, value) in &operation.headers {
        let lower = name.to_ascii_lowercase();
        let token =
            !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b));
        if !token || !valid_header_value(value) {
            return Err(BuildError::BadHeader(name.clone()));
        }
        if RESERVED_HEADERS.contains(&lower.as_str()) || lower.starts_with("x-acs-signature-") {
            return Err(BuildError::ReservedHeader(name.clone()));
        }
    }
    Ok(())
}

/// The body text and its content type.
fn body_text(body: &Body) -> Option<(String, String)> {
    match body {
        Body::Empty => None,
        Body::Form(fields) => Some((form_encode(fields), "application/x-www-form-urlencoded".to_owned())),
        Body::Json(text) => Some((text.clone(), "application/json; charset=utf-8".to_owned())),
        Body::Raw { content_type, text } => Some((text.clone(), content_type.clone())),
    }
}

fn sorted(pairs: &[(String, String)]) -> Vec<(String, String)> {
    let mut out = pairs.to_vec();
    out.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
    out
}

fn url(endpoint: &str, pathname: &str, query: &str) -> String {
    let base = endpoint.trim_end_matches('/');
    if query.is_empty() { format!("{base}{pathname}") } else { format!("{base}{pathname}?{query}") }
}

/// RPC v1: common parameters and the query in the URL (sorted, so the wire query equals the
/// canonical one), then `Signature`; form fields in the body and in the signed set. A GET
/// cannot carry a body, so its form fields join the query.
fn rpc_v1(creds: &Credentials, api: &ApiInfo, operation: &Operation, timestamp: &str, nonce: &str) -> SignedRequest {
    let mut query = operation.query.clone();
    let mut form = match &operation.body {
        Body::Form(fields) => fields.clone(),
        _ => Vec::new(),
    };
    if operation.method == Method::Get {
        query.append(&mut form);
    }
    let mut common = vec![
        ("Action", operation.action.as_str()),
        ("Version", api.version.as_str()),
        ("Format", RPC_FORMAT),
        ("AccessKeyId", creds.access_key_id.as_str()),
        ("SignatureMethod", "HMAC-SHA1"),
        ("SignatureVersion", "1.0"),
        ("SignatureNonce", nonce),
        ("Timestamp", timestamp),
    ];
    if let Some(token) = &creds.security_token {
        common.push(("SecurityToken", token));
    }
    // The common parameters win over operation parameters of the same name.
    query.retain(|(k, _)| k != "Signature" && !common.iter().any(|(c, _)| c == k));
    form.retain(|(k, _)| !common.iter().any(|(c, _)| c == k));
    query.extend(common.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())));
    let mut signed = query.clone();
    signed.extend(form.iter().cloned());
    let signature = crate::rpc::sign_rpc(operation.method.as_str(), &signed, &creds.access_key_secret).signature;
    let query_text = format!("{}&Signature={}", encode_pairs(&sorted(&query)), percent_encode(&signature));
    let mut headers = BTreeMap::from([
        ("x-acs-action".to_owned(), operation.action.clone()),
        ("x-acs-version".to_owned(), api.version.clone()),
    ]);
    let body = (!form.is_empty() && operation.method != Method::Get).then(|| {
        headers.insert("content-type".to_owned(), "application/x-www-form-urlencoded".to_owned());
        form_encode(&form)
    });
    SignedRequest {
        method: operation.method.as_str().to_owned(),
        url: url(&api.endpoint, "/", &query_text),
        headers,
        body,
    }
}

/// V3 for both styles: action and version in headers, the operation's own parameters in the
/// query or body, `Authorization: ACS3-HMAC-SHA256 …`.
fn v3(
    creds: &Credentials,
    api: &ApiInfo,
    host: &str,
    operation: &Operation,
    timestamp: &str,
    nonce: &str,
) -> SignedRequest {
    let body = body_text(&operation.body);
    let payload = body.as_ref().map_or("", |(text, _)| text.as_str());
    let mut headers: Vec<(String, String)> = vec![
        ("host".into(), host.to_owned()),
        ("x-acs-action".into(), operation.action.clone()),
        ("x-acs-version".into(), api.version.clone()),
        ("x-acs-date".into(), timestamp.to_owned()),
        ("x-acs-signature-nonce".into(), nonce.to_owned()),
        ("x-acs-content-sha256".into(), crate::v3::hash_payload(payload.as_bytes())),
    ];
    if let Some((_, content_type)) = &body {
        headers.push(("content-type".into(), content_type.clone()));
    }
    if let Some(token) = &creds.security_token {
        headers.push(("x-acs-security-token".into(), token.clone()));
    }
    headers.extend(operation.headers.iter().map(|(k, v)| (k.to_ascii_lowercase(), v.clone())));
    let signed: Vec<(String, String)> = headers
        .iter()
        .filter(|(k, _)| operation.sign_all_headers || k == "host" || k == "content-type" || k.starts_with("x-acs-"))
        .cloned()
        .collect();
    let sig = crate::v3::sign_v3(
        operation.method.as_str(),
        &operation.pathname,
        &operation.query,
        &signed,
        payload.as_bytes(),
        &creds.access_key_id,
        &creds.access_key_secret,
    );
    let mut out: BTreeMap<String, String> = headers.into_iter().filter(|(k, _)| k != "host").collect();
    out.insert("authorization".into(), sig.authorization);
    SignedRequest {
        method: operation.method.as_str().to_owned(),
        url: url(&api.endpoint, &operation.pathname, &encode_pairs(&sorted(&operation.query))),
        headers: out,
        body: body.map(|(text, _)| text),
    }
}

/// ROA v1: `Date`, `Accept`, `Content-MD5`, `x-acs-*` headers and `Authorization: acs id:sig`.
fn roa_v1(creds: &Credentials, api: &ApiInfo, operation: &Operation, date: &str, nonce: &str) -> SignedRequest {
    let body = body_text(&operation.body);
    let mut headers: Vec<(String, String)> = vec![
        ("date".into(), date.to_owned()),
        ("x-acs-signature-method".into(), "HMAC-SHA1".into()),
        ("x-acs-signature-version".into(), "1.0".into()),
        ("x-acs-signature-nonce".into(), nonce.to_owned()),
        ("x-acs-version".into(), api.version.clone()),
        ("x-acs-action".into(), operation.action.clone()),
    ];
    if !operation.headers.iter().any(|(k, _)| k.eq_ignore_ascii_case("accept")) {
        headers.push(("accept".into(), "application/json".into()));
    }
    if let Some((text, content_type)) = &body {
        headers.push(("content-type".into(), content_type.clone()));
        headers.push(("content-md5".into(), crate::roa::content_md5(text.as_bytes())));
    }
    if let Some(token) = &creds.security_token {
        headers.push(("x-acs-security-token".into(), token.clone()));
        headers.push(("x-acs-accesskey-id".into(), creds.access_key_id.clone()));
    }
    headers.extend(operation.headers.iter().map(|(k, v)| (k.to_ascii_lowercase(), v.clone())));
    let sig = crate::roa::sign_roa(
        operation.method.as_str(),
        &operation.pathname,
        &operation.query,
        &headers,
        &creds.access_key_id,
        &creds.access_key_secret,
    );
    let mut out: BTreeMap<String, String> = headers.into_iter().collect();
    out.insert("authorization".into(), sig.authorization);
    SignedRequest {
        method: operation.method.as_str().to_owned(),
        url: url(&api.endpoint, &operation.pathname, &encode_pairs(&sorted(&operation.query))),
        headers: out,
        body: body.map(|(text, _)| text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::endpoint::{Resolver, SeedProducts};
    use serde_json::json;

    fn creds(token: Option<&str>) -> Credentials {
        Credentials {
            access_key_id: "testid".into(),
            access_key_secret: "testsecret".into(),
            security_token: token.map(str::to_owned),
        }
    }

    fn stamp() -> Stamp {
        Stamp::new(UtcTime::parse_iso8601("2023-03-13T08:34:30Z").unwrap(), "edb2b34af0af9a6d14deaf7c1a5315eb").unwrap()
    }

    fn target(service: &str, signature: SignatureFamily) -> Resolved {
        Resolved { signature, ..Resolver::new(SeedProducts).resolve(service, "cn-hangzhou").unwrap() }
    }

    fn query_of(url: &str) -> Vec<(String, String)> {
        let query = url.split_once('?').map_or("", |(_, q)| q);
        query.split('&').filter_map(|p| p.split_once('=')).map(|(k, v)| (k.to_owned(), v.to_owned())).collect()
    }

    #[test]
    fn rpc_requests_carry_the_flattened_parameters_token_and_signature_but_no_secret() {
        let operation = Operation::rpc("DescribeInstances", &json!({"RegionId": "cn-hangzhou", "Tag": [{"Key": "a"}]}));
        let req =
            build_request(&creds(Some("tok")), &target("ecs", SignatureFamily::V1), &operation, &stamp()).unwrap();
        assert!(
            req.url.starts_with("https://ecs.cn-hangzhou.aliyuncs.com/?AccessKeyId=testid&Action=DescribeInstances")
        );
        assert!(req.url.contains("&Tag.1.Key=a&") && req.url.contains("&SecurityToken=tok&"));
        let (last_key, signature) = query_of(&req.url).pop().unwrap();
        assert_eq!(last_key, "Signature");
        assert!(!signature.is_empty());
        assert!(!serde_json::to_string(&req).unwrap().contains("testsecret"));
    }

    #[test]
    fn rpc_v1_signature_in_the_url_verifies_over_query_and_form_fields() {
        let mut operation = Operation::rpc("StartExecution", &Value::Null);
        operation.body = Body::Form(vec![("FlowName".into(), "my flow".into())]);
        let req = build_request(&creds(None), &target("fnf", SignatureFamily::V1), &operation, &stamp()).unwrap();
        assert_eq!(req.body.as_deref(), Some("FlowName=my+flow"));
        assert_eq!(req.headers["content-type"], "application/x-www-form-urlencoded");
        let mut params: Vec<(String, String)> =
            query_of(&req.url).into_iter().map(|(k, v)| (k, v.replace("%3A", ":"))).collect();
        let (_, signature) = params.pop().unwrap();
        params.push(("FlowName".into(), "my flow".into()));
        let expected = crate::rpc::sign_rpc("POST", &params, "testsecret").signature;
        assert_eq!(signature, percent_encode(&expected));
    }

    #[test]
    fn rpc_v1_get_moves_form_fields_into_the_query() {
        let mut operation = Operation::rpc("DescribeRegions", &Value::Null);
        operation.method = Method::Get;
        operation.body = Body::Form(vec![("A".into(), "1".into())]);
        let req = build_request(&creds(None), &target("ecs", SignatureFamily::V1), &operation, &stamp()).unwrap();
        assert!(req.body.is_none());
        assert!(query_of(&req.url).contains(&("A".to_owned(), "1".to_owned())));
    }

    #[test]
    fn rpc_v1_refuses_json_bodies() {
        let mut operation = Operation::rpc("X", &Value::Null);
        operation.body = Body::Json("{}".into());
        let err = build_request(&creds(None), &target("fnf", SignatureFamily::V1), &operation, &stamp());
        assert_eq!(err, Err(BuildError::BodyNotSupported));
    }

    #[test]
    fn v3_signs_host_content_type_and_x_acs_headers_only_by_default() {
        let mut operation = Operation::roa("InvokeFunction", Method::Post, "/2023-03-30/functions/f/invocations");
        operation.headers.push(("x-fc-invocation-type".into(), "Sync".into()));
        operation.body = Body::Json("{}".into());
        let req = build_request(&creds(Some("tok")), &target("fc", SignatureFamily::V3), &operation, &stamp()).unwrap();
        let auth = &req.headers["authorization"];
        assert!(auth.contains(
            "SignedHeaders=content-type;host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-security-token;x-acs-signature-nonce;x-acs-version,"
        ));
        assert_eq!(req.headers["x-fc-invocation-type"], "Sync");
        assert!(!req.headers.contains_key("host"));
        assert_eq!(req.url, "https://fcv3.cn-hangzhou.aliyuncs.com/2023-03-30/functions/f/invocations");
    }

    #[test]
    fn roa_v1_sends_date_md5_and_the_acs_authorization() {
        let mut operation = Operation::roa("CreateCluster", Method::Post, "/clusters");
        operation.body = Body::Json(r#"{"name":"c"}"#.into());
        let req = build_request(&creds(Some("tok")), &target("cs", SignatureFamily::V1), &operation, &stamp()).unwrap();
        assert_eq!(req.headers["date"], "Mon, 13 Mar 2023 08:34:30 GMT");
        assert_eq!(req.headers["content-md5"], crate::roa::content_md5(br#"{"name":"c"}"#));
        assert_eq!(req.headers["x-acs-accesskey-id"], "testid");
        assert!(req.headers["authorization"].starts_with("acs testid:"));
    }

    #[test]
    fn invalid_inputs_are_refused_with_the_offending_value() {
        let good = Operation::roa("A", Method::Get, "/x");
        let t = target("cs", SignatureFamily::V3);
        let with = |f: &dyn Fn(&mut Operation)| {
            let mut op = good.clone();
            f(&mut op);
            build_request(&creds(None), &t, &op, &stamp())
        };
        assert_eq!(with(&|op| op.action = "A\r\nB".into()), Err(BuildError::BadAction("A\r\nB".into())));
        assert_eq!(with(&|op| op.pathname = "x".into()), Err(BuildError::BadPath("x".into())));
        assert_eq!(with(&|op| op.headers.push(("a b".into(), "v".into()))), Err(BuildError::BadHeader("a b".into())));
        assert_eq!(with(&|op| op.headers.push(("x".into(), "v\n".into()))), Err(BuildError::BadHeader("x".into())));
        assert_eq!(
            with(&|op| op.headers.push(("Authorization".into(), "v".into()))),
            Err(BuildError::ReservedHeader("Authorization".into()))
        );
        let mut bad_endpoint = t.clone();
        bad_endpoint.api.endpoint = "https://evil.com/path".into();
        assert!(matches!(build_request(&creds(None), &bad_endpoint, &good, &stamp()), Err(BuildError::BadEndpoint(_))));
        let rpc = build_request(&creds(None), &target("ecs", SignatureFamily::V3), &good, &stamp());
        assert_eq!(rpc, Err(BuildError::BadPath("/x".into())));
    }

    #[test]
    fn nonces_must_be_short_visible_ascii() {
        let t = UtcTime::from_unix_seconds(0).unwrap();
        for nonce in ["", "a b", "ü", &"n".repeat(MAX_NONCE_LEN + 1)] {
            assert_eq!(Stamp::new(t, nonce), Err(BuildError::BadNonce), "{nonce}");
        }
    }

    #[test]
    fn path_placeholders_are_filled_encoded_or_reported() {
        let values = vec![("functionName".to_owned(), "my fn".to_owned())];
        assert_eq!(
            fill_path("/2023-03-30/functions/[functionName]/invocations", &values).unwrap(),
            "/2023-03-30/functions/my%20fn/invocations"
        );
        let err = fill_path("/a/[b]", &values).unwrap_err();
        assert_eq!(err, BuildError::UnfilledPath { parameter: "b".into(), path: "/a/[b]".into() });
        assert_eq!(
            err.to_string(),
            "path parameter `b` has no value; the path `/a/[b]` needs it, so give `b` in the parameters"
        );
    }

    fn fc_target(endpoint: &str) -> Resolved {
        let mut t = target("fc", SignatureFamily::V3);
        t.api.endpoint = endpoint.into();
        t
    }

    #[test]
    fn roa_operations_place_path_query_header_and_body_parameters() {
        let mut roa = RoaOperation::new("UpdateFunction", Method::Put, "/2023-03-30/functions/[functionName]");
        roa.path("functionName", &json!("f 1"));
        roa.query("qualifier", &json!("LATEST"));
        roa.header("X-Acs-Extra", &json!(1));
        roa.header("x-other", &json!("dropped"));
        roa.body("config", &json!({"a": 1}));
        let operation = roa.finish().unwrap();
        let req = build_request(&creds(None), &fc_target("http://127.0.0.1:9000"), &operation, &stamp()).unwrap();
        assert_eq!(req.method, "PUT");
        assert_eq!(req.url, "http://127.0.0.1:9000/2023-03-30/functions/f%201?qualifier=LATEST");
        assert_eq!(req.headers["x-acs-extra"], "1");
        assert!(!req.headers.contains_key("x-other"));
        assert_eq!(req.body.as_deref(), Some(r#"{"config":{"a":1}}"#));
        assert!(req.headers["authorization"].contains("x-acs-extra"), "x-acs-* header parameters are signed");
    }

    #[test]
    fn a_roa_path_parameter_without_a_value_is_an_error_naming_it() {
        let mut roa = RoaOperation::new("DeleteCluster", Method::Delete, "/clusters/[ClusterId]");
        roa.query("ClusterId", &json!("given in the wrong place"));
        let err = roa.finish().unwrap_err();
        assert_eq!(
            err,
            BuildError::UnfilledPath { parameter: "ClusterId".into(), path: "/clusters/[ClusterId]".into() }
        );
        assert!(err.to_string().contains("give `ClusterId` in the parameters"), "{err}");
    }

    #[test]
    fn a_query_in_the_path_template_becomes_fixed_query_parameters() {
        let mut roa = RoaOperation::new("DisableAlert", Method::Put, "/alerts/[alertName]?action=disable");
        roa.path("alertName", &json!("a"));
        let operation = roa.finish().unwrap();
        assert_eq!(operation.pathname, "/alerts/a");
        assert_eq!(operation.query, vec![("action".to_owned(), "disable".to_owned())]);
    }

    #[test]
    fn reserved_headers_given_as_parameters_are_refused() {
        let mut roa = RoaOperation::new("GetFunction", Method::Get, "/f");
        roa.header("x-acs-action", &json!("Other"));
        let err = build_request(
            &creds(None),
            &fc_target("https://fcv3.cn-hangzhou.aliyuncs.com"),
            &roa.finish().unwrap(),
            &stamp(),
        );
        assert_eq!(err, Err(BuildError::ReservedHeader("x-acs-action".into())));
    }
}
