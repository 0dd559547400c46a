//! Task call → signed request. Every request goes through `acs::build_request` (validation,
//! then signing): the catalog gives the product, version, style, method, path template and where
//! each parameter goes; `FC:InvokeFunction` and `FNF:StartExecution` (optimized integrations)
//! become their services' OpenAPI calls, resolved with acs's built-in product table.

use acs::endpoint::{Override, ResolveError, Resolver, SeedProducts};
use acs::request::{Body, BuildError, Method, Operation, RoaOperation, SignedRequest, Stamp};
use acs::{ApiInfo, Resolved, SignatureFamily, Style};
use engine::{TaskCall, TaskOutcome};
use fdl::lint::{ApiCatalog, ParamPosition, ServiceLookup};
use serde_json::{Value, json};

use crate::{RealConfig, task_error};

/// What a Task call becomes in real mode.
#[derive(Debug)]
pub enum Built {
    Request(SignedRequest),
    /// It cannot be called; the outcome says why (unknown service, no endpoint, bad ARN, a
    /// path parameter without a value…).
    NotCallable(TaskOutcome),
    /// Not an OpenAPI call (HTTP, MNS, EventBridge, OSS): answered by the fallback.
    NotOpenApi,
}

/// Unique per call: wall-clock milliseconds, the state and the call number.
fn nonce(config: &RealConfig, call: &TaskCall) -> String {
    let state: u32 = call.state.bytes().fold(0u32, |h, b| h.wrapping_mul(31).wrapping_add(u32::from(b)));
    format!("{:x}{state:x}{:x}", (config.now_ms)(), call.call_number)
}

/// The signature family of catalog products: RPC v1 for RPC ones (every RPC product accepts it,
/// and CloudFlow's own SDK still sends it), V3 for ROA ones (the SDKs' default; openapi-signing.md §1).
fn family(style: Style) -> SignatureFamily {
    match style {
        Style::Rpc => SignatureFamily::V1,
        Style::Roa => SignatureFamily::V3,
    }
}

/// Validates and signs `operation` for `target` at the configured time; a refusal becomes the
/// Task error `error_code`, naming the action and the offending input.
fn sign(
    config: &RealConfig,
    call: &TaskCall,
    target: &Resolved,
    operation: &Operation,
    error_code: &str,
) -> Result<SignedRequest, TaskOutcome> {
    let fail = |message: String| task_error(error_code, format!("{}: {message}", call.action));
    let time = acs::UtcTime::from_unix_seconds((config.now_ms)().div_euclid(1000))
        .map_err(|e| fail(format!("the clock cannot be used to sign: {e}")))?;
    let stamp = Stamp::new(time, &nonce(config, call)).map_err(|e| fail(e.to_string()))?;
    acs::build_request(&config.credentials, target, operation, &stamp).map_err(|e| fail(e.to_string()))
}

/// Builds the signed request for `call` (`None` catalog: not loaded yet).
pub fn build_signed_request(catalog: Option<&catalog::Catalog>, config: &RealConfig, call: &TaskCall) -> Built {
    // A legacy task's `resourceArn` (`acs:fc:…:services/…/functions/…`, `acs:mns:…`) names a
    // resource, not an OpenAPI operation: the mocks answer it, as they answer HTTP or MNS tasks.
    // (A current-dialect FC task names `FC:InvokeFunction` and carries its ARN as a parameter.)
    if is_resource_arn(&call.action) {
        return Built::NotOpenApi;
    }
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
    let target = Resolved {
        api: ApiInfo { product, version: entry.version.clone(), endpoint: base },
        style: entry.style,
        signature: family(entry.style),
    };
    let operation = match entry.style {
        Style::Rpc => Ok(Operation::rpc(operation, &call.parameters)),
        Style::Roa => roa_operation(operation, &op, &call.parameters),
    };
    into_built(
        operation
            .map_err(|e| task_error("FnF.InvalidArgument", format!("{}: {e}", call.action)))
            .and_then(|operation| sign(config, call, &target, &operation, "FnF.InvalidArgument")),
    )
}

/// A ROA operation from the catalog: each parameter goes where the metadata places it;
/// parameters the metadata does not list go in the query.
fn roa_operation(action: &str, op: &catalog::Operation, params: &Value) -> Result<Operation, BuildError> {
    // The metadata lists the methods an operation accepts (`GET|POST`); the first is sent.
    let method_name = op.method.split('|').next().unwrap_or_default();
    let method = Method::parse(method_name).ok_or_else(|| BuildError::BadMethod(method_name.to_owned()))?;
    let mut roa = RoaOperation::new(action, method, op.path.as_deref().unwrap_or("/"));
    for (name, value) in params.as_object().into_iter().flatten() {
        match op.params.iter().find(|p| &p.name == name).map_or(ParamPosition::Query, |p| p.position) {
            ParamPosition::Path => roa.path(name, value),
            ParamPosition::Header => roa.header(name, value),
            ParamPosition::Body => roa.body(name, value),
            // `Host` parameters (SLS's `project`) are a host prefix, which real mode does not
            // build: the endpoint (override) gives the host, and the value goes in the query.
            ParamPosition::Query | ParamPosition::Host => roa.query(name, value),
        }
    }
    roa.finish()
}

fn into_built(r: Result<SignedRequest, TaskOutcome>) -> Built {
    match r {
        Ok(request) => Built::Request(request),
        Err(outcome) => Built::NotCallable(outcome),
    }
}

/// `service` (FC or FNF) from acs's built-in product table in `region`, at the override
/// endpoint when one is given. The region comes from an ARN, so it is checked there.
fn seed_target(service: &str, region: &str, endpoint: Option<String>) -> Result<Resolved, ResolveError> {
    Resolver::new(SeedProducts)
        .with_override(service, Override { endpoint, ..Override::default() })
        .resolve(service, region)
}

/// `FC:InvokeFunction` (optimized integration, spec §9.3) as the FC 3.0 OpenAPI call
/// `POST /2023-03-30/functions/{name}/invocations?qualifier=…`, signed with V3.
fn fc_invoke(
    config: &RealConfig,
    call: &TaskCall,
    override_base: Option<String>,
) -> Result<SignedRequest, TaskOutcome> {
    let invalid = |message: String| task_error("FC.InvalidArgument", message);
    let arn = call.parameters.get("resourceArn").and_then(Value::as_str).unwrap_or("");
    // FC 3.0: acs:fc:<region>:<account>:functions/<name>[/<qualifier>]
    let parts: Vec<&str> = arn.splitn(5, ':').collect();
    let (region, resource) = match parts.as_slice() {
        ["acs", "fc", region, _, resource] => {
            (if region.is_empty() { config.region.as_str() } else { region }, *resource)
        }
        _ => return Err(invalid(format!("resourceArn `{arn}` is not an FC function ARN"))),
    };
    let Some(rest) = resource.strip_prefix("functions/") else {
        return Err(invalid(format!(
            "resourceArn `{arn}`: only FC 3.0 ARNs (…:functions/<name>/<qualifier>) are supported in real mode"
        )));
    };
    let (name, qualifier) = rest.split_once('/').unwrap_or((rest, "LATEST"));
    let invocation_type = call.parameters.get("invocationType").and_then(Value::as_str).unwrap_or("Sync");
    let target = seed_target("FC", region, override_base).map_err(|e| invalid(format!("resourceArn `{arn}`: {e}")))?;
    let mut roa = RoaOperation::new("InvokeFunction", Method::Post, "/2023-03-30/functions/[functionName]/invocations");
    roa.path("functionName", &json!(name));
    roa.query("qualifier", &json!(qualifier));
    let mut operation = roa.finish().map_err(|e| invalid(e.to_string()))?;
    // Sent but not signed (only host, content-type and x-acs-* are), as the FC SDK does.
    operation.headers.push(("x-fc-invocation-type".into(), invocation_type.to_owned()));
    // The function receives `body` itself as its event: objects as JSON, strings verbatim.
    let event = match call.parameters.get("body") {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(text)) => text.clone(),
        Some(other) => other.to_string(),
    };
    operation.body = Body::Raw { content_type: "application/json".into(), text: event };
    sign(config, call, &target, &operation, "FC.InvalidArgument")
}

/// `FNF:StartExecution` (child flow, spec §9.3) as CloudFlow's own RPC API call, with the flow
/// name from `resourceArn` (`acs:fnf:<region>::flow/<name>`) and `input` as JSON text.
fn fnf_start(
    config: &RealConfig,
    call: &TaskCall,
    region: &str,
    override_base: Option<String>,
) -> Result<SignedRequest, TaskOutcome> {
    let invalid = |message: String| task_error("FnF.InvalidArgument", message);
    let arn = call.parameters.get("resourceArn").and_then(Value::as_str).unwrap_or("");
    let Some(flow) = arn.rsplit_once(":flow/").map(|(_, f)| f) else {
        return Err(invalid(format!("resourceArn `{arn}` is not a flow ARN (acs:fnf:<region>::flow/<name>)")));
    };
    let arn_region = arn.split(':').nth(2).filter(|r| !r.is_empty()).unwrap_or(region);
    let target =
        seed_target("FNF", arn_region, override_base).map_err(|e| invalid(format!("resourceArn `{arn}`: {e}")))?;
    let mut params = json!({"FlowName": flow, "Input": call.parameters.get("input").map_or_else(|| "{}".to_owned(), Value::to_string)});
    if let Some(name) = call.parameters.get("executionName").and_then(Value::as_str) {
        params["ExecutionName"] = json!(name);
    }
    sign(config, call, &target, &Operation::rpc("StartExecution", &params), "FnF.InvalidArgument")
}

/// Whether a task's action is a resource ARN (a legacy `resourceArn`), not `Service:Operation`.
pub fn is_resource_arn(action: &str) -> bool {
    action.starts_with("acs:")
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

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

    #[test]
    fn regions_from_arns_are_checked_before_they_become_hosts() {
        for (action, arn) in [
            ("FC:InvokeFunction", "acs:fc:evil.example/x:1:functions/f"),
            ("FNF:StartExecution", "acs:fnf:evil.example#::flow/f"),
        ] {
            let out = build(None, action, json!({"resourceArn": arn}));
            assert!(out.contains("InvalidArgument") && out.contains("is not a region id"), "{out}");
        }
    }

    #[test]
    fn catalog_operations_are_validated_before_signing() {
        // A header parameter may not replace one the signer sets.
        let out = build(None, "FC:GetFunction", json!({"functionName": "f"}));
        assert!(out.contains("\"method\": \"GET\""), "{out}");
        let mut op = catalog::Catalog::embedded().operation("FC", "GetFunction").unwrap();
        op.params.push(fdl::lint::ParamInfo {
            name: "x-acs-date".into(),
            ty: "String".into(),
            required: false,
            position: ParamPosition::Header,
        });
        let err = roa_operation("GetFunction", &op, &json!({"functionName": "f", "x-acs-date": "1999"}))
            .and_then(|operation| {
                let target = seed_target("FC", "cn-hangzhou", None).unwrap();
                let stamp = Stamp::new(acs::UtcTime::from_unix_seconds(0).unwrap(), "n").unwrap();
                acs::build_request(&config(None).credentials, &target, &operation, &stamp)
            })
            .unwrap_err();
        assert_eq!(err, BuildError::ReservedHeader("x-acs-date".into()));
    }

    #[test]
    fn a_legacy_resource_arn_is_left_to_the_mocks_and_a_legacy_action_is_signed() {
        let arn = "acs:fc:cn-hangzhou:123456789:services/orders/functions/notify";
        assert_eq!(build(None, arn, json!({"orderId": 7})), "not an OpenAPI call");
        assert_eq!(build(None, "acs:mns:cn-hangzhou:123456789:/queues/q/messages", json!({})), "not an OpenAPI call");
        // A legacy `action` in lower case finds its product as the current dialect's does.
        let signed = build(None, "ecs:DescribeInstances", json!({"RegionId": "cn-hangzhou"}));
        assert!(signed.contains("Action=DescribeInstances"), "{signed}");
    }
}
