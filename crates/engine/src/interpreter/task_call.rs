//! A task's call attempts, for both dialects (a current Task, a legacy task): per attempt its
//! parameters, `TaskScheduled`/`TaskStarted` (and `TaskSubmitted` in a callback mode), the
//! invoke, the timeout clamp, the result events, and the retry back-off. What differs between
//! the dialects is data ([`TaskSpec`]) and two plain functions, so the loop exists once (and
//! once in the wasm: nothing here is generic).

use std::sync::Arc;

use fdl::model::TaskMode;
use serde_json::{Value, json};

use super::recovery::{RetryRules, retry_delay_ms};
use super::{Failure, Run};
use crate::history::{EventDetail, EventType};
use crate::invoker::TaskCall;
use crate::trace::StateTrace;

/// One task, as the attempt loop needs it.
pub(crate) struct TaskSpec<'t> {
    /// The state (step) name, and its event name.
    pub name: &'t str,
    pub step: &'t Arc<str>,
    /// What is called (`TaskCall.action`, the `resource` of `TaskScheduled`).
    pub action: &'t str,
    pub mode: TaskMode,
    /// `TaskScheduled`'s name and value for the mode (`taskMode`, or a legacy `pattern`).
    pub mode_field: (&'static str, &'t str),
    /// The attempt's time limit in seconds (Task `Timeout`, legacy `timeoutSeconds`); none
    /// when absent or not positive.
    pub timeout_seconds: Option<i64>,
    /// The error an attempt past that limit fails with.
    pub timeout_error: &'static str,
    pub retry: &'t dyn RetryRules,
}

/// An attempt's parameters and callback token.
pub(crate) type Prepared = Result<(Arc<Value>, Option<String>), Failure>;

impl Run<'_> {
    /// Calls the task until an attempt succeeds or no retry rule takes its failure. `prepare`
    /// gives attempt `n`'s parameters and token (`n` = retries so far); `check` may refuse a
    /// result (the call then fails with that). The result, or the last failure, and the end time.
    pub(crate) async fn task_attempts(
        &self,
        spec: &TaskSpec<'_>,
        prepare: &mut dyn FnMut(u32) -> Prepared,
        check: fn(&Value) -> Result<(), Failure>,
        start_ms: i64,
        trace: &mut Option<StateTrace>,
    ) -> (Result<Arc<Value>, Failure>, i64) {
        let step = spec.step;
        let mut t = start_ms;
        let mut attempts_per_rule = vec![0u32; spec.retry.rule_count()];
        let mut retries = 0u32;
        let timeout_ms = spec.timeout_seconds.map(|s| s.saturating_mul(1000)).filter(|ms| *ms > 0);
        // `TaskScheduled`'s constant members, shared by its attempts' events.
        let constants = self
            .opts
            .record_details
            .then(|| (Arc::new(Value::from(spec.action)), Arc::new(Value::from(spec.mode_field.1))));
        loop {
            let (params, token) = match prepare(retries) {
                Ok(p) => p,
                Err(f) => return (Err(f), t),
            };
            if let Some(trace) = trace {
                trace.parameters = Some(Arc::clone(&params));
            }
            let scheduled = self.event(EventType::TaskScheduled, step, t, 0, || match &constants {
                Some((resource, mode)) => EventDetail::fields(vec![
                    ("resource", Arc::clone(resource)),
                    ("parameters", Arc::clone(&params)),
                    (spec.mode_field.0, Arc::clone(mode)),
                ]),
                None => EventDetail::default(),
            });
            self.event(EventType::TaskStarted, step, t, scheduled, || Value::Null);
            if spec.mode != TaskMode::RequestComplete {
                self.event(EventType::TaskSubmitted, step, t, scheduled, || json!({"taskToken": token}));
            }
            let call = TaskCall {
                state: spec.name.to_owned(),
                action: spec.action.to_owned(),
                mode: spec.mode,
                parameters: Arc::unwrap_or_clone(params),
                call_number: retries,
                task_token: token,
            };
            let outcome = self.invoker.invoke(&call).await;
            if self.stopped() {
                return (self.check_fatal().map(|_| Arc::clone(&self.null)), t);
            }
            let spent = match timeout_ms {
                Some(limit) => outcome.duration_ms.min(limit),
                None => outcome.duration_ms,
            };
            // A call still running at the execution's deadline ends with the execution.
            t = match self.advance(t, spent) {
                Ok(end) => end,
                Err(end) => return (self.check_fatal().map(|_| Arc::clone(&self.null)), end),
            };
            let result = match timeout_ms {
                Some(limit) if outcome.duration_ms > limit => {
                    self.event(EventType::TaskTimedOut, step, t, scheduled, || json!({"timeoutSeconds": limit / 1000}));
                    Err(Failure::new(spec.timeout_error, format!("the task did not finish within {} s", limit / 1000)))
                }
                _ => match outcome.result.map_err(|e| Failure::new(e.error, e.cause)) {
                    Ok(v) => match check(&v) {
                        Ok(()) => {
                            let v = Arc::new(v);
                            self.event(EventType::TaskSucceeded, step, t, scheduled, || {
                                EventDetail::field("output", Arc::clone(&v))
                            });
                            Ok(v)
                        }
                        Err(f) => Err(f),
                    },
                    Err(f) => Err(f),
                }
                .inspect_err(|f| {
                    self.event(
                        EventType::TaskFailed,
                        step,
                        t,
                        scheduled,
                        || json!({"error": f.error, "cause": f.cause}),
                    );
                }),
            };
            let failure = match result {
                Ok(v) => return (Ok(v), t),
                Err(f) => f,
            };
            if let Err(f) = self.check_fatal() {
                return (Err(f), t);
            }
            let Some(delay_ms) = retry_delay_ms(spec.retry, &mut attempts_per_rule, &failure) else {
                return (Err(failure), t);
            };
            retries += 1;
            // A back-off past the deadline times the execution out there, so retries never run
            // for months past it nor date events after it.
            t = match self.wait(t, delay_ms).await {
                Ok(end) => end,
                Err(end) => return (self.check_fatal().map(|_| Arc::clone(&self.null)), end),
            };
        }
    }
}
