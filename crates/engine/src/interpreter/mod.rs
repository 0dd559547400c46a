//! The interpreter: runs scopes and states with the data flow of spec §6.3, Retry/Catch
//! (§8), Parallel and Map on a virtual clock, and records the history (§13).
//!
//! Layout: this module holds the run (its clock, limits and history); `eval` evaluates
//! expressions and constructors; `scope` is the scope loop; `state` runs one state with one
//! success and one failure epilogue; `states/` has one module per state kind; `recovery` is
//! Retry and Catch.
//!
//! Parallel branches and Map iterations run one after another in the interpreter, but on the
//! virtual clock each starts when it would start concurrently (every branch at the Parallel's
//! start; each iteration at the first free slot of `MaxConcurrency`), and the history is
//! ordered by time. That keeps runs deterministic while timestamps and durations show the
//! concurrency the service would have.

mod eval;
pub(crate) mod recovery;
mod scope;
pub(crate) mod state;
mod states;
pub(crate) mod task_call;

use std::cell::{Cell, RefCell};
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use fdl::expr::SeededRng;
use serde_json::{Value, json};

use crate::history::{Event, EventDetail, EventType};
use crate::invoker::Invoker;
use crate::options::EngineOptions;
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

pub(crate) fn timed_out() -> Failure {
    Failure::new(errors::EXECUTION_TIMEOUT, "the execution ran past its time limit")
}

/// What an execution runs: a current-dialect scope (a flow's, or a distributed Map's
/// processor) or a legacy flow.
#[derive(Clone, Copy)]
pub(crate) enum Body<'a> {
    Scope(&'a fdl::model::Scope),
    Legacy(&'a fdl::model::LegacyFlow),
}

pub(crate) type Boxed<'a, T> = Pin<Box<dyn Future<Output = T> + 'a>>;

/// [`Run::before_next`]'s verdict.
pub(crate) enum Gate {
    /// Run the state.
    Go,
    /// End the scope with this failure, at this time.
    End(Failure, i64),
    /// Stopped (another branch failed, or the host aborted): end the scope with what
    /// `check_fatal` says.
    Stopped(Result<(), Failure>),
}

pub(crate) struct Run<'a> {
    pub opts: &'a EngineOptions,
    pub invoker: &'a dyn Invoker,
    pub events: RefCell<Vec<Event>>,
    /// `$Global`, shared with the traces that show it (an update copies it only while a trace
    /// still holds the old one).
    pub global: RefCell<Arc<Value>>,
    pub rng: RefCell<SeededRng>,
    pub transitions: Cell<usize>,
    /// The execution's input (for `$Context.Execution.Input`, built only when read).
    pub input: std::cell::OnceCell<Arc<Value>>,
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
    /// The empty name (of execution events, and the time of an event until the history is
    /// finished), allocated once.
    pub no_name: Arc<str>,
    /// Whether the events were recorded in time order (else the finished history is sorted).
    pub in_order: Cell<bool>,
    /// The time text of the last event recorded: consecutive events mostly share their time,
    /// which is formatted once.
    last_time: RefCell<Option<(i64, Arc<str>)>>,
    /// `null` and `{}`, allocated once (shared values are never changed in place).
    pub null: Arc<Value>,
    pub empty_object: Arc<Value>,
    /// Legacy conditions parsed so far, by their text.
    pub legacy_conditions: RefCell<std::collections::HashMap<Box<str>, std::rc::Rc<fdl::expr::Expr>>>,
}

impl<'a> Run<'a> {
    pub fn new(
        opts: &'a EngineOptions,
        invoker: &'a dyn Invoker,
        deadline_ms: i64,
        sleeper: Option<(&'a dyn crate::Sleeper, f64)>,
        supervisor: Option<&'a dyn crate::Supervisor>,
        supervise_states: bool,
    ) -> Self {
        Self {
            opts,
            invoker,
            events: RefCell::new(Vec::new()),
            global: RefCell::new(Arc::new(json!({}))),
            rng: RefCell::new(SeededRng::new(opts.seed)),
            transitions: Cell::new(0),
            input: std::cell::OnceCell::new(),
            traces: RefCell::new(Vec::new()),
            fatal: RefCell::new(None),
            sleeper,
            supervisor,
            supervise_states,
            deadline_ms,
            map_runs: RefCell::new(Vec::new()),
            no_name: Arc::from(""),
            in_order: Cell::new(true),
            last_time: RefCell::new(None),
            null: Arc::new(Value::Null),
            empty_object: Arc::new(json!({})),
            legacy_conditions: RefCell::default(),
        }
    }

    /// Runs a whole execution of `scope`: `ExecutionStarted` (saying which service limits this
    /// run changed), the scope, and the result, where a failure that ended the execution wins.
    pub async fn run_execution(&self, body: Body<'_>, input: Value) -> (Result<Arc<Value>, Failure>, i64) {
        let start = self.opts.start_time_ms;
        let changed = self.opts.changed_limits();
        let input = Arc::clone(self.input.get_or_init(|| Arc::new(input)));
        self.event(EventType::ExecutionStarted, &self.no_name, start, 0, || {
            if changed.is_empty() {
                EventDetail::field("input", Arc::clone(&input))
            } else {
                EventDetail::fields(vec![
                    ("input", Arc::clone(&input)),
                    ("flowplayLimits", Arc::new(Value::Object(changed))),
                ])
            }
        });
        let (result, end) = match body {
            Body::Scope(scope) => self.run_scope(scope, input, start).await,
            Body::Legacy(flow) => {
                let (r, end) = self.run_legacy(flow, input, start).await;
                (r.map(Arc::new), end)
            }
        };
        match self.fatal.borrow().clone() {
            Some(f) => (Err(f), end.min(self.deadline_ms.max(start))),
            None => (result, end),
        }
    }

    /// Lets `ms` of clock time pass in real time too, when running in real time.
    pub(crate) async fn pass_time(&self, ms: i64) {
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
    pub(crate) async fn wait(&self, t: i64, ms: i64) -> Result<i64, i64> {
        let r = self.advance(t, ms);
        let end = match r {
            Ok(end) | Err(end) => end,
        };
        self.pass_time(end - t).await;
        if self.stopped() { Err(end) } else { r }
    }

    /// Whether the supervisor stopped the run during a call or a wait (then the execution ends
    /// with its failure and nothing more is recorded).
    pub(crate) fn stopped(&self) -> bool {
        match self.supervisor.and_then(|s| s.stopped()) {
            Some(f) => {
                self.end_execution(f);
                true
            }
            None => false,
        }
    }

    /// Records an event (its detail is built only when the run records details and the
    /// execution goes on). Only this wrapper is generic: the recording is one function, not a
    /// copy per call site (the wasm stays small).
    pub fn event<D: Into<EventDetail>>(
        &self,
        kind: EventType,
        step: &Arc<str>,
        at_ms: i64,
        schedule: u64,
        detail: impl FnOnce() -> D,
    ) -> u64 {
        let detail = if self.opts.record_details && self.fatal.borrow().is_none() {
            detail().into()
        } else {
            EventDetail::default()
        };
        self.record(kind, step, at_ms, schedule, detail)
    }

    fn record(&self, kind: EventType, step: &Arc<str>, at_ms: i64, schedule: u64, detail: EventDetail) -> u64 {
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
        if events.last().is_some_and(|last| at_ms < last.at_ms) {
            self.in_order.set(false);
        }
        let time = {
            let mut last = self.last_time.borrow_mut();
            match &*last {
                Some((at, text)) if *at == at_ms => Arc::clone(text),
                _ => {
                    let text: Arc<str> = Arc::from(crate::clock::format_rfc3339_millis(at_ms));
                    *last = Some((at_ms, Arc::clone(&text)));
                    text
                }
            }
        };
        events.push(Event {
            event_id: id,
            kind,
            time,
            step_name: Arc::clone(step),
            schedule_event_id: schedule,
            event_detail: detail,
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

    pub(crate) fn check_fatal(&self) -> Result<(), Failure> {
        match &*self.fatal.borrow() {
            Some(f) => Err(f.clone()),
            None => Ok(()),
        }
    }

    /// What a scope (or a legacy step list) checks before it runs its next state or step, after
    /// counting the transition: the execution's time limit, a stop (an abort, a failure in a
    /// sibling branch), and the host's supervisor (breakpoints, stepping), which is shown the
    /// input the state is about to get (`input`: built only when there is a supervisor).
    pub(crate) async fn before_next<'v>(
        &self,
        state: &str,
        input: impl FnOnce() -> std::borrow::Cow<'v, Value>,
        t: i64,
    ) -> Gate {
        if t > self.deadline_ms {
            self.end_execution(timed_out());
            return Gate::End(timed_out(), self.deadline_ms);
        }
        if !self.supervise_states {
            if self.stopped() {
                return Gate::Stopped(self.check_fatal());
            }
        } else if let Some(supervisor) = self.supervisor {
            let input = input();
            let progress = crate::execution::Progress { run: self, state, input: &input, at_ms: t };
            if let Err(f) = supervisor.before_state(progress).await {
                self.end_execution(f.clone());
                return Gate::End(f, t);
            }
        }
        Gate::Go
    }

    /// Counts one transition (a state or step entered, a loop pass); past `max_transitions` the
    /// execution fails with the limit error, whose message names what transitioned (`unit`) and
    /// asks `question` about the likely cause.
    pub(crate) fn count_transition(&self, unit: &str, question: &str) -> Result<(), Failure> {
        let n = self.transitions.get() + 1;
        self.transitions.set(n);
        if n > self.opts.max_transitions {
            return Err(Failure::new(
                errors::TRANSITION_LIMIT,
                format!("the execution made more than {} {unit} transitions; {question}", self.opts.max_transitions),
            ));
        }
        Ok(())
    }
}
