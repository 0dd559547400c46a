//! The scope loop: from `StartAt` through the transitions, with the transition and time limits
//! and the supervisor asked before every state.

use std::borrow::Cow;
use std::sync::Arc;

use fdl::model::Scope;
use serde_json::Value;

use super::{Boxed, Failure, Gate, Run, errors, timed_out};

impl Run<'_> {
    /// Runs a scope from its `StartAt`. Returns the scope's output (or failure) and the end time.
    /// The data passed from state to state is shared, never copied.
    pub fn run_scope<'s>(
        &'s self,
        scope: &'s Scope,
        input: Arc<Value>,
        start_ms: i64,
    ) -> Boxed<'s, (Result<Arc<Value>, Failure>, i64)> {
        Box::pin(async move {
            let Some(mut index) = scope.start_at.as_ref().and_then(|s| scope.state_index(&s.value)) else {
                return (Err(Failure::new(errors::INVALID_INPUT, "the scope's StartAt names no state")), start_ms);
            };
            let mut data = input;
            let mut t = start_ms;
            loop {
                if let Err(f) = self.count_transition("state", "is there a loop without an exit?") {
                    return (Err(f), t);
                }
                let state = &scope.states[index];
                match self.before_next(state.name().unwrap_or(""), || Cow::Borrowed(&*data), t).await {
                    Gate::Go => {}
                    Gate::End(f, at) => return (Err(f), at),
                    Gate::Stopped(fatal) => return (fatal.map(|_| Arc::new(Value::Null)), t),
                }
                let (result, end) = self.run_state(state, data, t).await;
                // The clock stops at the limit (`advance`); this is a last guard.
                if end > self.deadline_ms {
                    self.end_execution(timed_out());
                    return (Err(timed_out()), self.deadline_ms);
                }
                t = end;
                if let Err(f) = self.check_fatal() {
                    return (Err(f), t);
                }
                match result {
                    Err(f) => return (Err(f), t),
                    Ok((output, None)) => return (Ok(output), t),
                    Ok((output, Some(next))) => match next_index(scope, index, next) {
                        Some(i) => {
                            index = i;
                            data = output;
                        }
                        None => {
                            return (
                                Err(Failure::new(
                                    errors::INVALID_INPUT,
                                    format!("`{next}` names no state of this scope"),
                                )),
                                t,
                            );
                        }
                    },
                }
            }
        })
    }
}

/// The index of state `next`, reached from state `from`: most flows go on to the state written
/// after, which is checked before the name lookup (when every state has a name of its own, the
/// lookup could give no other).
fn next_index(scope: &Scope, from: usize, next: &str) -> Option<usize> {
    let names_unique = scope.name_index.len() == scope.states.len();
    match scope.states.get(from + 1) {
        Some(s) if names_unique && s.name() == Some(next) => Some(from + 1),
        _ => scope.state_index(next),
    }
}
