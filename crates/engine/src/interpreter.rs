//! The interpreter: runs scopes and states with the data flow of spec §6.3, Retry/Catch
//! (§8), Parallel and Map on a virtual clock, and records the history (§13).
//!
//! Parallel branches and Map iterations run one after another in the interpreter, but on the
//! virtual clock each starts when it would start concurrently (every branch at the Parallel's
//! start; each iteration at the first free slot of `MaxConcurrency`), and the history is
//! ordered by time. That keeps runs deterministic while timestamps and durations show the
//! concurrency the service would have.

use std::cell::{Cell, RefCell};
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use fdl::expr::{self, EvalEnv, EvalOptions, Root, SeededRng};
use fdl::model::{Constructor, Expression, Field, Scope, State, StateKind, TaskMode, Template};
use serde_json::{Map, Value, json};

use crate::history::{Event, EventType};
use crate::invoker::{Invoker, TaskCall};
use crate::options::{CatchInput, EngineOptions};
use crate::trace::StateTrace;

/// An error that fails a state: the error name and its cause.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Failure {
    pub error: String,
    pub cause: String,
}

impl Failure {
    pub fn new(error: impl Into<String>, cause: impl Into<String>) -> Self {
        Self { error: error.into(), cause: cause.into() }
    }
}

/// Error names flowplay raises for conditions whose service name is undocumented (spec §8.4,
/// UNCERTAIN); all are prefixed `FnF.` so `FnF.ALL` catches them.
pub mod errors {
    pub const TIMEOUT: &str = "FnF.Timeout";
    pub const PAYLOAD_TOO_LARGE: &str = "FnF.PayloadTooLarge";
    pub const EVENT_LIMIT: &str = "FnF.EventLimitExceeded";
    pub const TRANSITION_LIMIT: &str = "FnF.TransitionLimitExceeded";
    pub const INVALID_INPUT: &str = "FnF.InvalidInput";
    pub const MAP_ITEM_LIMIT: &str = "FnF.MapItemLimitExceeded";
    pub const EXECUTION_TIMEOUT: &str = "FnF.ExecutionTimedOut";
    /// The run was stopped from outside (a [`crate::Supervisor`]): the execution is `Stopped`.
    pub const ABORTED: &str = "FnF.Aborted";
}

fn timed_out() -> Failure {
    Failure::new(errors::EXECUTION_TIMEOUT, "the execution ran past its time limit")
}

type Boxed<'a, T> = Pin<Box<dyn Future<Output = T> + 'a>>;

/// A state's result: its output and the next state (`None` ends the scope), or a failure.
type StateResult<'a> = Result<(Value, Option<&'a str>), Failure>;

pub(crate) struct Run<'a> {
    pub opts: &'a EngineOptions,
    pub invoker: &'a dyn Invoker,
    pub events: RefCell<Vec<Event>>,
    pub global: RefCell<Value>,
    pub rng: RefCell<SeededRng>,
    pub transitions: Cell<usize>,
    /// `$Context.Execution`.
    pub execution: Value,
    pub traces: RefCell<Vec<StateTrace>>,
    /// Set once a limit that ends the whole execution was hit.
    pub fatal: RefCell<Option<Failure>>,
    /// Real time: Waits and retry delays also pass on this sleeper (scaled); `None` is the
    /// virtual clock only.
    pub sleeper: Option<(&'a dyn crate::Sleeper, f64)>,
    /// Asked before every state whether to go on (breakpoints, stepping, abort, yielding), and
    /// after every call and wait whether the run was stopped meanwhile.
    pub supervisor: Option<&'a dyn crate::Supervisor>,
    /// Whether the supervisor sees the states of this run (a distributed Map's child
    /// executions only ask whether the run was stopped).
    pub supervise_states: bool,
    /// When the execution's time limit runs out, on the clock (epoch ms).
    pub deadline_ms: i64,
    /// The distributed Map runs of this execution.
    pub map_runs: RefCell<Vec<crate::map_run::MapRun>>,
}

/// The variables an expression may see in one place.
struct Vars<'v> {
    input: &'v Value,
    output: Option<&'v Value>,
    current: Option<&'v Value>,
    item: Option<&'v Value>,
}

fn uses_context(t: &Template) -> bool {
    let mut found = false;
    t.for_each_expression(&mut |e| found |= expression_uses_context(e));
    found
}

/// Whether the expression reads `$Context` (only then is the context value built).
fn expression_uses_context(e: &Expression) -> bool {
    let mut found = false;
    if let Some(ast) = e.ast() {
        ast.for_each_path(&mut |p| found |= p.root == Root::Context);
    }
    found
}

fn size_of(v: &Value) -> usize {
    serde_json::to_vec(v).map_or(0, |b| b.len())
}

impl<'a> Run<'a> {
    pub fn new(
        opts: &'a EngineOptions,
        invoker: &'a dyn Invoker,
        execution: Value,
        deadline_ms: i64,
        sleeper: Option<(&'a dyn crate::Sleeper, f64)>,
        supervisor: Option<&'a dyn crate::Supervisor>,
        supervise_states: bool,
    ) -> Self {
        Self {
            opts,
            invoker,
            events: RefCell::new(Vec::new()),
            global: RefCell::new(json!({})),
            rng: RefCell::new(SeededRng::new(opts.seed)),
            transitions: Cell::new(0),
            execution,
            traces: RefCell::new(Vec::new()),
            fatal: RefCell::new(None),
            sleeper,
            supervisor,
            supervise_states,
            deadline_ms,
            map_runs: RefCell::new(Vec::new()),
        }
    }

    /// Runs a whole execution of `scope`: `ExecutionStarted` (saying which service limits this
    /// run changed), the scope, and the result, where a failure that ended the execution wins.
    pub async fn run_execution(&self, scope: &Scope, input: Value) -> (Result<Value, Failure>, i64) {
        let start = self.opts.start_time_ms;
        let changed = self.opts.changed_limits();
        self.event(EventType::ExecutionStarted, &Arc::from(""), start, 0, || {
            if changed.is_empty() {
                json!({"input": input})
            } else {
                json!({"input": input, "flowplayLimits": changed})
            }
        });
        let (result, end) = self.run_scope(scope, input, start).await;
        match self.fatal.borrow().clone() {
            Some(f) => (Err(f), end.min(self.deadline_ms.max(start))),
            None => (result, end),
        }
    }

    /// Lets `ms` of clock time pass in real time too, when running in real time.
    async fn pass_time(&self, ms: i64) {
        if let Some((sleeper, scale)) = self.sleeper {
            let real = (ms.max(0) as f64 * scale) as u64;
            if real > 0 {
                sleeper.sleep_ms(real).await;
            }
        }
    }

    /// Moves the clock `ms` on from `t` (saturating; negative counts as 0). Past the deadline the
    /// execution times out: the clock stops at the deadline and `Err` carries it.
    pub(crate) fn advance(&self, t: i64, ms: i64) -> Result<i64, i64> {
        let end = t.saturating_add(ms.max(0));
        if end > self.deadline_ms {
            self.end_execution(timed_out());
            Err(self.deadline_ms.max(t))
        } else {
            Ok(end)
        }
    }

    /// A Wait or a retry back-off: [`Self::advance`], also in real time (clamped to the deadline,
    /// so a wait of 10^20 s never sleeps past it); then asks whether the run was stopped.
    async fn wait(&self, t: i64, ms: i64) -> Result<i64, i64> {
        let r = self.advance(t, ms);
        let end = match r {
            Ok(end) | Err(end) => end,
        };
        self.pass_time(end - t).await;
        if self.stopped() { Err(end) } else { r }
    }

    /// Whether the supervisor stopped the run during a call or a wait (then the execution ends
    /// with its failure and nothing more is recorded).
    fn stopped(&self) -> bool {
        match self.supervisor.and_then(|s| s.stopped()) {
            Some(f) => {
                self.end_execution(f);
                true
            }
            None => false,
        }
    }

    pub fn event(
        &self,
        kind: EventType,
        step: &Arc<str>,
        at_ms: i64,
        schedule: u64,
        detail: impl FnOnce() -> Value,
    ) -> u64 {
        let mut events = self.events.borrow_mut();
        let id = events.len() as u64 + 1;
        // Once the execution has ended (time limit, abort, a limit), nothing more is recorded:
        // its closing event is the last.
        if self.fatal.borrow().is_some() {
            return id;
        }
        if events.len() >= self.opts.max_events {
            self.end_execution(Failure::new(
                errors::EVENT_LIMIT,
                format!("the execution reached the limit of {} history events", self.opts.max_events),
            ));
            return id;
        }
        let event_detail = if self.opts.record_details { detail() } else { Value::Null };
        events.push(Event {
            event_id: id,
            kind,
            time: Arc::from(""),
            step_name: Arc::clone(step),
            schedule_event_id: schedule,
            event_detail,
            at_ms,
        });
        id
    }

    /// Ends the whole execution with `f` (the first such failure wins).
    pub(crate) fn end_execution(&self, f: Failure) {
        let mut fatal = self.fatal.borrow_mut();
        if fatal.is_none() {
            *fatal = Some(f);
        }
    }

    fn check_fatal(&self) -> Result<(), Failure> {
        match &*self.fatal.borrow() {
            Some(f) => Err(f.clone()),
            None => Ok(()),
        }
    }

    fn context_value(
        &self,
        state: &str,
        input: &Value,
        output: Option<&Value>,
        error: Option<&Failure>,
        retries: u32,
        token: Option<&str>,
    ) -> Value {
        json!({
            "Execution": self.execution,
            "Current": {
                "Name": state,
                "Input": input,
                "Output": output.cloned().unwrap_or(Value::Null),
                "Error": error.map_or(Value::Null, |e| json!({"Code": e.error, "Detail": e.cause})),
                "RetryCount": retries,
                "TaskToken": token.map_or(Value::Null, |t| Value::String(t.to_owned())),
            }
        })
    }

    fn eval(&self, e: &Expression, vars: &Vars<'_>) -> Result<Value, Failure> {
        let ast = e.parsed.as_ref().map_err(|err| {
            Failure::new(expr::EXPRESSION_ERROR, format!("invalid expression `{}`: {}", e.text, err.message))
        })?;
        let global = self.global.borrow();
        let mut rng = self.rng.borrow_mut();
        let mut env = EvalEnv {
            input: Some(vars.input),
            output: vars.output,
            context: vars.current,
            global: Some(&global),
            item: vars.item,
            rng: &mut *rng,
            options: EvalOptions { strict_paths: self.opts.strict_paths },
        };
        expr::evaluate(ast, &mut env)
            .map_err(|err| Failure::new(err.code, format!("{} (in `{}`)", err.message, e.text)))
    }

    fn template(&self, t: &Template, vars: &Vars<'_>) -> Result<Value, Failure> {
        Ok(match t {
            Template::Literal { value, .. } => value.clone(),
            Template::Expression(e) => self.eval(e, vars)?,
            Template::Object { fields, .. } => self.fields(fields, vars)?,
            Template::Array { items, .. } => {
                Value::Array(items.iter().map(|i| self.template(i, vars)).collect::<Result<_, _>>()?)
            }
        })
    }

    fn fields(&self, fields: &[Field], vars: &Vars<'_>) -> Result<Value, Failure> {
        let mut map = Map::with_capacity(fields.len());
        for f in fields {
            if f.is_expression && !matches!(f.value, Template::Expression(_)) {
                return Err(Failure::new(
                    expr::EXPRESSION_ERROR,
                    format!("the value of `{}` must be an expression string", f.raw_key),
                ));
            }
            map.insert(f.key.to_string(), self.template(&f.value, vars)?);
        }
        Ok(Value::Object(map))
    }

    /// Evaluates a constructor; `$Context` is built only when the constructor reads it.
    fn construct(
        &self,
        c: &Constructor,
        state: &str,
        vars: Vars<'_>,
        error: Option<&Failure>,
        retries: u32,
        token: Option<&str>,
    ) -> Result<Value, Failure> {
        let needs_context = c.fields.iter().any(|f| uses_context(&f.value));
        if needs_context {
            let ctx = self.context_value(state, vars.input, vars.output, error, retries, token);
            self.fields(&c.fields, &Vars { current: Some(&ctx), ..vars })
        } else {
            self.fields(&c.fields, &vars)
        }
    }

    fn eval_with_context(&self, e: &Expression, state: &str, input: &Value) -> Result<Value, Failure> {
        if expression_uses_context(e) {
            let ctx = self.context_value(state, input, None, None, 0, None);
            self.eval(e, &Vars { input, output: None, current: Some(&ctx), item: None })
        } else {
            self.eval(e, &Vars { input, output: None, current: None, item: None })
        }
    }

    /// Runs a scope from its `StartAt`. Returns the scope's output (or failure) and the end time.
    pub fn run_scope<'s>(
        &'s self,
        scope: &'s Scope,
        input: Value,
        start_ms: i64,
    ) -> Boxed<'s, (Result<Value, Failure>, i64)> {
        Box::pin(async move {
            let Some(mut index) = scope.start_at.as_ref().and_then(|s| scope.state_index(&s.value)) else {
                return (Err(Failure::new(errors::INVALID_INPUT, "the scope's StartAt names no state")), start_ms);
            };
            let mut data = input;
            let mut t = start_ms;
            loop {
                let n = self.transitions.get() + 1;
                self.transitions.set(n);
                if n > self.opts.max_transitions {
                    return (
                        Err(Failure::new(
                            errors::TRANSITION_LIMIT,
                            format!(
                                "the execution made more than {} state transitions; is there a loop without an exit?",
                                self.opts.max_transitions
                            ),
                        )),
                        t,
                    );
                }
                if t > self.deadline_ms {
                    self.end_execution(timed_out());
                    return (Err(timed_out()), self.deadline_ms);
                }
                let state = &scope.states[index];
                if !self.supervise_states {
                    if self.stopped() {
                        return (self.check_fatal().map(|_| Value::Null), t);
                    }
                } else if let Some(supervisor) = self.supervisor {
                    let progress =
                        crate::execution::Progress { run: self, state: state.name().unwrap_or(""), at_ms: t };
                    if let Err(f) = supervisor.before_state(progress).await {
                        self.end_execution(f.clone());
                        return (Err(f), t);
                    }
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
                    Ok((output, Some(next))) => match scope.state_index(next) {
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

    /// Runs one state. Ok((output, Some(next))) continues; Ok((output, None)) ends the scope.
    // Not boxed: only scopes (which Parallel and Map recurse into) are, so a plain state costs
    // no allocation for its future.
    async fn run_state<'s>(&self, state: &'s State, raw: Value, start_ms: i64) -> (StateResult<'s>, i64) {
        let name = state.name().unwrap_or("");
        let step: Arc<str> = Arc::from(name);
        let mut t = start_ms;
        // Traces feed the playground's data-flow view; they cost clones, so they follow
        // `record_details`.
        let tracing = self.opts.record_details;
        let mut trace = if tracing {
            StateTrace { name: name.to_owned(), raw_input: raw.clone(), ..StateTrace::default() }
        } else {
            StateTrace::default()
        };
        self.event(EventType::StepEntered, &step, t, 0, || json!({"input": raw}));
        let input = match &state.input_constructor {
            Some(c) => match self.construct(
                c,
                name,
                Vars { input: &raw, output: None, current: None, item: None },
                None,
                0,
                None,
            ) {
                Ok(v) => v,
                Err(f) => return (self.fail_state(&step, f, t, trace), t),
            },
            None => raw,
        };
        if tracing {
            trace.input = input.clone();
        }
        self.event(EventType::StepStarted, &step, t, 0, || json!({"input": input}));

        // Type-specific work: the raw result ($Output) and the transition.
        let work: StateResult<'s> = match &state.kind {
            // Only Task, Parallel and Map have a raw result ($Output); the others pass their input on.
            StateKind::Pass | StateKind::Succeed | StateKind::Unknown => Ok((Value::Null, None)),
            StateKind::Wait(w) => {
                let seconds = match (&w.seconds, &w.seconds_expr) {
                    (Some(s), _) => Ok(s.value),
                    (None, Some(e)) => self.eval_with_context(e, name, &input).and_then(|v| {
                        v.as_f64().ok_or_else(|| {
                            Failure::new(errors::INVALID_INPUT, format!("`Seconds.$` gave {v}, not a number"))
                        })
                    }),
                    (None, None) => Ok(0.0),
                };
                match seconds {
                    // `as` saturates: 1e20 s is i64::MAX ms, which `wait` clamps to the deadline.
                    Ok(s) if s >= 0.0 => match self.wait(t, (s * 1000.0) as i64).await {
                        Ok(end) => {
                            t = end;
                            Ok((Value::Null, None))
                        }
                        Err(end) => return (self.check_fatal().map(|_| (Value::Null, None)), end),
                    },
                    Ok(s) => Err(Failure::new(errors::INVALID_INPUT, format!("a Wait of {s} seconds"))),
                    Err(f) => Err(f),
                }
            }
            StateKind::Fail(f) => {
                let failure = Failure::new(
                    f.code.as_ref().map_or("FnF.Failed", |c| c.value.as_str()),
                    f.detail.as_ref().map_or("", |d| d.value.as_str()),
                );
                self.event(
                    EventType::StepFailed,
                    &step,
                    t,
                    0,
                    || json!({"error": failure.error, "cause": failure.cause}),
                );
                self.event(EventType::StepExited, &step, t, 0, || Value::Null);
                trace.error = Some((failure.error.clone(), failure.cause.clone()));
                self.traces.borrow_mut().push(trace);
                return (Err(failure), t);
            }
            StateKind::Choice(c) => {
                let mut target = c.default.as_ref().map(|d| d.value.as_str());
                let mut failure = None;
                for b in &c.branches {
                    let Some(cond) = &b.condition else { continue };
                    match self.eval_with_context(cond, name, &input) {
                        Ok(Value::Bool(true)) => {
                            target = b.next.as_ref().map(|n| n.value.as_str());
                            break;
                        }
                        Ok(Value::Bool(false)) => {}
                        // UNCERTAIN: a non-boolean condition fails the state (spec §5.3).
                        Ok(other) => {
                            failure = Some(Failure::new(
                                expr::EXPRESSION_ERROR,
                                format!("the condition `{}` gave {other}, not a boolean", cond.text),
                            ));
                            break;
                        }
                        Err(f) => {
                            failure = Some(f);
                            break;
                        }
                    }
                }
                match (failure, target) {
                    (Some(f), _) => Err(f),
                    (None, Some(next)) => {
                        self.event(EventType::StepSucceeded, &step, t, 0, || json!({"output": input}));
                        self.event(EventType::StepExited, &step, t, 0, || Value::Null);
                        trace.output = input.clone();
                        self.traces.borrow_mut().push(trace);
                        return (Ok((input, Some(next))), t);
                    }
                    (None, None) => {
                        Err(Failure::new(errors::INVALID_INPUT, "no condition held and the Choice has no Default"))
                    }
                }
            }
            StateKind::Task(_) => {
                let (r, end) = self.run_task(state, &input, t, &mut trace).await;
                t = end;
                r.map(|v| (v, None))
            }
            StateKind::Parallel(p) => {
                let mut outputs = Map::new();
                let mut end = t;
                let mut failure = None;
                for (i, branch) in p.branches.iter().enumerate() {
                    self.event(EventType::BranchEntered, &step, t, 0, || json!({"index": i}));
                    let (r, branch_end) = self.run_scope(branch, input.clone(), t).await;
                    self.event(EventType::BranchExited, &step, branch_end, 0, || json!({"index": i}));
                    end = end.max(branch_end);
                    match r {
                        Ok(v) => {
                            outputs.insert(format!("Branch{i}"), v);
                        }
                        Err(f) => {
                            // INFERRED: the first failing branch fails the Parallel.
                            failure = Some(f);
                            break;
                        }
                    }
                }
                t = end;
                match failure {
                    Some(f) => Err(f),
                    None => Ok((Value::Object(outputs), None)),
                }
            }
            StateKind::Map(m) => {
                let (r, end) = self.run_map(state, m, &input, t).await;
                t = end;
                r.map(|v| (v, None))
            }
        };

        let (result, _) = match work {
            Ok(r) => r,
            Err(f) => return self.handle_error(state, f, input, t, trace),
        };
        let has_result = matches!(state.kind, StateKind::Task(_) | StateKind::Parallel(_) | StateKind::Map(_));
        if tracing && has_result {
            trace.result = Some(result.clone());
        }
        // Output and $Global are both evaluated against the state's snapshot (spec §6.3).
        let constructed = match &state.output_constructor {
            Some(c) => match self.construct(
                c,
                name,
                Vars { input: &input, output: Some(&result), current: None, item: None },
                None,
                0,
                None,
            ) {
                Ok(v) => Some(v),
                Err(f) => return self.handle_error(state, f, input, t, trace),
            },
            None => None,
        };
        if let Some(g) = &state.global_constructor {
            match self.construct(
                g,
                name,
                Vars { input: &input, output: Some(&result), current: None, item: None },
                None,
                0,
                None,
            ) {
                Ok(Value::Object(updates)) => {
                    let mut global = self.global.borrow_mut();
                    if let Value::Object(map) = &mut *global {
                        map.extend(updates);
                    }
                }
                Ok(_) => {}
                Err(f) => return self.handle_error(state, f, input, t, trace),
            }
        }
        // Default output (spec §6.4): the raw result of Task/Parallel/Map, else the input.
        let output_ref = match &constructed {
            Some(v) => v,
            None if has_result => &result,
            None => &input,
        };
        if self.opts.max_payload_bytes < usize::MAX {
            let size = size_of(output_ref);
            if size > self.opts.max_payload_bytes {
                let f = Failure::new(
                    errors::PAYLOAD_TOO_LARGE,
                    format!("the output of `{name}` is {size} bytes; the limit is {}", self.opts.max_payload_bytes),
                );
                return self.handle_error(state, f, input, t, trace);
            }
        }
        self.event(EventType::StepSucceeded, &step, t, 0, || json!({"output": output_ref}));
        self.event(EventType::StepExited, &step, t, 0, || Value::Null);
        // Moved, not cloned: a transition costs no copy of the data.
        let output = match constructed {
            Some(v) => v,
            None if has_result => result,
            None => input,
        };
        if tracing {
            trace.output = output.clone();
            trace.global = self.global.borrow().clone();
            self.traces.borrow_mut().push(trace);
        }
        let next = if state.is_end() || matches!(state.kind, StateKind::Succeed) {
            None
        } else {
            state.next.as_ref().map(|n| n.value.as_str())
        };
        (Ok((output, next)), t)
    }

    fn fail_state<'s>(&self, step: &Arc<str>, f: Failure, t: i64, mut trace: StateTrace) -> StateResult<'s> {
        self.event(EventType::StepFailed, step, t, 0, || json!({"error": f.error, "cause": f.cause}));
        self.event(EventType::StepExited, step, t, 0, || Value::Null);
        trace.error = Some((f.error.clone(), f.cause.clone()));
        self.traces.borrow_mut().push(trace);
        Err(f)
    }

    /// Catch (spec §8.3): the first catcher whose Errors match handles the failure.
    fn handle_error<'s>(
        &self,
        state: &'s State,
        f: Failure,
        input: Value,
        t: i64,
        trace: StateTrace,
    ) -> (StateResult<'s>, i64) {
        let name = state.name().unwrap_or("");
        let step: Arc<str> = Arc::from(name);
        let catcher = state.catch.iter().find(|c| c.errors.iter().any(|e| e.value == "FnF.ALL" || e.value == f.error));
        let Some(catcher) = catcher.filter(|_| self.fatal.borrow().is_none()) else {
            return (self.fail_state(&step, f, t, trace), t);
        };
        let output = match &catcher.output_constructor {
            Some(c) => match self.construct(
                c,
                name,
                Vars { input: &input, output: None, current: None, item: None },
                Some(&f),
                0,
                None,
            ) {
                Ok(v) => v,
                Err(e) => return (self.fail_state(&step, e, t, trace), t),
            },
            None => match self.opts.catch_input {
                CatchInput::StateInput => input,
                CatchInput::ErrorObject => json!({"Error": f.error, "Cause": f.cause}),
            },
        };
        let _ = self.fail_state(&step, f, t, trace);
        (Ok((output, catcher.next.as_ref().map(|n| n.value.as_str()))), t)
    }

    /// A Task with its retries (spec §8.2): delay(n) = min(Interval × Rate^(n-1), MaxBackoff).
    async fn run_task(
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
            // The first retrier whose Errors match decides (spec §8.2).
            let Some(i) = state
                .retry
                .iter()
                .position(|r| r.errors.iter().any(|e| e.value == "FnF.ALL" || e.value == failure.error))
            else {
                return (Err(failure), t);
            };
            let rule = &state.retry[i];
            let max = rule.max_attempts.as_ref().map_or(3, |m| m.value.max(0)) as u32;
            if attempts_per_rule[i] >= max {
                return (Err(failure), t);
            }
            attempts_per_rule[i] += 1;
            retries += 1;
            let n = attempts_per_rule[i] as i32;
            let interval = rule.interval_seconds.as_ref().map_or(1.0, |x| x.value);
            let rate = rule.backoff_rate.as_ref().map_or(1.0, |x| x.value);
            let mut delay = interval * rate.powi(n - 1);
            if let Some(cap) = &rule.max_backoff_seconds {
                delay = delay.min(cap.value);
            }
            // `as` saturates (and NaN is 0); a back-off past the deadline times the execution out
            // there, so retries never run for months past it nor date events after it.
            t = match self.wait(t, (delay * 1000.0) as i64).await {
                Ok(end) => end,
                Err(end) => return (self.check_fatal().map(|_| Value::Null), end),
            };
        }
    }

    /// Map (spec §5.5): items from ItemsPath, one processor run per item, at most
    /// MaxConcurrency at a time on the clock; output `{"Items": [...]}`.
    async fn run_map(
        &self,
        state: &State,
        m: &fdl::model::MapState,
        input: &Value,
        start_ms: i64,
    ) -> (Result<Value, Failure>, i64) {
        let name = state.name().unwrap_or("");
        let step: Arc<str> = Arc::from(name);
        let items = match &m.items_path {
            Some(e) => match self.eval_with_context(e, name, input) {
                Ok(Value::Array(items)) => items,
                Ok(other) => {
                    return (
                        Err(Failure::new(
                            errors::INVALID_INPUT,
                            format!("ItemsPath `{}` gave {}, not an array", e.text, expr::type_name(&other)),
                        )),
                        start_ms,
                    );
                }
                Err(f) => return (Err(f), start_ms),
            },
            None => Vec::new(),
        };
        if items.len() > self.opts.max_map_items {
            return (
                Err(Failure::new(
                    errors::MAP_ITEM_LIMIT,
                    format!("{} items; the limit is {}", items.len(), self.opts.max_map_items),
                )),
                start_ms,
            );
        }
        let Some(processor) = &m.processor else {
            return (Err(Failure::new(errors::INVALID_INPUT, "the Map has no Processor")), start_ms);
        };
        let concurrency =
            m.max_concurrency.as_ref().map_or(if m.is_distributed() { 100 } else { 40 }, |c| c.value.max(1)) as usize;
        let total = items.len();
        let mut slots = vec![start_ms; concurrency.min(total.max(1))];
        let mut results = Vec::with_capacity(total);
        let mut failures = 0usize;
        let mut end = start_ms;
        let tolerated_count = m.tolerated_failure_count.as_ref().map(|c| c.value.max(0) as usize);
        let tolerated_pct = m.tolerated_failure_percentage.as_ref().map(|p| p.value);
        // A distributed Map runs each item as a child execution of its own, in a MapRun.
        let mut map_run = m.is_distributed().then(|| crate::map_run::MapRun::start(self, state, m, total, start_ms));
        for (i, item) in items.into_iter().enumerate() {
            let slot = (0..slots.len()).min_by_key(|s| (slots[*s], *s)).unwrap_or(0);
            let begin = slots[slot];
            // An item waiting for a slot past the deadline never starts.
            if begin > self.deadline_ms {
                self.end_execution(timed_out());
                return (Err(timed_out()), self.deadline_ms);
            }
            let item = match &m.item_constructor {
                Some(c) => match self.construct(
                    c,
                    name,
                    Vars { input, output: None, current: None, item: Some(&item) },
                    None,
                    0,
                    None,
                ) {
                    Ok(v) => v,
                    Err(f) => return (Err(f), begin),
                },
                None => item,
            };
            let (r, finish) = match &mut map_run {
                Some(map_run) => map_run.run_child(self, processor, i, item, begin).await,
                None => {
                    self.event(EventType::IterationEntered, &step, begin, 0, || json!({"index": i}));
                    let (r, finish) = self.run_scope(processor, item, begin).await;
                    self.event(EventType::IterationExited, &step, finish, 0, || json!({"index": i}));
                    (r, finish)
                }
            };
            slots[slot] = finish;
            end = end.max(finish);
            if self.fatal.borrow().is_some() {
                return (self.check_fatal().map(|_| Value::Null), end);
            }
            match r {
                Ok(v) => results.push(v),
                Err(f) => {
                    failures += 1;
                    // The share is of all the Map's items, not of those run so far: the same
                    // failure is tolerated wherever it comes in the order.
                    let tolerated = tolerated_count.is_some_and(|c| failures <= c)
                        || tolerated_pct.is_some_and(|p| (failures as f64) * 100.0 <= p * total as f64);
                    if !tolerated {
                        if let Some(map_run) = &map_run {
                            map_run.finish(self, "Failed", end);
                        }
                        return (Err(f), end);
                    }
                    // UNCERTAIN: a tolerated failed iteration contributes its error to Items.
                    results.push(json!({"Error": f.error, "Cause": f.cause}));
                }
            }
        }
        if let Some(map_run) = &map_run {
            map_run.finish(self, "Succeeded", end);
        }
        (Ok(json!({ "Items": results })), end)
    }
}
