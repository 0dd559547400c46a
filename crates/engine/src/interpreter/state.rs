//! One state (spec §6.3): `StepEntered`, its input (`InputConstructor`), `StepStarted`, its
//! kind's work (`states/`), then one success epilogue (`OutputConstructor`, `GlobalConstructor`,
//! the payload limit, `StepSucceeded`) or one failure epilogue (Catch, else `StepFailed`).

use std::sync::Arc;

use fdl::model::{State, StateKind};
use serde_json::{Value, json};

use super::eval::Vars;
use super::states::failure_of;
use super::{Failure, Run, errors};
use crate::history::EventType;
use crate::trace::StateTrace;

/// A state's result: its output and the next state (`None` ends the scope), or a failure.
pub(crate) type StateResult<'a> = Result<(Value, Option<&'a str>), Failure>;

/// What a state's work produced.
struct Done<'s> {
    /// The raw result (`$Output`) of a Task, Parallel or Map; the other kinds pass their input on.
    result: Option<Value>,
    /// The state to go to; `None` ends the scope.
    next: Option<&'s str>,
}

fn size_of(v: &Value) -> usize {
    serde_json::to_vec(v).map_or(0, |b| b.len())
}

impl Run<'_> {
    /// Runs one state. Ok((output, Some(next))) continues; Ok((output, None)) ends the scope.
    // Not boxed: only scopes (which Parallel and Map recurse into) are, so a plain state costs
    // no allocation for its future.
    pub(crate) async fn run_state<'s>(&self, state: &'s State, raw: Value, start_ms: i64) -> (StateResult<'s>, i64) {
        let name = state.name().unwrap_or("");
        let step: Arc<str> = Arc::from(name);
        let mut t = start_ms;
        // Traces feed the playground's data-flow view; they cost clones, so they follow
        // `record_details`.
        let mut trace = if self.opts.record_details {
            StateTrace { name: name.to_owned(), raw_input: raw.clone(), ..StateTrace::default() }
        } else {
            StateTrace::default()
        };
        self.event(EventType::StepEntered, &step, t, 0, || json!({"input": raw}));
        let input = match &state.input_constructor {
            Some(c) => {
                match self.construct(
                    c,
                    name,
                    Vars { input: &raw, output: None, current: None, item: None },
                    None,
                    0,
                    None,
                ) {
                    Ok(v) => v,
                    // No input to hand a catcher: the state fails.
                    Err(f) => return (self.fail_state(&step, f, t, trace), t),
                }
            }
            None => raw,
        };
        if self.opts.record_details {
            trace.input = input.clone();
        }
        self.event(EventType::StepStarted, &step, t, 0, || json!({"input": input}));

        let follow = if state.is_end() || matches!(state.kind, StateKind::Succeed) {
            None
        } else {
            state.next.as_ref().map(|n| n.value.as_str())
        };
        let pass_on = Done { result: None, next: follow };
        let with_result = |v: Value| Done { result: Some(v), next: follow };
        let work: Result<Done<'s>, Failure> = match &state.kind {
            StateKind::Pass | StateKind::Succeed | StateKind::Unknown => Ok(pass_on),
            StateKind::Wait(w) => {
                let (r, end) = self.run_wait(name, w, &input, t).await;
                t = end;
                r.map(|()| pass_on)
            }
            StateKind::Fail(f) => Err(failure_of(f)),
            StateKind::Choice(c) => self.choose(name, c, &input).map(|next| Done { result: None, next: Some(next) }),
            StateKind::Task(_) => {
                let (r, end) = self.run_task(state, &input, t, &mut trace).await;
                t = end;
                r.map(with_result)
            }
            StateKind::Parallel(p) => {
                let (r, end) = self.run_parallel(&step, p, &input, t).await;
                t = end;
                r.map(with_result)
            }
            StateKind::Map(m) => {
                let (r, end) = self.run_map(state, m, &input, t).await;
                t = end;
                r.map(with_result)
            }
        };
        let result = match work {
            Ok(done) => self.succeeded(state, &step, input, done, t, trace),
            Err(f) => self.failed(state, &step, f, input, t, trace),
        };
        (result, t)
    }

    /// The success epilogue: output and `$Global` (both against the state's snapshot, spec
    /// §6.3), the payload limit, `StepSucceeded`.
    fn succeeded<'s>(
        &self,
        state: &'s State,
        step: &Arc<str>,
        input: Value,
        done: Done<'s>,
        t: i64,
        mut trace: StateTrace,
    ) -> StateResult<'s> {
        let name = state.name().unwrap_or("");
        let result = done.result.as_ref();
        if self.opts.record_details {
            trace.result = result.cloned();
        }
        let vars = || Vars { input: &input, output: Some(result.unwrap_or(&Value::Null)), current: None, item: None };
        let constructed = match &state.output_constructor {
            Some(c) => match self.construct(c, name, vars(), None, 0, None) {
                Ok(v) => Some(v),
                Err(f) => return self.failed(state, step, f, input, t, trace),
            },
            None => None,
        };
        if let Some(g) = &state.global_constructor {
            match self.construct(g, name, vars(), None, 0, None) {
                Ok(Value::Object(updates)) => {
                    if let Value::Object(map) = &mut *self.global.borrow_mut() {
                        map.extend(updates);
                    }
                }
                Ok(_) => {}
                Err(f) => return self.failed(state, step, f, input, t, trace),
            }
        }
        // Default output (spec §6.4): the raw result of Task/Parallel/Map, else the input.
        let output_ref = constructed.as_ref().or(result).unwrap_or(&input);
        if self.opts.max_payload_bytes < usize::MAX {
            let size = size_of(output_ref);
            if size > self.opts.max_payload_bytes {
                let f = Failure::new(
                    errors::PAYLOAD_TOO_LARGE,
                    format!("the output of `{name}` is {size} bytes; the limit is {}", self.opts.max_payload_bytes),
                );
                return self.failed(state, step, f, input, t, trace);
            }
        }
        self.event(EventType::StepSucceeded, step, t, 0, || json!({"output": output_ref}));
        self.event(EventType::StepExited, step, t, 0, || Value::Null);
        // Moved, not cloned: a transition costs no copy of the data.
        let output = constructed.or(done.result).unwrap_or(input);
        if self.opts.record_details {
            trace.output = output.clone();
            trace.global = self.global.borrow().clone();
            self.traces.borrow_mut().push(trace);
        }
        Ok((output, done.next))
    }

    /// The failure epilogue: a matching catcher goes on to its `Next` (the state is still
    /// recorded as failed); otherwise the state fails.
    fn failed<'s>(
        &self,
        state: &'s State,
        step: &Arc<str>,
        f: Failure,
        input: Value,
        t: i64,
        trace: StateTrace,
    ) -> StateResult<'s> {
        match self.catch(state, &f, input) {
            Some(Ok(caught)) => {
                let _ = self.fail_state(step, f, t, trace);
                Ok(caught)
            }
            // The catcher's OutputConstructor failed: that failure fails the state.
            Some(Err(e)) => self.fail_state(step, e, t, trace),
            None => self.fail_state(step, f, t, trace),
        }
    }

    /// Records the state as failed.
    fn fail_state<'s>(&self, step: &Arc<str>, f: Failure, t: i64, mut trace: StateTrace) -> StateResult<'s> {
        self.event(EventType::StepFailed, step, t, 0, || json!({"error": f.error, "cause": f.cause}));
        self.event(EventType::StepExited, step, t, 0, || Value::Null);
        trace.error = Some((f.error.clone(), f.cause.clone()));
        self.traces.borrow_mut().push(trace);
        Err(f)
    }
}
