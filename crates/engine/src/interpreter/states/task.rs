//! Task (spec §5.2, §9): its parameters per attempt, Task `Timeout` and `Retry`; the attempts
//! themselves are the loop both dialects share (`interpreter::task_call`).

use std::sync::Arc;

use fdl::expr;
use fdl::model::{State, StateKind, TaskMode};
use serde_json::{Map, Value};

use crate::interpreter::eval::Vars;
use crate::interpreter::task_call::TaskSpec;
use crate::interpreter::{Failure, Run, errors};
use crate::trace::StateTrace;

impl Run<'_> {
    /// A Task with its retries (spec §8.2).
    pub(crate) async fn run_task(
        &self,
        state: &State,
        step: &Arc<str>,
        input: &Value,
        start_ms: i64,
        trace: &mut Option<StateTrace>,
    ) -> (Result<Arc<Value>, Failure>, i64) {
        let StateKind::Task(task) = &state.kind else {
            return (Err(Failure::new(errors::INVALID_INPUT, "not a Task")), start_ms);
        };
        let name = state.name().unwrap_or("");
        let mode = task.mode().unwrap_or(TaskMode::RequestComplete);
        let spec = TaskSpec {
            name,
            step,
            action: task.action.as_ref().map_or("", |a| a.value.as_str()),
            mode,
            mode_field: ("taskMode", mode.as_str()),
            timeout_seconds: task.timeout.as_ref().map(|x| x.value),
            timeout_error: errors::TIMEOUT,
            retry: &state.retry,
        };
        // Each attempt has a token of its own and its own `$Context.Current.RetryCount`.
        let mut prepare = |retries: u32| {
            let token = (mode == TaskMode::WaitForCustomCallback).then(|| {
                use expr::ExprRng;
                format!("token-{:016x}", self.rng.borrow_mut().next_u64())
            });
            let params = match &task.parameters {
                Some(c) => self.construct(
                    c,
                    name,
                    Vars { input, output: None, current: None, item: None },
                    None,
                    retries,
                    token.as_deref(),
                )?,
                None => Value::Object(Map::new()),
            };
            Ok((Arc::new(params), token))
        };
        self.task_attempts(&spec, &mut prepare, |_| Ok(()), start_ms, trace).await
    }
}
