//! A legacy task (spec §15.4): the call through the engine's invoker (mocks by step name), its
//! `timeoutSeconds` and its `retry` rules; the attempts are the loop both dialects share
//! (`interpreter::task_call`, with its saturating back-off).
//!
//! The call (INFERRED where the spec is silent):
//! - `TaskCall.action` names what is called: the `resourceArn` (FC function, MNS queue/topic,
//!   child flow) or the `action` (`ocr:RecognizeIdentityCard`).
//! - `TaskCall.parameters` is `serviceParams` resolved against the step's input (legacy paths
//!   such as `$.x` or `$` are read, other values are constants) when given, else the step's
//!   input, which the legacy service sends as the function's event. So an echo mock returns the
//!   step's input (or its resolved `serviceParams`).
//! - `pattern`: `requestResponse` (default) → `RequestComplete`, `sync` →
//!   `WaitForSystemCallback`, `waitForCallback` → `WaitForCustomCallback` (with a task token,
//!   `$context.task.token`), mocked as the current engine mocks TaskMode.
//! - The result is the step's local and must be a JSON object (spec §15.3): anything else fails
//!   the step with `FnF.InvalidTaskResult` (flowplay's name).
//! - A `timeoutSeconds` exceeded fails the attempt with `FnF.TaskTimeout`: the name the legacy
//!   samples retry on (e.g. awesome-fnf's detect-mask flow); the current dialect's is
//!   `FnF.Timeout`.
//! - `retry`: the first rule whose `errors` match (`FnF.ALL` matches all) decides; defaults
//!   `maxAttempts` 3, `intervalSeconds` 1, `multiplier` 2, `maxIntervalSeconds` 86400 (spec
//!   §15.4); delay(n) = min(interval × multiplier^(n-1), maxInterval).

use std::sync::Arc;

use fdl::model::{LegacyTask, TaskMode, Template};
use serde_json::{Map, Value, json};

use super::data::{Sources, source_value};
use crate::interpreter::task_call::TaskSpec;
use crate::interpreter::{Failure, Run};
use crate::trace::StateTrace;

/// flowplay's error name for a task result that is not a JSON object.
pub(crate) const INVALID_TASK_RESULT: &str = "FnF.InvalidTaskResult";
/// A legacy task's `timeoutSeconds` exceeded.
pub(crate) const TASK_TIMEOUT: &str = "FnF.TaskTimeout";

pub(crate) fn mode_of(task: &LegacyTask) -> TaskMode {
    match task.pattern.as_ref().map(|p| p.value.as_str()) {
        Some("sync") => TaskMode::WaitForSystemCallback,
        Some("waitForCallback") => TaskMode::WaitForCustomCallback,
        _ => TaskMode::RequestComplete,
    }
}

/// A legacy task's result is its local: a JSON object (spec §15.3).
fn check_result(v: &Value) -> Result<(), Failure> {
    if v.is_object() {
        return Ok(());
    }
    Err(Failure::new(
        INVALID_TASK_RESULT,
        format!(
            "the task's result is {}; a legacy task's result (its local) must be a JSON object",
            fdl::expr::type_name(v)
        ),
    ))
}

/// A `serviceParams` template resolved against the step's input: legacy path strings are read,
/// `.$` keys (not legacy, but accepted) are evaluated as conditions are.
fn resolve_params(run: &Run<'_>, t: &Template, from: &Sources<'_>) -> Result<Value, Failure> {
    Ok(match t {
        Template::Literal { value, .. } => source_value(value, from),
        Template::Expression(e) => run.legacy_condition(&e.text, from.input, from.local)?,
        Template::Object { fields, .. } => {
            let mut map = Map::with_capacity(fields.len());
            for f in fields {
                map.insert(f.key.as_str().to_owned(), resolve_params(run, &f.value, from)?);
            }
            Value::Object(map)
        }
        Template::Array { items, .. } => {
            Value::Array(items.iter().map(|i| resolve_params(run, i, from)).collect::<Result<_, _>>()?)
        }
    })
}

impl Run<'_> {
    /// A task's calls with its retries; the result (the step's local) or the last failure.
    /// Its parameters and token are the same for every attempt.
    #[allow(clippy::too_many_arguments)]
    pub(crate) async fn legacy_task(
        &self,
        name: &str,
        id: &Arc<str>,
        task: &LegacyTask,
        input: &Value,
        token: Option<&str>,
        start_ms: i64,
        trace: &mut Option<StateTrace>,
    ) -> (Result<Arc<Value>, Failure>, i64) {
        let mode = mode_of(task);
        let resource = task.resource_arn.as_ref().or(task.action.as_ref()).map_or("", |r| r.value.as_str());
        let empty = json!({});
        let from = Sources { input, local: &empty, token };
        let params = match &task.service_params {
            Some(c) => {
                let mut map = Map::with_capacity(c.fields.len());
                for f in &c.fields {
                    match resolve_params(self, &f.value, &from) {
                        Ok(v) => {
                            map.insert(f.key.as_str().to_owned(), v);
                        }
                        Err(f) => return (Err(f), start_ms),
                    }
                }
                Value::Object(map)
            }
            None => input.clone(),
        };
        let params = Arc::new(params);
        let spec = TaskSpec {
            name,
            step: id,
            action: resource,
            mode,
            mode_field: ("pattern", task.pattern.as_ref().map_or("requestResponse", |p| p.value.as_str())),
            timeout_seconds: task.timeout_seconds.as_ref().map(|x| x.value),
            timeout_error: TASK_TIMEOUT,
            retry: &task.retry,
        };
        let mut prepare = |_retries: u32| Ok((Arc::clone(&params), token.map(str::to_owned)));
        self.task_attempts(&spec, &mut prepare, check_result, start_ms, trace).await
    }
}
