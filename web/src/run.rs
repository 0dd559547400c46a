//! Runs in the browser: the engine with the mocks from the Mocks editor (echo when empty), or
//! in real mode with Tasks signed here and sent through the relay. Runs are async: a
//! supervisor pauses before breakpoint states and while stepping, yields to the event loop so
//! the page stays responsive, and stops the run when the user aborts or the wall-time limit
//! passes. Also the views of the result: output or error, the event history, each state's data
//! flow and the call log of real mode.

use std::cell::{Cell, RefCell};
use std::collections::{HashMap, HashSet};
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

use engine::{EngineOptions, Execution, ExecutionStatus, Failure, Progress, StateTrace, Supervisor};
use flowplay_real::CallRecord;
use futures::channel::oneshot;
use serde_json::Value;
use yew::prelude::*;

/// Real (running, not paused) time a run may take in the browser before it is stopped.
pub const RUN_WALL_TIME_MS: f64 = 60_000.0;
/// How long the engine may hold the main thread before it yields to the event loop.
const YIELD_EVERY_MS: f64 = 8.0;
/// Error name of a run stopped by the wall-time limit.
pub const WALL_TIME_EXCEEDED: &str = "FnF.WallTimeExceeded";

fn now() -> f64 {
    js_sys::Date::now()
}

/// What the Run/Step/Continue/Abort buttons tell a running execution.
#[derive(Default)]
pub struct RunControl {
    /// Pause before every state.
    pub stepping: Cell<bool>,
    pub abort: Cell<bool>,
    pub breakpoints: RefCell<HashSet<String>>,
    /// Wakes the run paused before a state.
    resume: RefCell<Option<oneshot::Sender<()>>>,
}

impl RunControl {
    /// Continues a paused run (stepping: it pauses again before the next state).
    pub fn resume(&self, stepping: bool) {
        self.stepping.set(stepping);
        if let Some(tx) = self.resume.borrow_mut().take() {
            let _ = tx.send(());
        }
    }

    /// Stops the run before its next state (at once when paused).
    pub fn abort(&self) {
        self.abort.set(true);
        self.resume(false);
    }
}

/// A paused run: the execution so far and the state it waits before.
#[derive(Clone, PartialEq)]
pub struct Paused {
    pub snapshot: Execution,
    pub before: String,
}

struct BrowserSupervisor {
    control: Rc<RunControl>,
    on_pause: Callback<Paused>,
    /// Running time so far, without pauses.
    running_ms: Cell<f64>,
    last_mark: Cell<f64>,
    last_yield: Cell<f64>,
}

impl BrowserSupervisor {
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

async fn yield_to_event_loop() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        match web_sys::window() {
            Some(w) => {
                let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0);
            }
            None => {
                let _ = resolve.call0(&wasm_bindgen::JsValue::NULL);
            }
        };
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

impl Supervisor for BrowserSupervisor {
    /// An Abort clicked during a real call or a wait: what the call returns is not recorded.
    fn stopped(&self) -> Option<Failure> {
        self.control.abort.get().then(|| Failure::new(engine::errors::ABORTED, "stopped by the user"))
    }

    fn before_state<'a>(&'a self, progress: Progress<'a>) -> Pin<Box<dyn Future<Output = Result<(), Failure>> + 'a>> {
        let t = now();
        self.running_ms.set(self.running_ms.get() + (t - self.last_mark.get()));
        self.last_mark.set(t);
        let pause = self.control.stepping.get() || self.control.breakpoints.borrow().contains(progress.state);
        // Read everything from the run now: the future must not hold a borrow of it.
        let paused = pause.then(|| Paused { snapshot: progress.snapshot(), before: progress.state.to_owned() });
        Box::pin(async move {
            if let Some(f) = self.stop_reason() {
                return Err(f);
            }
            if let Some(paused) = paused {
                let (tx, rx) = oneshot::channel();
                *self.control.resume.borrow_mut() = Some(tx);
                self.on_pause.emit(paused);
                let _ = rx.await;
                self.last_mark.set(now());
                self.last_yield.set(now());
            } else if now() - self.last_yield.get() > YIELD_EVERY_MS {
                // Long runs give the page a chance to paint and to take the Abort click.
                yield_to_event_loop().await;
                self.last_yield.set(now());
            }
            match self.stop_reason() {
                Some(f) => Err(f),
                None => Ok(()),
            }
        })
    }
}

/// How to run: mocks only, or real calls.
pub struct RunRequest {
    pub source: String,
    pub input: String,
    pub mocks: String,
    pub seed: u64,
    /// The Express mode switch: linted and run with Express's rules and limits.
    pub express: bool,
    pub real: Option<crate::real::RealSettings>,
}

/// What a finished run reports.
#[derive(Clone, PartialEq)]
pub struct Finished {
    pub execution: Execution,
    pub calls: Vec<CallRecord>,
}

/// Checks the request, then runs it in the background. `Err` is a message for the user (bad
/// input JSON, bad mocks, lint errors); otherwise `on_pause` is called at each pause and
/// `on_done` once at the end.
pub fn start(
    request: RunRequest,
    control: Rc<RunControl>,
    on_pause: Callback<Paused>,
    on_done: Callback<Finished>,
) -> Result<(), String> {
    let input: Value = if request.input.trim().is_empty() {
        Value::Object(Default::default())
    } else {
        serde_json::from_str(&request.input).map_err(|e| format!("input is not valid JSON: {e}"))?
    };
    let mode = if request.express { engine::ExecutionMode::Express } else { engine::ExecutionMode::Standard };
    // The engine prepares the run as the CLI and the wasm API do (blank mocks: every Task echoes),
    // checked by the diagnostics panel's linter: a run is refused exactly when the panel shows an
    // error.
    let prepared = crate::app::with_linter(request.express, |linter| {
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
    // In real mode the mocks answer what cannot be called for real (HTTP, MNS, EventBridge, OSS).
    let (mocks, real) = match request.real {
        Some(settings) => {
            // A legacy task names a resource (an ARN), not an API the relay calls.
            let current = flow.as_current().ok_or(
                "real mode runs current-dialect workflows only; run the legacy flow with mocks, or migrate it",
            )?;
            (None, Some(crate::real::invoker(settings, mocks, current)?))
        }
        None => (Some(mocks), None),
    };
    wasm_bindgen_futures::spawn_local(async move {
        let supervisor = BrowserSupervisor {
            control,
            on_pause,
            running_ms: Cell::new(0.0),
            last_mark: Cell::new(now()),
            last_yield: Cell::new(now()),
        };
        let hooks = engine::RunHooks { real_time: None, supervisor: Some(&supervisor) };
        let finished = match (&real, &mocks) {
            (Some(invoker), _) => Finished {
                execution: engine::run_with(&flow, input, invoker, &options, hooks).await,
                calls: invoker.records(),
            },
            (None, Some(mocks)) => {
                Finished { execution: engine::run_with(&flow, input, mocks, &options, hooks).await, calls: Vec::new() }
            }
            (None, None) => return,
        };
        on_done.emit(finished);
    });
    Ok(())
}

/// State name → "done" | "failed" (| "current" for the state a paused run waits before).
pub fn statuses(e: &Execution, current: Option<&str>) -> HashMap<String, String> {
    let mut out = HashMap::new();
    for t in &e.traces {
        out.insert(t.name.clone(), if t.error.is_some() { "failed".to_owned() } else { "done".to_owned() });
    }
    if let Some(c) = current {
        out.insert(c.to_owned(), "current".to_owned());
    }
    out
}

#[derive(Properties, PartialEq)]
pub struct RunViewProps {
    pub execution: Execution,
    /// The state whose data flow is shown.
    pub selected: Option<String>,
    /// The state a paused run waits before.
    #[prop_or_default]
    pub paused_before: Option<String>,
    #[prop_or_default]
    pub calls: Vec<CallRecord>,
}

fn pretty(v: &Value) -> String {
    serde_json::to_string_pretty(v).unwrap_or_default()
}

fn stage(title: &str, value: Option<&Value>) -> Html {
    html! {
        <div class="stage">
            <h4>{ title }</h4>
            <pre>{ value.map_or_else(|| "—".to_owned(), pretty) }</pre>
        </div>
    }
}

fn data_flow(t: &StateTrace) -> Html {
    html! {
        <div class="dataflow" data-state={t.name.clone()}>
            { stage("Input", Some(&*t.raw_input)) }
            { stage("After InputConstructor", Some(&*t.input)) }
            { stage("Task parameters", t.parameters.as_deref()) }
            { stage("Result ($Output)", t.result.as_deref()) }
            { stage("Output", Some(&*t.output)) }
            { stage("$Global", Some(&*t.global)) }
            if let Some((e, c)) = &t.error { <div class="stage error"><h4>{ "Error" }</h4><pre>{ format!("{e}: {c}") }</pre></div> }
        </div>
    }
}

fn call_log(calls: &[CallRecord]) -> Html {
    let rows = calls.iter().map(|c| {
        let status = c.status.map_or_else(|| "—".to_owned(), |s| s.to_string());
        let headers: String = c.headers.iter().map(|(k, v)| format!("{k}: {v}\n")).collect();
        html! {
            <details class="call" data-state={c.state.clone()} data-status={status.clone()}>
                <summary>{ format!("{} {} → {} ({} ms) {}", c.method, c.action, status, c.duration_ms, c.state) }</summary>
                <h4>{ "Request" }</h4>
                <pre class="call-request">{ format!("{} {}\n{headers}\n{}", c.method, c.url, c.body.clone().unwrap_or_default()) }</pre>
                <h4>{ "Response" }</h4>
                <pre class="call-response">{ c.response.clone().unwrap_or_default() }</pre>
            </details>
        }
    });
    html! {
        <div class="calls">
            <h3>{ format!("Calls ({})", calls.len()) }</h3>
            { for rows }
        </div>
    }
}

#[function_component(RunView)]
pub fn run_view(props: &RunViewProps) -> Html {
    let e = &props.execution;
    let summary = match (&props.paused_before, e.status) {
        (Some(state), _) => html! {
            <div class="run-result paused" data-status="Paused"><h3>{ format!("Paused before {state}") }</h3></div>
        },
        (None, ExecutionStatus::Succeeded) => {
            html! { <div class="run-result ok" data-status="Succeeded"><h3>{ "Succeeded" }</h3><pre class="run-output">{ pretty(e.output.as_ref().unwrap_or(&Value::Null)) }</pre></div> }
        }
        _ => html! {
            <div class="run-result failed" data-status={format!("{:?}", e.status)}>
                <h3>{ format!("{:?}", e.status) }</h3>
                <pre class="run-output">{ format!("{}: {}", e.error.clone().unwrap_or_default(), e.cause.clone().unwrap_or_default()) }</pre>
            </div>
        },
    };
    let selected =
        props.selected.as_ref().and_then(|s| e.traces.iter().rev().find(|t| &t.name == s)).or_else(|| e.traces.last());
    let rows = e.events.iter().map(|ev| {
        html! {
            <tr>
                <td>{ ev.event_id }</td><td>{ ev.time.get(11..23).unwrap_or(&ev.time) }</td><td>{ format!("{:?}", ev.kind) }</td><td>{ &ev.step_name }</td>
                <td><details><summary>{ if ev.event_detail.is_null() { String::new() } else { ev.event_detail.to_string().chars().take(60).collect() } }</summary><pre>{ format!("{:#}", ev.event_detail) }</pre></details></td>
            </tr>
        }
    });
    html! {
        <div class="run">
            { summary }
            if !props.calls.is_empty() { { call_log(&props.calls) } }
            if let Some(t) = selected {
                <h3>{ format!("Data flow of {}", t.name) }</h3>
                { data_flow(t) }
            }
            <h3>{ format!("History ({} events)", e.events.len()) }</h3>
            <table class="history"><thead><tr><th>{"#"}</th><th>{"time"}</th><th>{"type"}</th><th>{"state"}</th><th>{"details"}</th></tr></thead><tbody>{ for rows }</tbody></table>
        </div>
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
}
