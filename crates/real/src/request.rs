//! Task call → signed request: the product, API version, style, method, path and endpoint come
//! from the OpenAPI catalog; `FC:InvokeFunction` and `FNF:StartExecution` are mapped to their
//! services' OpenAPI calls.

use std::collections::BTreeMap;

use acs::request::{ApiInfo, Position, SignedRequest};
use engine::{TaskCall, TaskOutcome};
use fdl::lint::{ApiCatalog, ServiceLookup};
use serde_json::{Value, json};

use crate::{RealConfig, task_error};

/// What a Task call becomes in real mode.
#[derive(Debug)]
pub enum Built {
    Request(SignedRequest),
    /// It cannot be called; the outcome says why (unknown service, no endpoint, bad ARN…).
    NotCallable(TaskOutcome),
    /// Not an OpenAPI call (HTTP, MNS, EventBridge, OSS): answered by the fallback.
    NotOpenApi,
}

/// `2026-12-01T10:00:00Z` (second precision, as the signers want).
fn timestamp(config: &RealConfig) -> String {
    let t = engine::format_rfc3339_millis((config.now_ms)());
    format!("{}Z", t.get(..19).unwrap_or(&t))
}

/// Unique per call: wall-clock milliseconds, the state and the call number.
fn nonce(config: &RealConfig, call: &TaskCall) -> String {
    let state: u32 = call.state.bytes().fold(0u32, |h, b| h.wrapping_mul(31).wrapping_add(u32::from(b)));
    format!("{:x}{state:x}{:x}", (config.now_ms)(), call.call_number)
}

/// Builds the signed request for `call` (`None` catalog: not loaded yet).
pub fn build_signed_request(catalog: Option<&catalog::Catalog>, config: &RealConfig, call: &TaskCall) -> Built {
    let Some((service, operation)) = call.action.split_once(':') else {
        return Built::NotCallable(task_error(
            "FnF.InvalidAction",
            format!("`{}` is not Service:Operation", call.action),
        ));
    };
    let region = call.parameters.get("RegionId").and_then(Value::as_str).unwrap_or(&config.region).to_owned();
    let override_base = config.endpoints.get(&service.to_ascii_uppercase()).cloned();
    let Some(catalog) = catalog else {
        return Built::NotCallable(task_error(
            "FnF.CatalogUnavailable",
            "the OpenAPI catalog is not loaded yet, so the request cannot be built",
        ));
    };
    let product = match catalog.service(service, operation) {
        ServiceLookup::Optimized if service.eq_ignore_ascii_case("FC") && operation == "InvokeFunction" => {
            return into_built(fc_invoke(config, call, override_base));
        }
        ServiceLookup::Optimized if service.eq_ignore_ascii_case("FNF") && operation == "StartExecution" => {
            return into_built(fnf_start(config, call, &region, override_base));
        }
        ServiceLookup::Optimized => return Built::NotOpenApi,
        ServiceLookup::Unknown { .. } => {
            return Built::NotCallable(task_error(
                "FnF.UnknownService",
                format!("`{service}` is not an Alibaba Cloud product in the catalog"),
            ));
        }
        ServiceLookup::Product(p) => p,
    };
    let Some(entry) = catalog.product(&product) else {
        return Built::NotCallable(task_error("FnF.UnknownService", format!("{product} is not in the catalog")));
    };
    let Some(op) = catalog.operation(&product, operation) else {
        return Built::NotCallable(task_error(
            "FnF.UnknownOperation",
            format!("{product} has no operation {operation} (or its operations are not loaded yet)"),
        ));
    };
    let Some(base) = override_base.or_else(|| catalog.endpoint(&product, &region).map(|h| format!("https://{h}")))
    else {
        return Built::NotCallable(task_error(
            "FnF.NoEndpoint",
            format!("{product} has no endpoint for region {region}; give an endpoint override for {service}"),
        ));
    };
    let (ts, n) = (timestamp(config), nonce(config, call));
    if entry.style == "rpc" {
        let api = ApiInfo { product: product.clone(), version: entry.version.clone(), endpoint: base };
        return Built::Request(acs::request::build_rpc(
            &config.credentials,
            &api,
            operation,
            &call.parameters,
            &ts,
            &n,
        ));
    }
    let params: Vec<(String, Position, Value)> = call
        .parameters
        .as_object()
        .map(|m| {
            m.iter()
                .map(|(k, v)| {
                    let position = match op.params.iter().find(|p| &p.name == k).map(|p| p.position.as_str()) {
                        Some("Path") => Position::Path,
                        Some("Header") => Position::Header,
                        Some("Body") => Position::Body,
                        _ => Position::Query,
                    };
                    (k.clone(), position, v.clone())
                })
                .collect()
        })
        .unwrap_or_default();
    let method = op.method.split('|').next().unwrap_or("GET").to_owned();
    let path = op.path.clone().unwrap_or_else(|| "/".into());
    Built::Request(acs::request::build_roa_v3(
        &config.credentials,
        &base,
        &entry.version,
        operation,
        &method,
        &path,
        &params,
        &ts,
        &n,
    ))
}

fn into_built(r: Result<SignedRequest, TaskOutcome>) -> Built {
    match r {
        Ok(request) => Built::Request(request),
        Err(outcome) => Built::NotCallable(outcome),
    }
}

/// `FC:InvokeFunction` (optimized integration, spec §9.3) as the FC 3.0 OpenAPI call
/// `POST /2023-03-30/functions/{name}/invocations`, signed with V3.
fn fc_invoke(
    config: &RealConfig,
    call: &TaskCall,
    override_base: Option<String>,
) -> Result<SignedRequest, TaskOutcome> {
    let arn = call.parameters.get("resourceArn").and_then(Value::as_str).unwrap_or("");
    // FC 3.0: acs:fc:<region>:<account>:functions/<name>[/<qualifier>]
    let parts: Vec<&str> = arn.splitn(5, ':').collect();
    let (region, resource) = match parts.as_slice() {
        ["acs", "fc", region, _, resource] => {
            (if region.is_empty() { config.region.as_str() } else { region }, *resource)
        }
        _ => return Err(task_error("FC.InvalidArgument", format!("resourceArn `{arn}` is not an FC function ARN"))),
    };
    let Some(rest) = resource.strip_prefix("functions/") else {
        return Err(task_error(
            "FC.InvalidArgument",
            format!(
                "resourceArn `{arn}`: only FC 3.0 ARNs (…:functions/<name>/<qualifier>) are supported in real mode"
            ),
        ));
    };
    let (name, qualifier) = rest.split_once('/').unwrap_or((rest, "LATEST"));
    let invocation_type = call.parameters.get("invocationType").and_then(Value::as_str).unwrap_or("Sync");
    let base = override_base.unwrap_or_else(|| format!("https://fcv3.{region}.aliyuncs.com"));
    // The function receives `body` itself as its event: objects as JSON, strings verbatim.
    let event = match call.parameters.get("body") {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(text)) => text.clone(),
        Some(other) => other.to_string(),
    };
    Ok(sign_raw_body(config, &base, name, qualifier, invocation_type, &event, call))
}

/// `FNF:StartExecution` (child flow, spec §9.3) as CloudFlow's own RPC API call, with the flow
/// name from `resourceArn` (`acs:fnf:<region>::flow/<name>`) and `input` as JSON text.
fn fnf_start(
    config: &RealConfig,
    call: &TaskCall,
    region: &str,
    override_base: Option<String>,
) -> Result<SignedRequest, TaskOutcome> {
    let arn = call.parameters.get("resourceArn").and_then(Value::as_str).unwrap_or("");
    let Some(flow) = arn.rsplit_once(":flow/").map(|(_, f)| f) else {
        return Err(task_error(
            "FnF.InvalidArgument",
            format!("resourceArn `{arn}` is not a flow ARN (acs:fnf:<region>::flow/<name>)"),
        ));
    };
    let arn_region = arn.split(':').nth(2).filter(|r| !r.is_empty()).unwrap_or(region);
    let mut params = json!({"FlowName": flow, "Input": call.parameters.get("input").map_or_else(|| "{}".to_owned(), Value::to_string)});
    if let Some(name) = call.parameters.get("executionName").and_then(Value::as_str) {
        params["ExecutionName"] = json!(name);
    }
    let api = ApiInfo {
        product: "fnf".into(),
        version: "2019-03-15".into(),
        endpoint: override_base.unwrap_or_else(|| format!("https://{arn_region}.fnf.aliyuncs.com")),
    };
    Ok(acs::request::build_rpc(
        &config.credentials,
        &api,
        "StartExecution",
        &params,
        &timestamp(config),
        &nonce(config, call),
    ))
}

/// FC invocations carry the event as the raw body; sign that exact text.
fn sign_raw_body(
    config: &RealConfig,
    base: &str,
    name: &str,
    qualifier: &str,
    invocation_type: &str,
    body: &str,
    call: &TaskCall,
) -> SignedRequest {
    let host = base.split("://").nth(1).unwrap_or(base).trim_end_matches('/').to_owned();
    let path = format!("/2023-03-30/functions/{}/invocations", acs::percent_encode(name));
    let credentials = &config.credentials;
    let mut headers: Vec<(String, String)> = vec![
        ("host".into(), host),
        ("x-acs-action".into(), "InvokeFunction".into()),
        ("x-acs-version".into(), "2023-03-30".into()),
        ("x-acs-date".into(), timestamp(config)),
        ("x-acs-signature-nonce".into(), nonce(config, call)),
        ("x-acs-content-sha256".into(), acs::v3::hash_payload(body.as_bytes())),
        ("content-type".into(), "application/json".into()),
    ];
    if let Some(token) = &credentials.security_token {
        headers.push(("x-acs-security-token".into(), token.clone()));
    }
    let query = vec![("qualifier".to_owned(), qualifier.to_owned())];
    let sig = acs::v3::sign_v3(
        "POST",
        &path,
        &query,
        &headers,
        body.as_bytes(),
        &credentials.access_key_id,
        &credentials.access_key_secret,
    );
    let mut out: BTreeMap<String, String> = headers.into_iter().filter(|(k, _)| k != "host").collect();
    out.insert("authorization".into(), sig.authorization);
    out.insert("x-fc-invocation-type".into(), invocation_type.to_owned());
    SignedRequest {
        method: "POST".into(),
        url: format!("{}{path}?qualifier={}", base.trim_end_matches('/'), acs::percent_encode(qualifier)),
        headers: out,
        body: Some(body.to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(token: Option<&str>) -> RealConfig {
        RealConfig {
            relay_url: "http://127.0.0.1:8080/api/relay".into(),
            credentials: acs::Credentials {
                access_key_id: "testid".into(),
                access_key_secret: "testsecret".into(),
                security_token: token.map(str::to_owned),
            },
            region: "cn-hangzhou".into(),
            endpoints: BTreeMap::from([
                ("VPC".to_owned(), "http://127.0.0.1:9000".to_owned()),
                ("CS".to_owned(), "https://cs.cn-hangzhou.aliyuncs.com".to_owned()),
            ]),
            now_ms: || 1_764_670_000_123,
        }
    }

    fn call(action: &str, parameters: Value) -> TaskCall {
        TaskCall {
            state: "S".into(),
            action: action.into(),
            mode: fdl::model::TaskMode::RequestComplete,
            parameters,
            call_number: 2,
            task_token: None,
        }
    }

    fn build(token: Option<&str>, action: &str, parameters: Value) -> String {
        let catalog = catalog::Catalog::embedded();
        match build_signed_request(Some(catalog), &config(token), &call(action, parameters)) {
            Built::Request(r) => serde_json::to_string_pretty(&r).unwrap(),
            Built::NotCallable(outcome) => format!("{:?}", outcome.result.unwrap_err()),
            Built::NotOpenApi => "not an OpenAPI call".into(),
        }
    }

    /// The wire bytes of real-mode requests: signatures must not change when the builder does.
    #[test]
    fn real_mode_requests_are_stable() {
        let cases: Vec<(Option<&str>, &str, Value)> = vec![
            (
                Some("tok"),
                "ECS:DescribeInstances",
                json!({"RegionId": "cn-shanghai", "Tag": [{"Key": "a", "Value": "b c"}], "PageSize": 10}),
            ),
            (None, "VPC:DescribeVpcs", json!({"VpcName": "v"})),
            (None, "FC:GetFunction", json!({"functionName": "my fn", "qualifier": "LATEST"})),
            (None, "FC:GetFunction", json!({"qualifier": "LATEST"})),
            (Some("tok"), "FC:UpdateFunction", json!({"functionName": "f", "body": {"description": "d"}})),
            (None, "CS:DeleteCluster", json!({"ClusterId": "c1", "keep_slb": true, "retain_resources": ["a", "b"]})),
            (
                Some("tok"),
                "FC:InvokeFunction",
                json!({"resourceArn": "acs:fc:cn-beijing:123:functions/demo/prod", "invocationType": "Async", "body": {"x": 1}}),
            ),
            (None, "FC:InvokeFunction", json!({"resourceArn": "acs:fc::123:functions/demo", "body": "raw text"})),
            (None, "FC:InvokeFunction", json!({"resourceArn": "acs:fc:cn-hangzhou:123:functions/demo"})),
            (
                Some("tok"),
                "FNF:StartExecution",
                json!({"resourceArn": "acs:fnf:cn-beijing:123:flow/child", "input": {"a": 1}, "executionName": "e1"}),
            ),
            (None, "FNF:StartExecution", json!({"resourceArn": "acs:fnf:::flow/child"})),
        ];
        let out: Vec<String> = cases
            .into_iter()
            .map(|(token, action, params)| format!("{action}\n{}", build(token, action, params)))
            .collect();
        insta::assert_snapshot!(out.join("\n\n"));
    }
}
