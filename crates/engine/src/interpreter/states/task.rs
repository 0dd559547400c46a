//! Task (spec §5.2, §9): the call through the invoker, Task `Timeout`, and its retries.

use std::sync::Arc;

use fdl::expr;
use fdl::model::{State, StateKind, TaskMode};
use serde_json::{Map, Value, json};

use crate::history::EventType;
use crate::interpreter::eval::Vars;
use crate::interpreter::recovery::retry_delay_ms;
use crate::interpreter::{Failure, Run, errors};
use crate::invoker::TaskCall;
use crate::trace::StateTrace;

impl Run<'_> {
    /// A Task with its retries (spec §8.2).
    pub(crate) async fn run_task(
        &self,
        state: &State,
        input: &Value,
        start_ms: i64,
        trace: &mut StateTrace,
    ) -> (Result<Value, Failure>, i64) {
        let StateKind::Task(task) = &state.kind else {
            return (Err(Failure::new(errors::INVALID_INPUT, "not a Task")), start_ms);
        };
        let name = state.name().unwrap_or("");
        let step: Arc<str> = Arc::from(name);
        let mut t = start_ms;
        let mode = task.mode().unwrap_or(TaskMode::RequestComplete);
        let mut attempts_per_rule = vec![0u32; state.retry.len()];
        let mut retries = 0u32;
        loop {
            let token = (mode == TaskMode::WaitForCustomCallback).then(|| {
                use expr::ExprRng;
                format!("token-{:016x}", self.rng.borrow_mut().next_u64())
            });
            let params = match &task.parameters {
                Some(c) => match self.construct(
                    c,
                    name,
                    Vars { input, output: None, current: None, item: None },
                    None,
                    retries,
                    token.as_deref(),
                ) {
                    Ok(v) => v,
                    Err(f) => return (Err(f), t),
                },
                None => Value::Object(Map::new()),
            };
            trace.parameters = Some(params.clone());
            let action = task.action.as_ref().map_or("", |a| a.value.as_str());
            let scheduled = self.event(
                EventType::TaskScheduled,
                &step,
                t,
                0,
                || json!({"resource": action, "parameters": params, "taskMode": mode.as_str()}),
            );
            self.event(EventType::TaskStarted, &step, t, scheduled, || Value::Null);
            if mode != TaskMode::RequestComplete {
                self.event(EventType::TaskSubmitted, &step, t, scheduled, || json!({"taskToken": token}));
            }
            let call = TaskCall {
                state: name.to_owned(),
                action: action.to_owned(),
                mode,
                parameters: params,
                call_number: retries,
                task_token: token,
            };
            let outcome = self.invoker.invoke(&call).await;
            if self.stopped() {
                return (self.check_fatal().map(|_| Value::Null), t);
            }
            let timeout_ms = task.timeout.as_ref().map(|x| x.value.saturating_mul(1000)).filter(|ms| *ms > 0);
            let spent = match timeout_ms {
                Some(limit) => outcome.duration_ms.min(limit),
                None => outcome.duration_ms,
            };
            // A call still running at the execution's deadline ends with the execution.
            t = match self.advance(t, spent) {
                Ok(end) => end,
                Err(end) => return (self.check_fatal().map(|_| Value::Null), end),
            };
            let result = match timeout_ms {
                Some(limit) if outcome.duration_ms > limit => {
                    self.event(
                        EventType::TaskTimedOut,
                        &step,
                        t,
                        scheduled,
                        || json!({"timeoutSeconds": limit / 1000}),
                    );
                    Err(Failure::new(errors::TIMEOUT, format!("the task did not finish within {} s", limit / 1000)))
                }
                _ => match outcome.result {
                    Ok(v) => {
                        self.event(EventType::TaskSucceeded, &step, t, scheduled, || json!({"output": v}));
                        Ok(v)
                    }
                    Err(e) => {
                        self.event(
                            EventType::TaskFailed,
                            &step,
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
            let Some(delay_ms) = retry_delay_ms(&state.retry, &mut attempts_per_rule, &failure) else {
                return (Err(failure), t);
            };
            retries += 1;
            // A back-off past the deadline times the execution out there, so retries never run
            // for months past it nor date events after it.
            t = match self.wait(t, delay_ms).await {
                Ok(end) => end,
                Err(end) => return (self.check_fatal().map(|_| Value::Null), end),
            };
        }
    }
}
