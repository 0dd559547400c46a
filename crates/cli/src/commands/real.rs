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
    async fn call(&self, call: &TaskCall) -> TaskOutcome {
        let Some((service, operation)) = call.action.split_once(':') else {
            return task_error("FnF.InvalidAction", format!("`{}` is not Service:Operation", call.action));
        };
        let region = call.parameters.get("RegionId").and_then(Value::as_str).unwrap_or(&self.region).to_owned();
        let Some(mut api) = acs::request::resolve(service, &region) else {
            // Optimized integrations (FC, HTTP, MNS, …) are answered by the mocks in this build.
            return self.fallback.invoke(call).await;
        };
        if let Some(endpoint) = self.endpoints.get(&service.to_ascii_uppercase()) {
            api.endpoint = endpoint.clone();
        }
        let request =
            acs::request::build_rpc(&self.credentials, &api, operation, &call.parameters, &timestamp(), &nonce(call));
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
        let result = acs::response::map_response(status, &body).map_err(|e| TaskError {
            error: e.code,
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
