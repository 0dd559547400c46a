//! Running a workflow: the public entry points, the result as `DescribeExecution` would report
//! it, and step-through over the recorded history.

use fdl::model::{Flow, LegacyFlow};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use crate::clock::format_rfc3339_millis;
use crate::history::{Event, EventType, ExecutionStatus};
use crate::interpreter::{Failure, Run, errors};
use crate::invoker::Invoker;
use crate::map_run::MapRun;
use crate::options::EngineOptions;
use crate::trace::StateTrace;

/// The outcome of an execution. Deserializable for the playground, whose runs happen in a Web
/// Worker and reach the page as JSON (the traces travel beside it: they are not part of the
/// service's shape; map runs stay in the worker).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Execution {
    pub status: ExecutionStatus,
    pub output: Option<Value>,
    /// Error name of a failed execution (a Fail state's `Code`).
    pub error: Option<String>,
    /// Cause of a failed execution (a Fail state's `Detail`).
    pub cause: Option<String>,
    pub started_time: String,
    pub stopped_time: String,
    pub events: Vec<Event>,
    /// The distributed Map runs (spec §5.5.2), as `DescribeMapRun` would report them.
    #[serde(skip_serializing_if = "Vec::is_empty", skip_deserializing)]
    pub map_runs: Vec<MapRun>,
    #[serde(skip)]
    pub traces: Vec<StateTrace>,
    /// State transitions made.
    #[serde(skip)]
    pub transitions: usize,
}

/// Sleeps for real time (`flowplay run --real-time`): tokio natively, a timer in the browser.
pub trait Sleeper {
    fn sleep_ms<'a>(&'a self, ms: u64) -> std::pin::Pin<Box<dyn std::future::Future<Output = ()> + 'a>>;
}

/// Watches a run from outside: called before every state runs, so a host can pause there (a
/// breakpoint, a step), yield to its event loop (the browser stays responsive during long runs),
/// or stop the run (the user aborts, a wall-time limit passes) by answering with a failure.
/// A failure named [`errors::ABORTED`] ends the execution as `Stopped`; any other as `Failed`.
pub trait Supervisor {
    fn before_state<'a>(
        &'a self,
        progress: Progress<'a>,
    ) -> std::pin::Pin<Box<dyn std::future::Future<Output = Result<(), Failure>> + 'a>>;

    /// Asked after every Task call and every wait: a failure if the run was stopped meanwhile
    /// (then what the call or wait produced is not recorded and the execution ends at once).
    fn stopped(&self) -> Option<Failure> {
        None
    }
}

/// The run as a [`Supervisor`] sees it before a state: read what it needs at once (the
/// snapshot borrows the run only for the call, never across an await).
#[derive(Clone, Copy)]
pub struct Progress<'a> {
    pub(crate) run: &'a Run<'a>,
    /// The state about to run.
    pub state: &'a str,
    /// The input it is about to get: as it arrives, before its `InputConstructor` (a legacy
    /// step's default input: its parent's input merged with its parent's local, before its
    /// `inputMappings`).
    pub input: &'a Value,
    /// Its time on the execution's clock.
    pub at_ms: i64,
}

impl Progress<'_> {
    /// State transitions so far, this one included.
    pub fn transitions(&self) -> usize {
        self.run.transitions.get()
    }

    /// The execution so far, as `Running`: history with formatted times and state traces.
    pub fn snapshot(&self) -> Execution {
        let mut execution = finish_events(
            self.run.opts,
            self.run.events.borrow().clone(),
            self.run.in_order.get(),
            self.run.traces.borrow().clone(),
            self.run.transitions.get(),
            None,
            self.at_ms,
        );
        execution.status = ExecutionStatus::Running;
        execution
    }
}

/// Optional ways to run: real time, and a supervisor.
#[derive(Clone, Copy, Default)]
pub struct RunHooks<'a> {
    /// Waits and retry delays also take real time, multiplied by the factor (0.1 = ten times
    /// faster). The history keeps the virtual timestamps.
    pub real_time: Option<(&'a dyn Sleeper, f64)>,
    pub supervisor: Option<&'a dyn Supervisor>,
}

/// A workflow to run, in either dialect: a current-dialect `Flow` or a legacy (`type: flow`,
/// `steps:`) flow, which runs natively with the legacy data model (`crate::legacy`).
#[derive(Clone, Copy)]
pub enum Runnable<'a> {
    Current(&'a Flow),
    Legacy(&'a LegacyFlow),
}

impl<'a> From<&'a Flow> for Runnable<'a> {
    fn from(flow: &'a Flow) -> Self {
        Runnable::Current(flow)
    }
}

impl<'a> From<&'a LegacyFlow> for Runnable<'a> {
    fn from(flow: &'a LegacyFlow) -> Self {
        Runnable::Legacy(flow)
    }
}

impl<'a> From<&'a crate::prepare::Workflow> for Runnable<'a> {
    fn from(flow: &'a crate::prepare::Workflow) -> Self {
        match flow {
            crate::prepare::Workflow::Current(f) => Runnable::Current(f),
            crate::prepare::Workflow::Legacy(f) => Runnable::Legacy(f),
        }
    }
}

/// Runs `flow` (either dialect) with `input` (a JSON object, spec §2) to the end on the
/// virtual clock.
pub async fn run<'f>(
    flow: impl Into<Runnable<'f>>,
    input: Value,
    invoker: &dyn Invoker,
    opts: &EngineOptions,
) -> Execution {
    run_with(flow, input, invoker, opts, RunHooks::default()).await
}

/// Like [`run`], but Waits and retry delays also take real time, multiplied by `scale`
/// (0.1 = ten times faster). The history keeps the virtual timestamps.
pub async fn run_in_time<'f>(
    flow: impl Into<Runnable<'f>>,
    input: Value,
    invoker: &dyn Invoker,
    opts: &EngineOptions,
    real_time: Option<(&dyn Sleeper, f64)>,
) -> Execution {
    run_with(flow, input, invoker, opts, RunHooks { real_time, supervisor: None }).await
}

/// Like [`run`], with real time and/or a [`Supervisor`].
pub async fn run_with<'f>(
    flow: impl Into<Runnable<'f>>,
    input: Value,
    invoker: &dyn Invoker,
    opts: &EngineOptions,
    hooks: RunHooks<'_>,
) -> Execution {
    let flow = flow.into();
    let start = opts.start_time_ms;
    if !input.is_object() {
        let f = Failure::new(
            errors::INVALID_INPUT,
            format!("the execution input must be a JSON object, not {}", fdl::expr::type_name(&input)),
        );
        return finish(opts, Vec::new(), true, Vec::new(), 0, Err(f), start);
    }
    // Root `Timeout` (spec §3), or a legacy flow's `timeoutSeconds` (§15.1), lowers the
    // execution's time limit for this workflow.
    let timeout_seconds = match flow {
        Runnable::Current(f) => f.timeout_seconds(),
        Runnable::Legacy(f) => f.timeout_seconds.as_ref().map(|t| t.value),
    };
    let limit_ms = match timeout_seconds {
        Some(seconds) => opts.execution_timeout_ms.min(seconds.saturating_mul(1000)),
        None => opts.execution_timeout_ms,
    };
    let run = Run::new(opts, invoker, start.saturating_add(limit_ms.max(0)), hooks.real_time, hooks.supervisor, true);
    let body = match flow {
        Runnable::Current(f) => crate::interpreter::Body::Scope(&f.scope),
        Runnable::Legacy(f) => crate::interpreter::Body::Legacy(f),
    };
    let (result, end) = run.run_execution(body, input).await;
    let transitions = run.transitions.get();
    let map_runs = run.map_runs.take();
    let in_order = run.in_order.get();
    let mut execution =
        finish(opts, run.events.into_inner(), in_order, run.traces.into_inner(), transitions, result, end);
    execution.map_runs = map_runs;
    execution
}

fn finish(
    opts: &EngineOptions,
    events: Vec<Event>,
    in_order: bool,
    traces: Vec<StateTrace>,
    transitions: usize,
    result: Result<std::sync::Arc<Value>, Failure>,
    end: i64,
) -> Execution {
    finish_events(opts, events, in_order, traces, transitions, Some(result), end)
}

/// Orders and numbers the history (events were numbered and timed as they were recorded, so a
/// history recorded `in_order` is not walked again); with a result, also closes it with the
/// execution's final event (a snapshot of a running execution has none).
fn finish_events(
    opts: &EngineOptions,
    mut events: Vec<Event>,
    in_order: bool,
    traces: Vec<StateTrace>,
    transitions: usize,
    result: Option<Result<std::sync::Arc<Value>, Failure>>,
    end: i64,
) -> Execution {
    // Branches and iterations ran one after another but carry their concurrent start times:
    // order the history by time (stable, so causality within a branch is kept). Sequential
    // runs are already in order, so the common case costs one pass.
    let reordered = !in_order;
    if reordered {
        events.sort_by_key(|e| e.at_ms);
    }
    let closed = result.is_some();
    let (status, output, error, cause) = match result {
        None => (ExecutionStatus::Running, None, None, None),
        Some(Ok(v)) => (ExecutionStatus::Succeeded, Some(v), None, None),
        Some(Err(f)) if f.error == errors::EXECUTION_TIMEOUT => {
            (ExecutionStatus::TimedOut, None, Some(f.error), Some(f.cause))
        }
        Some(Err(f)) if f.error == errors::ABORTED => (ExecutionStatus::Stopped, None, Some(f.error), Some(f.cause)),
        Some(Err(f)) => (ExecutionStatus::Failed, None, Some(f.error), Some(f.cause)),
    };
    let closing = match status {
        ExecutionStatus::Succeeded => EventType::ExecutionSucceeded,
        ExecutionStatus::TimedOut => EventType::ExecutionTimedOut,
        ExecutionStatus::Stopped => EventType::ExecutionStopped,
        _ => EventType::ExecutionFailed,
    };
    if closed && events.len() < opts.max_events.saturating_add(1) {
        let event_detail = match &output {
            _ if !opts.record_details => Default::default(),
            Some(v) => crate::history::EventDetail::field("output", std::sync::Arc::clone(v)),
            None => json!({"error": error, "cause": cause}).into(),
        };
        events.push(Event {
            event_id: events.len() as u64 + 1,
            kind: closing,
            time: std::sync::Arc::from(format_rfc3339_millis(end)),
            step_name: std::sync::Arc::from(""),
            schedule_event_id: 0,
            event_detail,
            at_ms: end,
        });
    }
    // The output is shared with its closing event: the caller's copy is made here, once.
    let output = output.map(std::sync::Arc::unwrap_or_clone);
    // Renumber after sorting; task events keep pointing at their TaskScheduled event.
    let renumber: std::collections::HashMap<u64, u64> = if reordered {
        events.iter().enumerate().map(|(i, e)| (e.event_id, i as u64 + 1)).collect()
    } else {
        Default::default()
    };
    if reordered {
        for (i, e) in events.iter_mut().enumerate() {
            e.event_id = i as u64 + 1;
            if e.schedule_event_id != 0 {
                e.schedule_event_id = renumber.get(&e.schedule_event_id).copied().unwrap_or(0);
            }
        }
    }
    Execution {
        status,
        output,
        error,
        cause,
        started_time: format_rfc3339_millis(opts.start_time_ms),
        stopped_time: format_rfc3339_millis(end),
        events,
        map_runs: Vec::new(),
        traces,
        transitions,
    }
}

/// Step-through over a finished execution: advance one event at a time, stop at breakpoints
/// (state names), inspect the current state's data flow. With mocks and the virtual clock a
/// replay is exactly what a live run would show.
pub struct Stepper {
    execution: Execution,
    position: usize,
    breakpoints: Vec<String>,
}

impl Stepper {
    pub fn new(execution: Execution, breakpoints: Vec<String>) -> Self {
        Self { execution, position: 0, breakpoints }
    }

    /// The next event, or `None` at the end.
    pub fn step(&mut self) -> Option<&Event> {
        let e = self.execution.events.get(self.position)?;
        self.position += 1;
        Some(e)
    }

    /// Runs to the next `StepEntered` of a breakpoint state (or the end). Returns that event.
    pub fn resume(&mut self) -> Option<&Event> {
        while let Some(e) = self.execution.events.get(self.position) {
            self.position += 1;
            if e.kind == EventType::StepEntered && self.breakpoints.iter().any(|b| **b == *e.step_name) {
                return self.execution.events.get(self.position - 1);
            }
        }
        None
    }

    /// Events seen so far.
    pub fn seen(&self) -> &[Event] {
        &self.execution.events[..self.position]
    }

    /// The data flow of the state the last seen event belongs to (its latest run so far).
    pub fn current_state(&self) -> Option<&StateTrace> {
        let name = self.seen().iter().rev().find(|e| !e.step_name.is_empty())?.step_name.clone();
        let runs_so_far =
            self.seen().iter().filter(|e| e.kind == EventType::StepEntered && e.step_name == name).count();
        self.execution.traces.iter().filter(|t| *t.name == *name).nth(runs_so_far.saturating_sub(1))
    }

    pub fn abort(self) -> Execution {
        let mut execution = self.execution;
        execution.events.truncate(self.position);
        execution.status = ExecutionStatus::Stopped;
        execution.output = None;
        execution
    }

    pub fn execution(&self) -> &Execution {
        &self.execution
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::MockInvoker;
    use std::cell::RefCell;

    const CHAIN: &str = "Type: StateMachine\nName: chain\nSpecVersion: v1\nStartAt: A\nStates:\n  - Type: Pass\n    Name: A\n    Next: B\n  - Type: Pass\n    Name: B\n    Next: C\n  - Type: Pass\n    Name: C\n    End: true\n";

    fn flow() -> Flow {
        fdl::analyze(CHAIN).document.and_then(|d| d.as_current().cloned()).expect("the test flow parses")
    }

    /// Records what it saw and stops before `stop_at`.
    struct Recorder {
        seen: RefCell<Vec<(String, usize, usize)>>,
        stop_at: &'static str,
    }

    impl Supervisor for Recorder {
        fn before_state<'a>(
            &'a self,
            progress: Progress<'a>,
        ) -> std::pin::Pin<Box<dyn std::future::Future<Output = Result<(), Failure>> + 'a>> {
            let snapshot = progress.snapshot();
            assert_eq!(snapshot.status, ExecutionStatus::Running);
            assert!(snapshot.events.iter().all(|e| !e.time.is_empty()), "snapshot times are formatted");
            self.seen.borrow_mut().push((progress.state.to_owned(), progress.transitions(), snapshot.events.len()));
            let stop = progress.state == self.stop_at;
            Box::pin(
                async move { if stop { Err(Failure::new(errors::ABORTED, "stopped by the user")) } else { Ok(()) } },
            )
        }
    }

    /// Runs the test flow under a recorder that stops before `stop_at`.
    fn run_supervised(stop_at: &'static str) -> (Execution, Vec<(String, usize, usize)>) {
        let recorder = Recorder { seen: RefCell::new(Vec::new()), stop_at };
        let hooks = RunHooks { real_time: None, supervisor: Some(&recorder) };
        let e = futures::executor::block_on(run_with(
            &flow(),
            json!({}),
            &MockInvoker::echo(),
            &EngineOptions::default(),
            hooks,
        ));
        (e, recorder.seen.into_inner())
    }

    #[test]
    fn supervisor_sees_every_state_with_the_history_so_far() {
        let (e, seen) = run_supervised("");
        assert_eq!(e.status, ExecutionStatus::Succeeded);
        let names: Vec<&str> = seen.iter().map(|s| s.0.as_str()).collect();
        assert_eq!(names, ["A", "B", "C"]);
        assert_eq!(seen.iter().map(|s| s.1).collect::<Vec<_>>(), [1, 2, 3]);
        assert!(seen[0].2 < seen[1].2 && seen[1].2 < seen[2].2, "the history grows: {seen:?}");
    }

    #[test]
    fn an_abort_stops_the_execution_before_the_state() {
        let (e, _) = run_supervised("B");
        assert_eq!(e.status, ExecutionStatus::Stopped);
        assert_eq!(e.error.as_deref(), Some(errors::ABORTED));
        assert!(e.traces.iter().all(|t| t.name == "A"), "B never ran");
        assert_eq!(e.events.last().map(|ev| ev.kind), Some(EventType::ExecutionStopped));
    }
}
