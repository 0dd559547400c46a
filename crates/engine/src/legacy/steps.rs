//! One legacy step (spec §15.2–15.8): `StepEntered`, its input (mappings or the parent's input
//! merged with its local), `StepStarted`, its type's work giving its local, its output, then
//! `StepSucceeded` or `StepFailed` (a task's `catch` goes on to its `goto`).

use std::rc::Rc;
use std::sync::Arc;

use fdl::expr::{self, EvalEnv, EvalOptions};
use fdl::model::{LegacyChoice, LegacyForeach, LegacyLoop, LegacyParallel, LegacyWait, Step, StepKind};
use serde_json::{Value, json};

use super::data::{Sources, apply_mappings, merged, non_empty, source_value};
use super::{ListEnd, step_name};
use crate::history::{EventDetail, EventType};
use crate::interpreter::recovery::matches;
use crate::interpreter::state::size_of;
use crate::interpreter::{Failure, Run, errors, timed_out};
use crate::options::EngineOptions;
use crate::trace::StateTrace;

/// What a step gave its parent.
pub(crate) struct StepOut<'s> {
    pub output: Arc<Value>,
    /// A `goto` to a sibling (choice, catch).
    pub goto: Option<&'s str>,
    /// A `succeed` ended the enclosing list (through choice branches).
    pub succeeded: bool,
}

/// What a step's work produced: its local, where to go, and whether a `succeed` ended it.
struct Work<'s> {
    local: Arc<Value>,
    goto: Option<&'s str>,
    succeeded: bool,
}

impl<'s> Work<'s> {
    fn local(local: Value) -> Self {
        Self::shared(Arc::new(local))
    }

    fn shared(local: Arc<Value>) -> Self {
        Self { local, goto: None, succeeded: false }
    }
}

/// The legacy limit on a step's input + output + local (spec §15.3: 32 KiB), or the run's
/// own `maxPayloadBytes` when it changed it.
fn payload_limit(opts: &EngineOptions) -> usize {
    if opts.max_payload_bytes == EngineOptions::SERVICE_MAX_PAYLOAD_BYTES { 32 * 1024 } else { opts.max_payload_bytes }
}

/// The legacy maximum wait: 2 days (spec §15.5).
const MAX_WAIT_MS: i64 = 2 * 86_400_000;

impl Run<'_> {
    /// Runs one step whose parent has `parent_input` and (so far) `parent_local`. Each type's
    /// work that awaits is a boxed future of its own (see `Run::run_state`).
    pub(crate) async fn run_step<'s>(
        &self,
        step: &'s Step,
        parent_input: &Value,
        parent_local: &Value,
        start_ms: i64,
    ) -> (Result<StepOut<'s>, Failure>, i64) {
        let name = step.name().unwrap_or("");
        let id = step_name(name);
        let mut t = start_ms;
        // The default input; with input mappings only the history and the trace show it.
        let raw = if self.opts.record_details || non_empty(&step.input_mappings).is_none() {
            Arc::new(merged(parent_input, parent_local))
        } else {
            Arc::clone(&self.null)
        };
        // The callback token exists before the inputs are built: `$context.task.token` is read
        // by a waitForCallback task's `inputMappings`/`serviceParams` (INFERRED: one token per
        // step run, kept across its retries).
        let token = match &step.kind {
            StepKind::Task(task) if task::mode_of(task) == fdl::model::TaskMode::WaitForCustomCallback => {
                use fdl::expr::ExprRng;
                Some(format!("token-{:016x}", self.rng.borrow_mut().next_u64()))
            }
            _ => None,
        };
        let mut trace = self.opts.record_details.then(|| StateTrace::entered(name, &raw, &self.null));
        self.event(EventType::StepEntered, &id, t, 0, || EventDetail::field("input", Arc::clone(&raw)));
        let input = match non_empty(&step.input_mappings) {
            Some(m) => Arc::new(apply_mappings(
                m,
                &Sources { input: parent_input, local: parent_local, token: token.as_deref() },
            )),
            None => raw,
        };
        if let Some(trace) = &mut trace {
            trace.input = Arc::clone(&input);
        }
        self.event(EventType::StepStarted, &id, t, 0, || EventDetail::field("input", Arc::clone(&input)));

        let work: Result<Work<'s>, Failure> = match &step.kind {
            StepKind::Pass => Ok(Work::shared(Arc::clone(&self.empty_object))),
            StepKind::Succeed => Ok(Work { local: Arc::clone(&self.empty_object), goto: None, succeeded: true }),
            StepKind::Fail(f) => Err(Failure::new(
                f.error.as_ref().map_or("FnF.Failed", |e| e.value.as_str()),
                f.cause.as_ref().map_or("", |c| c.value.as_str()),
            )),
            StepKind::Unknown => Err(Failure::new(
                errors::INVALID_INPUT,
                format!("step type {:?} does not run", step.type_.as_ref().map(|t| t.value.as_str())),
            )),
            StepKind::Loop(l) => {
                let (r, end) = Box::pin(self.legacy_loop(&id, l, &input, t)).await;
                t = end;
                r
            }
            StepKind::Wait(w) => {
                let (r, end) = Box::pin(self.legacy_wait(w, &input, t)).await;
                t = end;
                r.map(|()| Work::shared(Arc::clone(&self.empty_object)))
            }
            StepKind::Task(task) => {
                let (r, end) =
                    Box::pin(self.legacy_task(name, &id, task, &input, token.as_deref(), t, &mut trace)).await;
                t = end;
                match r {
                    Ok(result) => Ok(Work::shared(result)),
                    Err(f) => {
                        // `catch`: the first catcher whose errors match goes to its `goto`; the
                        // step is recorded as failed and outputs its `errorMappings` over
                        // `$local = {error, cause}` (only applied when a catch handles the
                        // error, spec §15.4), else `{}` (INFERRED).
                        match task.catch.iter().find(|c| matches(&c.errors, &f)) {
                            Some(catcher) if self.fatal.borrow().is_none() => {
                                let local = json!({"error": f.error, "cause": f.cause});
                                let output = Arc::new(match non_empty(&task.error_mappings) {
                                    Some(m) => apply_mappings(
                                        m,
                                        &Sources { input: &input, local: &local, token: token.as_deref() },
                                    ),
                                    None => json!({}),
                                });
                                let _ = self.legacy_fail(&id, f, t, trace);
                                return (
                                    Ok(StepOut {
                                        output,
                                        goto: catcher.goto.as_ref().map(|g| g.value.as_str()),
                                        succeeded: false,
                                    }),
                                    t,
                                );
                            }
                            _ => Err(f),
                        }
                    }
                }
            }
            StepKind::Choice(c) => {
                let (r, end) = Box::pin(self.legacy_choice(name, c, &input, t)).await;
                t = end;
                r
            }
            StepKind::Parallel(p) => {
                let (r, end) = Box::pin(self.legacy_parallel(&id, p, &input, t)).await;
                t = end;
                r.map(Work::local)
            }
            StepKind::Foreach(f) => {
                let (r, end) = Box::pin(self.legacy_foreach(&id, f, &input, t)).await;
                t = end;
                r.map(Work::local)
            }
        };
        let work = match work {
            Ok(w) => w,
            Err(f) => return (self.legacy_fail(&id, f, t, trace), t),
        };
        let output = match non_empty(&step.output_mappings) {
            Some(m) => {
                Arc::new(apply_mappings(m, &Sources { input: &input, local: &work.local, token: token.as_deref() }))
            }
            None if matches!(step.kind, StepKind::Parallel(_) | StepKind::Foreach(_)) => Arc::clone(&self.empty_object),
            None => Arc::clone(&work.local),
        };
        let limit = payload_limit(self.opts);
        if limit < usize::MAX {
            // A step without output mappings outputs its local: counted once, added twice.
            let local_size = size_of(&work.local);
            let output_size = if Arc::ptr_eq(&output, &work.local) { local_size } else { size_of(&output) };
            let size = size_of(&input) + output_size + local_size;
            if size > limit {
                let f = Failure::new(
                    errors::PAYLOAD_TOO_LARGE,
                    format!("the input, output and local of `{name}` are {size} bytes; the limit is {limit}"),
                );
                return (self.legacy_fail(&id, f, t, trace), t);
            }
        }
        self.event(EventType::StepSucceeded, &id, t, 0, || EventDetail::field("output", Arc::clone(&output)));
        self.event(EventType::StepExited, &id, t, 0, || Value::Null);
        if let Some(mut trace) = trace {
            trace.result = Some(work.local);
            trace.output = Arc::clone(&output);
            trace.global = Arc::clone(&self.global.borrow());
            self.traces.borrow_mut().push(trace);
        }
        (Ok(StepOut { output, goto: work.goto, succeeded: work.succeeded }), t)
    }

    /// Records the step as failed.
    fn legacy_fail<'s>(
        &self,
        id: &Arc<str>,
        f: Failure,
        t: i64,
        trace: Option<StateTrace>,
    ) -> Result<StepOut<'s>, Failure> {
        self.event(EventType::StepFailed, id, t, 0, || json!({"error": f.error, "cause": f.cause}));
        self.event(EventType::StepExited, id, t, 0, || Value::Null);
        // Without details, the trace still says which step failed how.
        let mut trace = trace.unwrap_or_default();
        trace.error = Some((f.error.clone(), f.cause.clone()));
        self.traces.borrow_mut().push(trace);
        Err(f)
    }

    /// Evaluates a legacy condition (spec §15.6): its paths become `$Input` (the step's input)
    /// and `$Output` (its local), then the current expression language evaluates it.
    pub(crate) fn legacy_condition(&self, text: &str, input: &Value, local: &Value) -> Result<Value, Failure> {
        // Parsed once per run and condition text: loops and gotos evaluate the same ones again.
        let cached = self.legacy_conditions.borrow().get(text).cloned();
        let ast = match cached {
            Some(ast) => ast,
            None => {
                let rewritten = super::data::condition_expression(text);
                let ast = Rc::new(expr::parse(&rewritten).map_err(|e| {
                    Failure::new(expr::EXPRESSION_ERROR, format!("invalid condition `{text}`: {}", e.message))
                })?);
                self.legacy_conditions.borrow_mut().insert(text.into(), Rc::clone(&ast));
                ast
            }
        };
        let global = self.global.borrow();
        let mut rng = self.rng.borrow_mut();
        let mut env = EvalEnv {
            input: Some(input),
            output: Some(local),
            context: None,
            global: Some(&**global),
            item: None,
            rng: &mut *rng,
            options: EvalOptions { strict_paths: self.opts.strict_paths },
        };
        expr::evaluate(&ast, &mut env).map_err(|e| Failure::new(e.code, format!("{} (in `{text}`)", e.message)))
    }

    /// choice: the first branch whose condition holds, else `default`; its nested steps run as
    /// the choice's children, then its `goto` (if any) is where the parent list goes on.
    async fn legacy_choice<'s>(
        &self,
        name: &str,
        c: &'s LegacyChoice,
        input: &Value,
        t: i64,
    ) -> (Result<Work<'s>, Failure>, i64) {
        let empty = json!({});
        let mut chosen = None;
        for b in &c.choices {
            let Some(cond) = &b.condition else { continue };
            match self.legacy_condition(&cond.value, input, &empty) {
                Ok(Value::Bool(true)) => {
                    chosen = Some((&b.steps, b.goto.as_ref()));
                    break;
                }
                Ok(Value::Bool(false)) => {}
                // As the current Choice (UNCERTAIN): a non-boolean condition fails the step.
                Ok(other) => {
                    let f = Failure::new(
                        expr::EXPRESSION_ERROR,
                        format!("the condition `{}` of `{name}` gave {other}, not a boolean", cond.value),
                    );
                    return (Err(f), t);
                }
                Err(f) => return (Err(f), t),
            }
        }
        let chosen = chosen.or_else(|| c.default.as_ref().map(|d| (&d.steps, d.goto.as_ref())));
        // No branch and no default: the choice simply ends (spec §15.6, FDL-L010 warns).
        let Some((steps, goto)) = chosen else { return (Ok(Work::local(json!({}))), t) };
        let mut local = json!({});
        let (r, end) = self.run_list(steps, input, &mut local, t).await;
        match r {
            Err(f) => (Err(f), end),
            Ok(how) => (
                Ok(Work {
                    local: Arc::new(local),
                    goto: goto.map(|g| g.value.as_str()),
                    succeeded: how == ListEnd::Succeeded,
                }),
                end,
            ),
        }
    }

    /// loop (spec §15.8b, INFERRED): `preCondition` is checked before each pass and
    /// `postCondition` after it; either being false leaves the loop (without either, the body
    /// runs once). The body's steps are the loop's children; the loop's local (the union of
    /// their outputs) carries over from pass to pass, and the conditions read the loop's input
    /// merged with that local as `$.`/`$input` (else they could never change), `$local` the
    /// local. Each pass counts as a transition and records `IterationEntered`/`IterationExited`.
    async fn legacy_loop<'s>(
        &self,
        id: &Arc<str>,
        l: &'s LegacyLoop,
        input: &Value,
        start_ms: i64,
    ) -> (Result<Work<'s>, Failure>, i64) {
        let mut local = json!({});
        let mut t = start_ms;
        let holds = |text: &str, local: &Value| -> Result<bool, Failure> {
            match self.legacy_condition(text, &merged(input, local), local)? {
                Value::Bool(b) => Ok(b),
                other => Err(Failure::new(
                    expr::EXPRESSION_ERROR,
                    format!("the loop condition `{text}` gave {other}, not a boolean"),
                )),
            }
        };
        for pass in 0usize.. {
            if let Some(c) = &l.pre_condition {
                match holds(&c.value, &local) {
                    Ok(true) => {}
                    Ok(false) => break,
                    Err(f) => return (Err(f), t),
                }
            }
            if let Err(f) = self.count_transition("step", "does the loop ever end?") {
                return (Err(f), t);
            }
            self.event(EventType::IterationEntered, id, t, 0, || crate::history::EventDetail::index(pass));
            let (r, end) = self.run_list(&l.steps, input, &mut local, t).await;
            self.event(EventType::IterationExited, id, end, 0, || crate::history::EventDetail::index(pass));
            t = end;
            match r {
                Err(f) => return (Err(f), t),
                Ok(ListEnd::Succeeded) => {
                    return (Ok(Work { local: Arc::new(local), goto: None, succeeded: true }), t);
                }
                Ok(ListEnd::Done) => {}
            }
            match &l.post_condition {
                Some(c) => match holds(&c.value, &local) {
                    Ok(true) => {}
                    Ok(false) => break,
                    Err(f) => return (Err(f), t),
                },
                None if l.pre_condition.is_none() => break,
                None => {}
            }
        }
        (Ok(Work::local(local)), t)
    }

    /// parallel: every branch from the step's start, as if concurrent; local = the array of
    /// branch outputs (each the union of its steps' outputs).
    async fn legacy_parallel(
        &self,
        id: &Arc<str>,
        p: &LegacyParallel,
        input: &Value,
        t: i64,
    ) -> (Result<Value, Failure>, i64) {
        let mut outputs = Vec::with_capacity(p.branches.len());
        let mut end = t;
        for (i, branch) in p.branches.iter().enumerate() {
            self.event(EventType::BranchEntered, id, t, 0, || crate::history::EventDetail::index(i));
            let mut local = json!({});
            let (r, branch_end) = self.run_list(branch, input, &mut local, t).await;
            self.event(EventType::BranchExited, id, branch_end, 0, || crate::history::EventDetail::index(i));
            end = end.max(branch_end);
            if let Err(f) = r {
                return (Err(f), end);
            }
            outputs.push(local);
        }
        (Ok(Value::Array(outputs)), end)
    }

    /// foreach: one run of `steps` per element of `collection`, at most 100 at a time on the
    /// clock; local = the array of iteration outputs.
    async fn legacy_foreach(
        &self,
        id: &Arc<str>,
        f: &LegacyForeach,
        input: &Value,
        start_ms: i64,
    ) -> (Result<Value, Failure>, i64) {
        let empty = json!({});
        let from = Sources { input, local: &empty, token: None };
        let collection = f.collection.as_ref().map_or(Value::Null, |c| source_value(&json!(c.value.as_str()), &from));
        let Value::Array(items) = collection else {
            let what = f.collection.as_ref().map_or("(none)", |c| c.value.as_str());
            let fail = Failure::new(
                errors::INVALID_INPUT,
                format!("the foreach collection `{what}` gave {}, not an array", expr::type_name(&collection)),
            );
            return (Err(fail), start_ms);
        };
        if items.len() > self.opts.max_map_items {
            let fail = Failure::new(
                errors::MAP_ITEM_LIMIT,
                format!("{} items; the limit is {}", items.len(), self.opts.max_map_items),
            );
            return (Err(fail), start_ms);
        }
        let item_key = f.item.as_ref().map_or("item", |k| k.value.as_str());
        let index_key = f.index.as_ref().map(|k| k.value.as_str());
        // spec §15.8: up to 100 iterations run concurrently.
        let mut slots = vec![start_ms; 100.min(items.len().max(1))];
        let mut outputs = Vec::with_capacity(items.len());
        let mut end = start_ms;
        for (i, item) in items.into_iter().enumerate() {
            let slot = (0..slots.len()).min_by_key(|s| (slots[*s], *s)).unwrap_or(0);
            let begin = slots[slot];
            if begin > self.deadline_ms {
                self.end_execution(timed_out());
                return (Err(timed_out()), self.deadline_ms);
            }
            let mut iteration_input = input.as_object().cloned().unwrap_or_default();
            iteration_input.insert(item_key.to_owned(), item);
            if let Some(k) = index_key {
                iteration_input.insert(k.to_owned(), json!(i));
            }
            let iteration_input = Value::Object(iteration_input);
            self.event(EventType::IterationEntered, id, begin, 0, || crate::history::EventDetail::index(i));
            let mut local = json!({});
            let (r, finish) = self.run_list(&f.steps, &iteration_input, &mut local, begin).await;
            self.event(EventType::IterationExited, id, finish, 0, || crate::history::EventDetail::index(i));
            slots[slot] = finish;
            end = end.max(finish);
            if let Err(fail) = r {
                return (Err(fail), end);
            }
            outputs.push(local);
        }
        (Ok(Value::Array(outputs)), end)
    }

    /// wait: `duration` seconds (a number or an input path) or until `timestamp` (RFC 3339, a
    /// constant or an input path); a past timestamp ends at once; at most 2 days (spec §15.5).
    async fn legacy_wait(&self, w: &LegacyWait, input: &Value, t: i64) -> (Result<(), Failure>, i64) {
        let empty = json!({});
        let from = Sources { input, local: &empty, token: None };
        let ms = match (&w.duration, &w.timestamp) {
            (Some(d), _) => match source_value(&d.value, &from) {
                Value::Number(n) => match n.as_f64() {
                    // `as` saturates: a huge wait is i64::MAX ms, refused below.
                    Some(s) if s >= 0.0 => Ok((s * 1000.0) as i64),
                    _ => Err(format!("a wait of {n} seconds")),
                },
                // INFERRED: a numeric string (`"5"`) is accepted as seconds.
                Value::String(s) => s
                    .trim()
                    .parse::<f64>()
                    .ok()
                    .filter(|s| *s >= 0.0)
                    .map(|s| (s * 1000.0) as i64)
                    .ok_or_else(|| format!("the wait duration `{s}` is not a number of seconds")),
                other => Err(format!("the wait duration gave {}, not a number", expr::type_name(&other))),
            },
            (None, Some(ts)) => match source_value(&ts.value, &from) {
                Value::String(s) => match parse_timestamp(&s) {
                    Some(at) => Ok(at.saturating_sub(t).max(0)),
                    None => Err(format!("the wait timestamp `{s}` is not an RFC 3339 time")),
                },
                other => Err(format!("the wait timestamp gave {}, not a string", expr::type_name(&other))),
            },
            (None, None) => Ok(0),
        };
        match ms {
            Ok(ms) if ms > MAX_WAIT_MS => (
                Err(Failure::new(
                    errors::INVALID_INPUT,
                    format!("a wait of {} s; the legacy maximum is 2 days (172800 s)", ms / 1000),
                )),
                t,
            ),
            Ok(ms) => match self.wait(t, ms).await {
                Ok(end) => (Ok(()), end),
                Err(end) => (self.check_fatal(), end),
            },
            Err(message) => (Err(Failure::new(errors::INVALID_INPUT, message)), t),
        }
    }
}

/// RFC 3339 with `Z` or a `±hh:mm` offset, optional fractions, into epoch ms.
fn parse_timestamp(text: &str) -> Option<i64> {
    let t = text.trim();
    if let Some(ms) = crate::clock::parse_rfc3339_millis(t) {
        return Some(ms);
    }
    let n = t.len().checked_sub(6)?;
    let (date_time, offset) = (t.get(..n)?, t.get(n..)?);
    let sign = match offset.as_bytes().first()? {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let (h, m) = offset[1..].split_once(':')?;
    let offset_ms = sign * (h.parse::<i64>().ok()? * 60 + m.parse::<i64>().ok()?) * 60_000;
    crate::clock::parse_rfc3339_millis(&format!("{date_time}Z")).map(|ms| ms - offset_ms)
}

// The task module's helpers used here.
use super::task;

#[cfg(test)]
mod tests {
    #[test]
    fn timestamps_with_offsets() {
        assert_eq!(super::parse_timestamp("2019-05-02T15:04:05Z"), Some(1_556_809_445_000));
        assert_eq!(super::parse_timestamp("2019-05-02T23:04:05+08:00"), Some(1_556_809_445_000));
        assert_eq!(super::parse_timestamp("soon"), None);
    }
}
