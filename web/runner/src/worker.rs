//! The run worker: runs the engine off the page's thread (so a long run never blocks typing),
//! with the mocks from the Mocks editor, or in real mode with Tasks signed here and sent through
//! the relay. A supervisor pauses before breakpoint states and while stepping, gives way to the
//! page's messages now and then, and stops the run when the user aborts or the wall-time limit
//! passes. The page drives it with [`ToWorker`] messages and shows what [`FromWorker`] reports.

use std::cell::{Cell, RefCell};
use std::collections::HashSet;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

use engine::{EngineOptions, Failure, Progress, Supervisor};
use futures::FutureExt;
use futures::channel::oneshot;
use futures::future::LocalBoxFuture;
use serde_json::Value;
use wasm_bindgen::{JsCast, JsValue};

use crate::protocol::{self, FromWorker, RunRequest, Snapshot, ToWorker};

/// Real (running, not paused) time a run may take in the browser before it is stopped.
pub const RUN_WALL_TIME_MS: f64 = 60_000.0;
/// How long the engine runs before it lets the worker read the page's messages (Abort, Pause).
const YIELD_EVERY_MS: f64 = 20.0;
/// Error name of a run stopped by the wall-time limit.
pub const WALL_TIME_EXCEEDED: &str = "FnF.WallTimeExceeded";

/// What the page's Step/Continue/Abort buttons and breakpoints tell the running execution.
#[derive(Default)]
struct Control {
    /// Pause before every state.
    stepping: Cell<bool>,
    abort: Cell<bool>,
    breakpoints: RefCell<HashSet<String>>,
    /// Wakes the run paused before a state.
    resume: RefCell<Option<oneshot::Sender<()>>>,
    /// Answers the open write question.
    writes: RefCell<Option<oneshot::Sender<bool>>>,
}

impl Control {
    fn resume(&self, stepping: bool) {
        self.stepping.set(stepping);
        if let Some(tx) = self.resume.borrow_mut().take() {
            let _ = tx.send(());
        }
    }

    /// Stops the run before its next state (at once when paused; an open write question is
    /// answered "no").
    fn abort(&self) {
        self.abort.set(true);
        self.answer_writes(false);
        self.resume(false);
    }

    fn answer_writes(&self, allowed: bool) {
        if let Some(tx) = self.writes.borrow_mut().take() {
            let _ = tx.send(allowed);
        }
    }
}

thread_local! {
    /// The run going on, if any (one at a time: a new one stops it).
    static CURRENT: RefCell<Option<(u64, Rc<Control>)>> = const { RefCell::new(None) };
}

fn post(message: &FromWorker) {
    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let _ = scope.post_message(&JsValue::from_str(&protocol::write(message)));
}

fn now() -> f64 {
    js_sys::Date::now()
}

/// Handles one message of the page.
pub fn on_message(text: &str) {
    let Some(message) = protocol::read::<ToWorker>(text) else { return };
    if let ToWorker::Start { run, page_url, request } = message {
        crate::scope::set_base(&page_url);
        let control = Rc::new(Control::default());
        control.stepping.set(request.stepping);
        *control.breakpoints.borrow_mut() = request.breakpoints.iter().cloned().collect();
        if let Some((_, previous)) = CURRENT.with(|c| c.replace(Some((run, control.clone())))) {
            previous.abort();
        }
        wasm_bindgen_futures::spawn_local(execute(run, *request, control));
        return;
    }
    let run = message.run();
    let Some(control) = CURRENT.with(|c| c.borrow().as_ref().filter(|(r, _)| *r == run).map(|(_, c)| c.clone())) else {
        // A message for a run that has ended (or was replaced).
        return;
    };
    match message {
        ToWorker::Resume { stepping, .. } => control.resume(stepping),
        ToWorker::Abort { .. } => control.abort(),
        ToWorker::Breakpoints { names, .. } => *control.breakpoints.borrow_mut() = names.into_iter().collect(),
        ToWorker::WritesAnswer { allowed, .. } => control.answer_writes(allowed),
        ToWorker::Start { .. } => {}
    }
}

async fn execute(run: u64, request: RunRequest, control: Rc<Control>) {
    let message = match prepare_and_run(run, request, &control).await {
        Ok(finished) => finished,
        Err(message) => FromWorker::Refused { run, message },
    };
    post(&message);
    CURRENT.with(|c| {
        let mut current = c.borrow_mut();
        if current.as_ref().is_some_and(|(r, _)| *r == run) {
            *current = None;
        }
    });
}

/// Checks the request and runs it; `Err` is a message for the user (bad input JSON, bad mocks,
/// lint errors, real mode without keys).
async fn prepare_and_run(run: u64, request: RunRequest, control: &Rc<Control>) -> Result<FromWorker, String> {
    let input: Value = if request.input.trim().is_empty() {
        Value::Object(Default::default())
    } else {
        serde_json::from_str(&request.input).map_err(|e| format!("input is not valid JSON: {e}"))?
    };
    // The catalog products the flow uses, so that the lint below (FDL-A rules) and real mode's
    // signing see what the page's diagnostics see.
    let document = crate::with_linter(request.express, |linter| linter.lint(&request.source)).analysis.document;
    match &document {
        Some(document) => crate::catalog_loader::ensure_products_for(document).await,
        None => {
            crate::catalog_loader::ensure_index().await;
        }
    }
    let mode = if request.express { engine::ExecutionMode::Express } else { engine::ExecutionMode::Standard };
    // The engine prepares the run as the CLI and the wasm API do (blank mocks: every Task echoes),
    // checked by the page's linter: a run is refused exactly when the page shows an error.
    let prepared = crate::with_linter(request.express, |linter| {
        engine::prepare(engine::RunRequest {
            source: &request.source,
            linter,
            input,
            mocks: Some(&request.mocks),
            case: None,
            options: EngineOptions { seed: request.seed, ..EngineOptions::for_mode(mode) },
        })
    })
    .map_err(|e| match e {
        engine::PrepareError::Lint(_) => "fix the errors in the workflow first".to_owned(),
        other => other.to_string(),
    })?;
    let engine::Prepared { flow, input, invoker: mocks, options, .. } = prepared;
    let supervisor = WorkerSupervisor {
        run,
        control: control.clone(),
        running_ms: Cell::new(0.0),
        last_mark: Cell::new(now()),
        last_yield: Cell::new(now()),
    };
    let hooks = engine::RunHooks { real_time: None, supervisor: Some(&supervisor) };
    match request.real {
        Some(settings) => {
            let asking = control.clone();
            // In real mode the mocks answer what cannot be called for real (HTTP, MNS, EventBridge,
            // OSS, a legacy task's resourceArn).
            let writes = flowplay_real::workflow_write_actions(&flow);
            let invoker =
                crate::real::invoker(settings, mocks, &writes, move |question| ask_writes(run, &asking, question))?;
            let execution = engine::run_with(&flow, input, &invoker, &options, hooks).await;
            Ok(FromWorker::Finished { run, snapshot: Snapshot::new(execution), calls: invoker.records() })
        }
        None => {
            let execution = engine::run_with(&flow, input, &mocks, &options, hooks).await;
            Ok(FromWorker::Finished { run, snapshot: Snapshot::new(execution), calls: Vec::new() })
        }
    }
}

/// Asks the page whether this run may send writes; "no" when the run is stopped meanwhile.
fn ask_writes(run: u64, control: &Control, question: String) -> LocalBoxFuture<'static, bool> {
    let (tx, rx) = oneshot::channel();
    *control.writes.borrow_mut() = Some(tx);
    post(&FromWorker::ConfirmWrites { run, message: question });
    async move { rx.await.unwrap_or(false) }.boxed_local()
}

struct WorkerSupervisor {
    run: u64,
    control: Rc<Control>,
    /// Running time so far, without pauses.
    running_ms: Cell<f64>,
    last_mark: Cell<f64>,
    last_yield: Cell<f64>,
}

impl WorkerSupervisor {
    fn stop_reason(&self) -> Option<Failure> {
        stop_reason(self.control.abort.get(), self.running_ms.get())
    }
}

/// Why a run must stop before its next state: the user aborted, or it has been running (pauses
/// excluded) for longer than [`RUN_WALL_TIME_MS`].
fn stop_reason(aborted: bool, running_ms: f64) -> Option<Failure> {
    if aborted {
        return Some(Failure::new(engine::errors::ABORTED, "stopped by the user"));
    }
    (running_ms > RUN_WALL_TIME_MS).then(|| {
        Failure::new(
            WALL_TIME_EXCEEDED,
            format!("the run took more than {} s in the browser and was stopped", RUN_WALL_TIME_MS / 1000.0),
        )
    })
}

impl Supervisor for WorkerSupervisor {
    /// An Abort during a real call or a wait: what the call returns is not recorded.
    fn stopped(&self) -> Option<Failure> {
        self.control.abort.get().then(|| Failure::new(engine::errors::ABORTED, "stopped by the user"))
    }

    fn before_state<'a>(&'a self, progress: Progress<'a>) -> Pin<Box<dyn Future<Output = Result<(), Failure>> + 'a>> {
        let t = now();
        self.running_ms.set(self.running_ms.get() + (t - self.last_mark.get()));
        self.last_mark.set(t);
        let pause = self.control.stepping.get() || self.control.breakpoints.borrow().contains(progress.state);
        // Read everything from the run now: the future must not hold a borrow of it.
        let paused = pause.then(|| FromWorker::Paused {
            run: self.run,
            snapshot: Snapshot::new(progress.snapshot()),
            before: progress.state.to_owned(),
            input: progress.input.clone(),
        });
        Box::pin(async move {
            if let Some(f) = self.stop_reason() {
                return Err(f);
            }
            if let Some(paused) = paused {
                let (tx, rx) = oneshot::channel();
                *self.control.resume.borrow_mut() = Some(tx);
                post(&paused);
                let _ = rx.await;
                self.last_mark.set(now());
                self.last_yield.set(now());
            } else if now() - self.last_yield.get() > YIELD_EVERY_MS {
                // The page's Abort, Pause or breakpoint changes arrive as messages between turns.
                crate::scope::next_turn().await;
                self.last_yield.set(now());
            }
            match self.stop_reason() {
                Some(f) => Err(f),
                None => Ok(()),
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_stop_on_abort_and_past_the_wall_time_limit() {
        assert_eq!(stop_reason(false, 10.0), None);
        assert_eq!(stop_reason(true, 10.0).map(|f| f.error), Some(engine::errors::ABORTED.to_owned()));
        let late = stop_reason(false, RUN_WALL_TIME_MS + 1.0).expect("past the limit");
        assert_eq!(late.error, WALL_TIME_EXCEEDED);
        assert!(late.cause.contains("60 s"), "{}", late.cause);
        assert_eq!(stop_reason(false, RUN_WALL_TIME_MS), None, "at the limit is still fine");
    }

    #[test]
    fn abort_wakes_a_paused_run_and_declines_an_open_write_question() {
        let control = Control::default();
        let (resume_tx, resume_rx) = oneshot::channel();
        let (writes_tx, writes_rx) = oneshot::channel();
        *control.resume.borrow_mut() = Some(resume_tx);
        *control.writes.borrow_mut() = Some(writes_tx);
        control.abort();
        assert!(control.abort.get());
        assert_eq!(futures::executor::block_on(resume_rx), Ok(()));
        assert_eq!(futures::executor::block_on(writes_rx), Ok(false));
    }
}
