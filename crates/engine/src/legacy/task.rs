//! A legacy task (spec §15.4): the call through the engine's invoker (mocks by step name), its
//! `timeoutSeconds` and its `retry` rules with the current engine's saturating back-off.
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

use fdl::CompactString;
use fdl::model::{LegacyRetry, LegacyTask, Spanned, TaskMode, Template};
use serde_json::{Map, Value, json};

use super::data::{Sources, source_value};
use super::step_name;
use crate::history::EventType;
use crate::interpreter::recovery::backoff_ms;
use crate::interpreter::{Failure, Run};
use crate::invoker::TaskCall;
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

/// Whether a rule's `errors` match `failure` (`FnF.ALL` matches every error).
pub(crate) fn matches(errors: &[Spanned<CompactString>], failure: &Failure) -> bool {
    errors.iter().any(|e| e.value == "FnF.ALL" || e.value == failure.error)
}

/// Whether `failure` is retried and after how many ms (see the module docs).
fn retry_delay_ms(rules: &[LegacyRetry], attempts: &mut [u32], failure: &Failure) -> Option<i64> {
    let i = rules.iter().position(|r| matches(&r.errors, failure))?;
    let rule = &rules[i];
    let max = rule.max_attempts.as_ref().map_or(3, |m| m.value.clamp(0, u32::MAX as i64)) as u32;
    if attempts[i] >= max {
        return None;
    }
    attempts[i] += 1;
    let interval = rule.interval_seconds.as_ref().map_or(1.0, |x| x.value);
    let rate = rule.multiplier.as_ref().map_or(2.0, |x| x.value);
    let cap = rule.max_interval_seconds.as_ref().map_or(86_400.0, |x| x.value);
    Some(backoff_ms(interval, rate, attempts[i], Some(cap)))
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
                map.insert(f.key.to_string(), resolve_params(run, &f.value, from)?);
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
    pub(crate) async fn legacy_task(
        &self,
        name: &str,
        task: &LegacyTask,
        input: &Value,
        token: Option<&str>,
        start_ms: i64,
        trace: &mut StateTrace,
    ) -> (Result<Value, Failure>, i64) {
        let id = step_name(name);
        let mut t = start_ms;
        let mode = mode_of(task);
        let resource =
            task.resource_arn.as_ref().or(task.action.as_ref()).map_or_else(String::new, |r| r.value.to_string());
        let empty = json!({});
        let from = Sources { input, local: &empty, token };
        let params = match &task.service_params {
            Some(c) => {
                let mut map = Map::with_capacity(c.fields.len());
                for f in &c.fields {
                    match resolve_params(self, &f.value, &from) {
                        Ok(v) => {
                            map.insert(f.key.to_string(), v);
                        }
                        Err(f) => return (Err(f), t),
                    }
                }
                Value::Object(map)
            }
            None => input.clone(),
        };
        if self.opts.record_details {
            trace.parameters = Some(params.clone());
        }
        let mut attempts_per_rule = vec![0u32; task.retry.len()];
        let mut retries = 0u32;
        loop {
            let scheduled = self.event(EventType::TaskScheduled, &id, t, 0, || {
                json!({"resource": resource, "parameters": params, "pattern": task.pattern.as_ref().map_or("requestResponse", |p| p.value.as_str())})
            });
            self.event(EventType::TaskStarted, &id, t, scheduled, || Value::Null);
            if mode != TaskMode::RequestComplete {
                self.event(EventType::TaskSubmitted, &id, t, scheduled, || json!({"taskToken": token}));
            }
            let call = TaskCall {
                state: name.to_owned(),
                action: resource.clone(),
                mode,
                parameters: params.clone(),
                call_number: retries,
                task_token: token.map(str::to_owned),
            };
            let outcome = self.invoker.invoke(&call).await;
            if self.stopped() {
                return (self.check_fatal().map(|_| Value::Null), t);
            }
            let timeout_ms = task.timeout_seconds.as_ref().map(|x| x.value.saturating_mul(1000)).filter(|ms| *ms > 0);
            let spent = match timeout_ms {
                Some(limit) => outcome.duration_ms.min(limit),
                None => outcome.duration_ms,
            };
            t = match self.advance(t, spent) {
                Ok(end) => end,
                Err(end) => return (self.check_fatal().map(|_| Value::Null), end),
            };
            let result = match timeout_ms {
                Some(limit) if outcome.duration_ms > limit => {
                    self.event(EventType::TaskTimedOut, &id, t, scheduled, || json!({"timeoutSeconds": limit / 1000}));
                    Err(Failure::new(TASK_TIMEOUT, format!("the task did not finish within {} s", limit / 1000)))
                }
                _ => match outcome.result {
                    Ok(v) if v.is_object() => {
                        self.event(EventType::TaskSucceeded, &id, t, scheduled, || json!({"output": v}));
                        Ok(v)
                    }
                    Ok(v) => {
                        let f = Failure::new(
                            INVALID_TASK_RESULT,
                            format!(
                                "the task's result is {}; a legacy task's result (its local) must be a JSON object",
                                fdl::expr::type_name(&v)
                            ),
                        );
                        self.event(
                            EventType::TaskFailed,
                            &id,
                            t,
                            scheduled,
                            || json!({"error": f.error, "cause": f.cause}),
                        );
                        Err(f)
                    }
                    Err(e) => {
                        self.event(
                            EventType::TaskFailed,
                            &id,
                            t,
                            scheduled,
                            || json!({"error": e.error, "cause": e.cause}),
                        );
                        Err(Failure::new(e.error, e.cause))
                    }
                },
            };
            let failure = match result {
                Ok(v) => return (Ok(v), t),
                Err(f) => f,
            };
            if let Err(f) = self.check_fatal() {
                return (Err(f), t);
            }
            let Some(delay_ms) = retry_delay_ms(&task.retry, &mut attempts_per_rule, &failure) else {
                return (Err(failure), t);
            };
            retries += 1;
            t = match self.wait(t, delay_ms).await {
                Ok(end) => end,
                Err(end) => return (self.check_fatal().map(|_| Value::Null), end),
            };
        }
    }
}
