//! One state (spec §6.3): `StepEntered`, its input (`InputConstructor`), `StepStarted`, its
//! kind's work (`states/`), then one success epilogue (`OutputConstructor`, `GlobalConstructor`,
//! the payload limit, `StepSucceeded`) or one failure epilogue (Catch, else `StepFailed`).

use std::sync::Arc;

use fdl::model::{State, StateKind};
use serde_json::{Value, json};

use super::eval::Vars;
use super::states::failure_of;
use super::{Failure, Run, errors};
use crate::history::{EventDetail, EventType};
use crate::trace::StateTrace;

/// A state's result: its output and the next state (`None` ends the scope), or a failure.
pub(crate) type StateResult<'a> = Result<(Arc<Value>, Option<&'a str>), Failure>;

/// What a state's work produced.
struct Done<'s> {
    /// The raw result (`$Output`) of a Task, Parallel or Map; the other kinds pass their input on.
    result: Option<Arc<Value>>,
    /// The state to go to; `None` ends the scope.
    next: Option<&'s str>,
}

/// The size of `v` as JSON text, counted without building the text.
pub(crate) fn size_of(v: &Value) -> usize {
    struct Count(usize);
    impl std::io::Write for Count {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0 += buf.len();
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let mut count = Count(0);
    serde_json::to_writer(&mut count, v).map_or(0, |()| count.0)
}

impl Run<'_> {
    /// Runs one state. Ok((output, Some(next))) continues; Ok((output, None)) ends the scope.
    /// Its input, output and result are shared with the history and the trace, not copied.
    // Each kind's work that awaits (Wait, Task, Parallel, Map) is a future of its own, boxed:
    // this state machine holds a pointer to it, not the largest of them inline, so it stays
    // small (and so does the wasm), and a Pass, Choice, Succeed or Fail allocates none.
    pub(crate) async fn run_state<'s>(
        &self,
        state: &'s State,
        raw: Arc<Value>,
        start_ms: i64,
    ) -> (StateResult<'s>, i64) {
        let name = state.name().unwrap_or("");
        let step: Arc<str> = Arc::from(name);
        let mut t = start_ms;
        // Traces feed the playground's data-flow view; they follow `record_details`.
        let mut trace = self.opts.record_details.then(|| StateTrace::entered(name, &raw, &self.null));
        self.event(EventType::StepEntered, &step, t, 0, || EventDetail::field("input", Arc::clone(&raw)));
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
                    Ok(v) => Arc::new(v),
                    // No input to hand a catcher: the state fails.
                    Err(f) => return (self.fail_state(&step, f, t, trace), t),
                }
            }
            None => raw,
        };
        if let Some(trace) = &mut trace {
            trace.input = Arc::clone(&input);
        }
        self.event(EventType::StepStarted, &step, t, 0, || EventDetail::field("input", Arc::clone(&input)));

        let follow = if state.is_end() || matches!(state.kind, StateKind::Succeed) {
            None
        } else {
            state.next.as_ref().map(|n| n.value.as_str())
        };
        let pass_on = Done { result: None, next: follow };
        let with_result = |v: Value| Done { result: Some(Arc::new(v)), next: follow };
        let work: Result<Done<'s>, Failure> = match &state.kind {
            StateKind::Pass | StateKind::Succeed | StateKind::Unknown => Ok(pass_on),
            StateKind::Wait(w) => {
                let (r, end) = Box::pin(self.run_wait(name, w, &input, t)).await;
                t = end;
                r.map(|()| pass_on)
            }
            StateKind::Fail(f) => Err(failure_of(f)),
            StateKind::Choice(c) => self.choose(name, c, &input).map(|next| Done { result: None, next: Some(next) }),
            StateKind::Task(_) => {
                let (r, end) = Box::pin(self.run_task(state, &step, &input, t, &mut trace)).await;
                t = end;
                r.map(|v| Done { result: Some(v), next: follow })
            }
            StateKind::Parallel(p) => {
                let (r, end) = Box::pin(self.run_parallel(&step, p, &input, t)).await;
                t = end;
                r.map(with_result)
            }
            StateKind::Map(m) => {
                let (r, end) = Box::pin(self.run_map(state, m, &input, t)).await;
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
        input: Arc<Value>,
        done: Done<'s>,
        t: i64,
        mut trace: Option<StateTrace>,
    ) -> StateResult<'s> {
        let name = state.name().unwrap_or("");
        let result = done.result;
        if let Some(trace) = &mut trace {
            trace.result = result.clone();
        }
        let vars = || Vars {
            input: &input,
            output: Some(result.as_deref().unwrap_or(&Value::Null)),
            current: None,
            item: None,
        };
        let constructed = match &state.output_constructor {
            Some(c) => match self.construct(c, name, vars(), None, 0, None) {
                Ok(v) => Some(Arc::new(v)),
                Err(f) => return self.failed(state, step, f, input, t, trace),
            },
            None => None,
        };
        if let Some(g) = &state.global_constructor {
            match self.construct(g, name, vars(), None, 0, None) {
                Ok(Value::Object(updates)) => {
                    if let Value::Object(map) = Arc::make_mut(&mut *self.global.borrow_mut()) {
                        map.extend(updates);
                    }
                }
                Ok(_) => {}
                Err(f) => return self.failed(state, step, f, input, t, trace),
            }
        }
        // Default output (spec §6.4): the raw result of Task/Parallel/Map, else the input.
        let output = match constructed.or(result) {
            Some(v) => v,
            None => Arc::clone(&input),
        };
        if self.opts.max_payload_bytes < usize::MAX {
            let size = size_of(&output);
            if size > self.opts.max_payload_bytes {
                let f = Failure::new(
                    errors::PAYLOAD_TOO_LARGE,
                    format!("the output of `{name}` is {size} bytes; the limit is {}", self.opts.max_payload_bytes),
                );
                return self.failed(state, step, f, input, t, trace);
            }
        }
        self.event(EventType::StepSucceeded, step, t, 0, || EventDetail::field("output", Arc::clone(&output)));
        self.event(EventType::StepExited, step, t, 0, || Value::Null);
        if let Some(mut trace) = trace {
            trace.output = Arc::clone(&output);
            trace.global = Arc::clone(&self.global.borrow());
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
        input: Arc<Value>,
        t: i64,
        trace: Option<StateTrace>,
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
    fn fail_state<'s>(&self, step: &Arc<str>, f: Failure, t: i64, trace: Option<StateTrace>) -> StateResult<'s> {
        self.event(EventType::StepFailed, step, t, 0, || json!({"error": f.error, "cause": f.cause}));
        self.event(EventType::StepExited, step, t, 0, || Value::Null);
        // Without details, the trace still says which state failed how.
        let mut trace = trace.unwrap_or_default();
        trace.error = Some((f.error.clone(), f.cause.clone()));
        self.traces.borrow_mut().push(trace);
        Err(f)
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use serde_json::json;

    use crate::interpreter::Run;
    use crate::{EngineOptions, MockInvoker};

    /// Each kind's awaiting work is boxed, so the future of one state (and of one legacy step)
    /// stays small: the wasm carries and copies less.
    #[test]
    fn a_state_future_is_small() {
        let source = "Type: StateMachine\nName: s\nSpecVersion: v1\nStartAt: A\nStates:\n  - Type: Pass\n    Name: A\n    End: true\n";
        let analysis = fdl::analyze(source);
        let flow = analysis.document.as_ref().and_then(|d| d.as_current()).expect("the test flow parses");
        let opts = EngineOptions::default();
        let invoker = MockInvoker::echo();
        let run = Run::new(&opts, &invoker, i64::MAX, None, None, false);
        let state = run.run_state(&flow.scope.states[0], Arc::new(json!({})), 0);
        let legacy = fdl::analyze("version: v1\ntype: flow\nsteps:\n  - type: pass\n    name: a\n");
        let step = &legacy.document.as_ref().and_then(|d| d.as_legacy()).expect("legacy").steps.steps[0];
        let (input, local) = (json!({}), json!({}));
        let legacy_step = run.run_step(step, &input, &local, 0);
        eprintln!("state future {} bytes, step future {} bytes", size_of_val(&state), size_of_val(&legacy_step));
        assert!(size_of_val(&state) <= 1024, "{}", size_of_val(&state));
        assert!(size_of_val(&legacy_step) <= 1024, "{}", size_of_val(&legacy_step));
    }
}
