//! Runs CloudFlow workflows locally: the service's data flow, all eight state types,
//! Retry/Catch, Parallel and Map on a virtual clock, mocks, limits and the event history.
//!
//! The engine is runtime-agnostic async (no threads, no `std::time`): the same code runs under
//! tokio natively and `wasm-bindgen-futures` in the browser. Task calls go through an
//! [`Invoker`]; [`MockInvoker`] answers from a mock file.
//!
//! ```
//! let source = "Type: StateMachine\nName: d\nSpecVersion: v1\nStartAt: A\nStates:\n  - Type: Pass\n    Name: A\n    InputConstructor:\n      greeting.$: format(\"hello {}\", $Input.name)\n    End: true\n";
//! let analysis = fdl::analyze(source);
//! let flow = analysis.document.as_ref().and_then(|d| d.as_current()).unwrap();
//! let execution = futures::executor::block_on(engine::run(flow, serde_json::json!({"name": "world"}), &engine::MockInvoker::echo(), &Default::default()));
//! assert_eq!(execution.output, Some(serde_json::json!({"greeting": "hello world"})));
//! ```
//!
//! Legacy workflows (`type: flow`, `steps:`; spec §15) run natively with their own data model
//! (input, output and local per step; mappings; `goto`) on the same run, clock, limits, history
//! and invoker: pass a `&LegacyFlow` (or a prepared [`Workflow`]) to [`run`]. Its choices where
//! §15 is INFERRED are listed in `legacy/mod.rs` and `legacy/task.rs`.
//!
//! ## Choices where the specification is UNCERTAIN
//! - A Task without `OutputConstructor` outputs its raw result (`$Output`).
//! - A catcher without `OutputConstructor` passes the failed state's constructed input on
//!   (`CatchInput::StateInput`; `CatchInput::ErrorObject` is the alternative).
//! - Missing members in expressions are `null` (`strict_paths` makes them errors); ordering
//!   comparisons of mixed types are `false`.
//! - A non-boolean Choice condition fails the state with `FnF.ExpressionError`.
//! - Error names the documentation does not give are flowplay's own, under `FnF.` so `FnF.ALL`
//!   matches them: `FnF.Timeout` (Task Timeout), `FnF.ExpressionError`, `FnF.PayloadTooLarge`,
//!   `FnF.EventLimitExceeded`, `FnF.TransitionLimitExceeded`, `FnF.MapItemLimitExceeded`.
//! - A Fail state without `Code` fails with `FnF.Failed`.
//! - `MaxAttempts` defaults to 3, `IntervalSeconds` to 1, `BackoffRate` to 1 (constant delay).
//! - Inline Map `MaxConcurrency` defaults to 40 and iterations share the parent's limits. A
//!   distributed Map (with `ProcessorConfig`) runs each item over `ItemsPath` (ItemReader/
//!   ResultWriter need OSS) as a child execution with its own history, event budget, `$Global`
//!   and time limit (its `ProcessorConfig.ExecutionMode`, Express when absent), at most 100 at a
//!   time by default; the parent records `MapRunStarted` and reports a [`MapRun`]. A tolerated
//!   failed item contributes `{"Error", "Cause"}` to `Items`; `ToleratedFailurePercentage` is a
//!   share of all the Map's items.
//! - The execution's time limit is the mode's maximum (Standard 1 year, Express 5 minutes),
//!   lowered by a root `Timeout`. The clock saturates and stops at the deadline: a Wait, a slow
//!   call or a retry back-off that would pass it ends the execution with `ExecutionTimedOut`
//!   there, and nothing is recorded after an execution ends (time limit, abort, event limit).
//! - The first failing Parallel branch fails the Parallel.
//! - Parallel branches and Map iterations run one after another but on the virtual clock as if
//!   concurrent (see `interpreter`), and the history is ordered by time.

mod clock;
mod execution;
mod history;
mod interpreter;
mod invoker;
mod legacy;
mod map_run;
mod options;
mod prepare;
mod trace;

pub use clock::{format_rfc3339_millis, parse_rfc3339_millis};
pub use execution::{
    Execution, Progress, RunHooks, Runnable, Sleeper, Stepper, Supervisor, run, run_in_time, run_with,
};
/// The execution mode (Standard or Express), shared with the linter.
pub use fdl::lint::ExecutionMode;
pub use history::{Event, EventDetail, EventType, ExecutionStatus};
pub use interpreter::{Failure, errors};
pub use invoker::{
    Invoker, MockError, MockFile, MockInvoker, MockResponse, StateMock, TaskCall, TaskError, TaskOutcome, Unmocked,
};
pub use map_run::{ItemCounts, MapRun};
pub use options::{CatchInput, EngineOptions};
pub use prepare::{PrepareError, Prepared, RunRequest, Workflow, prepare};
pub use trace::StateTrace;
