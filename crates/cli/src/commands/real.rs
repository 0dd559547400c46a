//! Real mode for `flowplay run --real`: Task states with a normal (OpenAPI) integration are
//! signed here with the caller's AccessKey and sent through the relay (`POST /api/relay`),
//! exactly as the playground does from the browser. The secret stays in this process; the
//! relay only sees the signed request.

use std::collections::BTreeMap;
use std::future::Future;
use std::pin::Pin;
use std::time::{SystemTime, UNIX_EPOCH};

use engine::{Invoker, TaskCall, TaskError, TaskOutcome};
use serde_json::{Value, json};

pub struct RelayInvoker {
    pub client: reqwest::Client,
    pub relay_url: String,
    pub credentials: acs::Credentials,
    pub region: String,
    /// Service (upper case) → endpoint base override, e.g. `ECS` → `http://localhost:9000`.
    pub endpoints: BTreeMap<String, String>,
    /// Answers Tasks that are not OpenAPI calls (optimized integrations) in real mode.
    pub fallback: engine::MockInvoker,
}

fn task_error(error: impl Into<String>, cause: impl Into<String>) -> TaskOutcome {
    TaskOutcome { result: Err(TaskError { error: error.into(), cause: cause.into() }), duration_ms: 0 }
}

fn timestamp() -> String {
    let secs = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64);
    let t = engine::format_rfc3339_millis(secs * 1000);
    format!("{}Z", &t[..19])
}

fn nonce(call: &TaskCall) -> String {
    let nanos = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_nanos());
    format!("{nanos:x}{:x}", call.call_number)
}

impl RelayInvoker {
    /// Builds the signed request from the catalog (version, style, method, path, endpoint).
    /// `None` for optimized integrations; an error outcome for what cannot be called.
    fn build(
        &self,
        service: &str,
        operation: &str,
        region: &str,
        override_base: Option<String>,
        call: &TaskCall,
    ) -> Option<Result<acs::request::SignedRequest, TaskOutcome>> {
        use fdl::lint::{ApiCatalog, ServiceLookup};
        let catalog = catalog::Catalog::embedded();
        let product = match catalog.service(service, operation) {
            ServiceLookup::Optimized if service.eq_ignore_ascii_case("FC") && operation == "InvokeFunction" => {
                return Some(self.fc_invoke(call, override_base));
            }
            ServiceLookup::Optimized if service.eq_ignore_ascii_case("FNF") && operation == "StartExecution" => {
                return Some(self.fnf_start(call, region, override_base));
            }
            ServiceLookup::Optimized => return None,
            ServiceLookup::Unknown { .. } => {
                return Some(Err(task_error(
                    "FnF.UnknownService",
                    format!("`{service}` is not an Alibaba Cloud product in the catalog"),
                )));
            }
            ServiceLookup::Product(p) => p,
        };
        let entry = catalog.product(&product)?;
        let Some(op) = catalog.operation(&product, operation) else {
            return Some(Err(task_error("FnF.UnknownOperation", format!("{product} has no operation {operation}"))));
        };
        let base = match override_base.or_else(|| catalog.endpoint(&product, region).map(|h| format!("https://{h}"))) {
            Some(b) => b,
            None => {
                return Some(Err(task_error(
                    "FnF.NoEndpoint",
                    format!("{product} has no endpoint for region {region}; pass --endpoint {service}=URL"),
                )));
            }
        };
        let (ts, n) = (timestamp(), nonce(call));
        if entry.style == "rpc" {
            let api =
                acs::request::ApiInfo { product: product.clone(), version: entry.version.clone(), endpoint: base };
            return Some(Ok(acs::request::build_rpc(&self.credentials, &api, operation, &call.parameters, &ts, &n)));
        }
        let params: Vec<(String, acs::request::Position, Value)> = call
            .parameters
            .as_object()
            .map(|m| {
                m.iter()
                    .map(|(k, v)| {
                        let position = match op.params.iter().find(|p| &p.name == k).map(|p| p.position.as_str()) {
                            Some("Path") => acs::request::Position::Path,
                            Some("Header") => acs::request::Position::Header,
                            Some("Body") => acs::request::Position::Body,
                            _ => acs::request::Position::Query,
                        };
                        (k.clone(), position, v.clone())
                    })
                    .collect()
            })
            .unwrap_or_default();
        let method = op.method.split('|').next().unwrap_or("GET").to_owned();
        let path = op.path.clone().unwrap_or_else(|| "/".into());
        Some(Ok(acs::request::build_roa_v3(
            &self.credentials,
            &base,
            &entry.version,
            operation,
            &method,
            &path,
            &params,
            &ts,
            &n,
        )))
    }

    /// `FC:InvokeFunction` (optimized integration, spec §9.3) as the FC 3.0 OpenAPI call
    /// `POST /2023-03-30/functions/{name}/invocations`, signed with V3.
    fn fc_invoke(
        &self,
        call: &TaskCall,
        override_base: Option<String>,
    ) -> Result<acs::request::SignedRequest, TaskOutcome> {
        let arn = call.parameters.get("resourceArn").and_then(Value::as_str).unwrap_or("");
        // FC 3.0: acs:fc:<region>:<account>:functions/<name>[/<qualifier>]
        let parts: Vec<&str> = arn.splitn(5, ':').collect();
        let (region, resource) = match parts.as_slice() {
            ["acs", "fc", region, _, resource] => {
                (if region.is_empty() { self.region.as_str() } else { region }, *resource)
            }
            _ => {
                return Err(task_error("FC.InvalidArgument", format!("resourceArn `{arn}` is not an FC function ARN")));
            }
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
        Ok(self.sign_raw_body(&base, name, qualifier, invocation_type, &event, call))
    }

    /// `FNF:StartExecution` (child flow, spec §9.3) as CloudFlow's own RPC API call, with the
    /// flow name from `resourceArn` (`acs:fnf:<region>::flow/<name>`) and `input` as JSON text.
    fn fnf_start(
        &self,
        call: &TaskCall,
        region: &str,
        override_base: Option<String>,
    ) -> Result<acs::request::SignedRequest, TaskOutcome> {
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
        let api = acs::request::ApiInfo {
            product: "fnf".into(),
            version: "2019-03-15".into(),
            endpoint: override_base.unwrap_or_else(|| format!("https://{arn_region}.fnf.aliyuncs.com")),
        };
        Ok(acs::request::build_rpc(&self.credentials, &api, "StartExecution", &params, &timestamp(), &nonce(call)))
    }

    /// FC invocations carry the event as the raw body; sign that exact text.
    fn sign_raw_body(
        &self,
        base: &str,
        name: &str,
        qualifier: &str,
        invocation_type: &str,
        body: &str,
        call: &TaskCall,
    ) -> acs::request::SignedRequest {
        let host = base.split("://").nth(1).unwrap_or(base).trim_end_matches('/').to_owned();
        let path = format!("/2023-03-30/functions/{}/invocations", acs::percent_encode(name));
        let mut headers: Vec<(String, String)> = vec![
            ("host".into(), host),
            ("x-acs-action".into(), "InvokeFunction".into()),
            ("x-acs-version".into(), "2023-03-30".into()),
            ("x-acs-date".into(), timestamp()),
            ("x-acs-signature-nonce".into(), nonce(call)),
            ("x-acs-content-sha256".into(), acs::v3::hash_payload(body.as_bytes())),
            ("content-type".into(), "application/json".into()),
        ];
        if let Some(token) = &self.credentials.security_token {
            headers.push(("x-acs-security-token".into(), token.clone()));
        }
        let query = vec![("qualifier".to_owned(), qualifier.to_owned())];
        let sig = acs::v3::sign_v3(
            "POST",
            &path,
            &query,
            &headers,
            body.as_bytes(),
            &self.credentials.access_key_id,
            &self.credentials.access_key_secret,
        );
        let mut out: BTreeMap<String, String> = headers.into_iter().filter(|(k, _)| k != "host").collect();
        out.insert("authorization".into(), sig.authorization);
        out.insert("x-fc-invocation-type".into(), invocation_type.to_owned());
        acs::request::SignedRequest {
            method: "POST".into(),
            url: format!("{}{path}?qualifier={}", base.trim_end_matches('/'), acs::percent_encode(qualifier)),
            headers: out,
            body: Some(body.to_owned()),
        }
    }

    async fn call(&self, call: &TaskCall) -> TaskOutcome {
        let Some((service, operation)) = call.action.split_once(':') else {
            return task_error("FnF.InvalidAction", format!("`{}` is not Service:Operation", call.action));
        };
        let region = call.parameters.get("RegionId").and_then(Value::as_str).unwrap_or(&self.region).to_owned();
        let override_base = self.endpoints.get(&service.to_ascii_uppercase()).cloned();
        let request = match self.build(service, operation, &region, override_base, call) {
            Some(Ok(r)) => r,
            Some(Err(outcome)) => return outcome,
            // Optimized integrations (FC:InvokeFunction, HTTP, MNS, …) are answered by the mocks in this build.
            None => return self.fallback.invoke(call).await,
        };
        let started = std::time::Instant::now();
        let envelope =
            json!({"method": request.method, "url": request.url, "headers": request.headers, "body": request.body});
        let response = match self.client.post(&self.relay_url).json(&envelope).send().await {
            Ok(r) => r,
            Err(e) => {
                return task_error(
                    "FnF.RelayUnavailable",
                    format!("the relay at {} did not answer: {e}", self.relay_url),
                );
            }
        };
        let status = response.status().as_u16();
        let relay_error = response
            .headers()
            .get("content-type")
            .is_some_and(|c| c.to_str().unwrap_or("").starts_with("application/json"))
            && status >= 400;
        let body = response.text().await.unwrap_or_default();
        let duration_ms = started.elapsed().as_millis() as i64;
        // A refusal by the relay itself has `error`, not `Code`.
        if relay_error
            && let Ok(v) = serde_json::from_str::<Value>(&body)
            && let (Some(code), None) = (v.get("error").and_then(Value::as_str), v.get("Code"))
        {
            return TaskOutcome {
                result: Err(TaskError {
                    error: format!("FnF.Relay.{code}"),
                    cause: v["message"].as_str().unwrap_or("").to_owned(),
                }),
                duration_ms,
            };
        }
        let fc = service.eq_ignore_ascii_case("FC") && operation == "InvokeFunction";
        let result = acs::response::map_response(status, &body)
            // FC results are wrapped: the function's return value is under `Body` (spec §9.3).
            .map(|v| if fc { json!({"Body": v, "StatusCode": status}) } else { v })
            .map_err(|e| TaskError {
                // FC errors are named FC.<code> (spec §8.4).
                error: if fc && !e.code.starts_with("FC.") { format!("FC.{}", e.code) } else { e.code },
                cause: format!("{} (RequestId {})", e.message, e.request_id.unwrap_or_default()),
            });
        TaskOutcome { result, duration_ms }
    }
}

impl Invoker for RelayInvoker {
    fn invoke<'a>(&'a self, call: &'a TaskCall) -> Pin<Box<dyn Future<Output = TaskOutcome> + 'a>> {
        Box::pin(self.call(call))
    }
}
