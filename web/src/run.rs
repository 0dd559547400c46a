//! Runs from the page. The run worker (web/runner: `flowplay_runner::worker`) runs the engine off
//! the page's thread, so a long run never blocks typing, and keeps the engine out of the page's
//! first load: the worker's script and wasm are fetched when a run is first wanted. This module
//! starts the worker, sends it the run and the buttons' commands, and turns its reports into the
//! page's state. Also the views of the result: output or error, the event history, each state's
//! data flow and the call log of real mode.

use std::cell::{Cell, RefCell};
use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use engine::{Execution, ExecutionStatus, StateTrace};
use flowplay_real::CallRecord;
use flowplay_runner::protocol::{self, FromWorker, RunRequest, ToWorker};
use serde_json::Value;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use yew::prelude::*;

/// History rows rendered at first (the last ones); the rest on request.
const HISTORY_ROWS: usize = 300;

/// A paused run: the execution so far, the state it waits before and the input that state is
/// about to get.
#[derive(Clone, PartialEq)]
pub struct Paused {
    pub snapshot: Execution,
    pub before: String,
    pub input: Value,
}

/// What a finished run reports.
#[derive(Clone, PartialEq)]
pub struct Finished {
    pub execution: Execution,
    pub calls: Vec<CallRecord>,
}

/// What the page is told about the run it shows.
pub struct RunCallbacks {
    pub on_pause: Callback<Paused>,
    pub on_done: Callback<Finished>,
    /// The run did not start; the message says why (bad input JSON, lint errors, …).
    pub on_refused: Callback<String>,
}

/// A handler the worker calls (messages, errors).
type WorkerHandler = Closure<dyn FnMut(web_sys::Event)>;

#[derive(Default)]
struct Inner {
    worker: RefCell<Option<web_sys::Worker>>,
    /// The run the page shows; reports of earlier runs (a restarted run ends Stopped after its
    /// successor started) are ignored.
    run: Cell<u64>,
    callbacks: RefCell<Option<RunCallbacks>>,
    /// The worker's message and error handlers, kept for as long as the worker lives.
    handlers: RefCell<Vec<WorkerHandler>>,
}

/// The run worker, started on first use, and the run the page shows.
#[derive(Clone, Default)]
pub struct Runner(Rc<Inner>);

impl PartialEq for Runner {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// The worker script's URL, which web/js/main.js publishes (its content-hashed name is only
/// known there).
fn worker_url() -> Option<String> {
    js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str("flowplayRunWorker")).ok()?.as_string()
}

impl Runner {
    /// Starts the worker now (its script and wasm download meanwhile), e.g. when the pointer
    /// reaches the Run button; a no-op once started.
    pub fn preload(&self) {
        if let Err(message) = self.worker() {
            self.refused(message);
        }
    }

    fn worker(&self) -> Result<web_sys::Worker, String> {
        if let Some(worker) = &*self.0.worker.borrow() {
            return Ok(worker.clone());
        }
        let url = worker_url().ok_or("the run worker's script is not known to this page")?;
        let options = web_sys::WorkerOptions::new();
        options.set_type(web_sys::WorkerType::Module);
        let worker = web_sys::Worker::new_with_options(&url, &options)
            .map_err(|e| format!("the run worker could not start: {e:?}"))?;
        let weak = Rc::downgrade(&self.0);
        let on_message = WorkerHandler::new(move |event: web_sys::Event| {
            let Some(inner) = weak.upgrade() else { return };
            let text = event.dyn_ref::<web_sys::MessageEvent>().and_then(|m| m.data().as_string());
            if let Some(message) = text.as_deref().and_then(protocol::read::<FromWorker>) {
                Runner(inner).report(message);
            }
        });
        let weak = Rc::downgrade(&self.0);
        let on_error = WorkerHandler::new(move |event: web_sys::Event| {
            let Some(inner) = weak.upgrade() else { return };
            let detail = event.dyn_ref::<web_sys::ErrorEvent>().map(|e| e.message()).unwrap_or_default();
            // A worker that failed to load cannot run anything: the next run makes a new one.
            inner.worker.borrow_mut().take();
            Runner(inner).refused(format!("the run worker failed: {detail}"));
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        self.0.handlers.borrow_mut().extend([on_message, on_error]);
        *self.0.worker.borrow_mut() = Some(worker.clone());
        Ok(worker)
    }

    fn send(&self, message: &ToWorker) {
        if let Ok(worker) = self.worker() {
            let _ = worker.post_message(&JsValue::from_str(&protocol::write(message)));
        }
    }

    fn refused(&self, message: String) {
        if let Some(callbacks) = &*self.0.callbacks.borrow() {
            callbacks.on_refused.emit(message);
        }
    }

    /// Starts a run (stopping the one going on, if any); its reports go to `callbacks`.
    pub fn start(&self, request: RunRequest, callbacks: RunCallbacks) {
        let run = self.0.run.get() + 1;
        self.0.run.set(run);
        *self.0.callbacks.borrow_mut() = Some(callbacks);
        let page_url = web_sys::window().and_then(|w| w.location().href().ok()).unwrap_or_default();
        match self.worker() {
            Ok(_) => self.send(&ToWorker::Start { run, page_url, request: Box::new(request) }),
            Err(message) => self.refused(message),
        }
    }

    /// Continues the paused run; `stepping` pauses again before the next state.
    pub fn resume(&self, stepping: bool) {
        self.send(&ToWorker::Resume { run: self.0.run.get(), stepping });
    }

    /// Stops the run before its next state (at once when paused).
    pub fn abort(&self) {
        self.send(&ToWorker::Abort { run: self.0.run.get() });
    }

    /// The breakpoints changed: the run sees them before its next state.
    pub fn set_breakpoints(&self, names: &HashSet<String>) {
        self.send(&ToWorker::Breakpoints { run: self.0.run.get(), names: names.iter().cloned().collect() });
    }

    fn report(&self, message: FromWorker) {
        let run = self.0.run.get();
        match message {
            FromWorker::ConfirmWrites { run: asking, message } => {
                // Asked here, with a native dialog: it blocks until answered, and page content
                // cannot forge or click through it. An earlier run's question gets "no".
                let allowed = asking == run
                    && web_sys::window().and_then(|w| w.confirm_with_message(&message).ok()).unwrap_or(false);
                self.send(&ToWorker::WritesAnswer { run: asking, allowed });
            }
            FromWorker::Refused { run: r, message } if r == run => self.refused(message),
            FromWorker::Paused { run: r, snapshot, before, input } if r == run => {
                if let Some(callbacks) = &*self.0.callbacks.borrow() {
                    callbacks.on_pause.emit(Paused { snapshot: snapshot.into_execution(), before, input });
                }
            }
            FromWorker::Finished { run: r, snapshot, calls } if r == run => {
                if let Some(callbacks) = &*self.0.callbacks.borrow() {
                    callbacks.on_done.emit(Finished { execution: snapshot.into_execution(), calls });
                }
            }
            // A report of an earlier run.
            _ => {}
        }
    }
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
    /// The input that state is about to get.
    #[prop_or_default]
    pub pending_input: Option<Value>,
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
    // A long history is rendered from its end (where a run failed or stopped): thousands of rows
    // took the page's thread for most of a second. "Show all" renders every row.
    let show_all = use_state(|| false);
    // The filter: events whose type or state contains the text (any case).
    let filter = use_state(String::new);
    let needle = filter.trim().to_lowercase();
    let shown: Vec<&engine::Event> = e
        .events
        .iter()
        .filter(|ev| {
            needle.is_empty()
                || format!("{:?}", ev.kind).to_lowercase().contains(&needle)
                || ev.step_name.to_lowercase().contains(&needle)
        })
        .collect();
    let hidden = if *show_all { 0 } else { shown.len().saturating_sub(HISTORY_ROWS) };
    let on_filter = {
        let filter = filter.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() {
                filter.set(input.value());
            }
        })
    };
    let on_show_all = {
        let show_all = show_all.clone();
        Callback::from(move |_: MouseEvent| show_all.set(true))
    };
    let rows = shown[hidden..].iter().map(|ev| {
        html! {
            <tr>
                <td>{ ev.event_id }</td><td>{ ev.time.get(11..23).unwrap_or(&ev.time) }</td><td>{ format!("{:?}", ev.kind) }</td><td>{ &ev.step_name }</td>
                <td>
                    if ev.event_detail.is_null() { { "—" } } else {
                        <details><summary>{ ev.event_detail.to_string().chars().take(60).collect::<String>() }</summary><pre>{ format!("{:#}", ev.event_detail) }</pre></details>
                    }
                </td>
            </tr>
        }
    });
    html! {
        <div class="run">
            { summary }
            if !props.calls.is_empty() { { call_log(&props.calls) } }
            // Paused: what the next state is about to get, before the data of states that ran.
            if let (Some(state), Some(input)) = (&props.paused_before, &props.pending_input) {
                <div class="pending-input" data-state={state.clone()}>
                    { stage(&format!("Input {state} is about to get"), Some(input)) }
                </div>
            }
            if let Some(t) = selected {
                <h3>{ format!("Data flow of {}", t.name) }</h3>
                { data_flow(t) }
            }
            <h3 class="history-title">{ format!("History ({} events)", e.events.len()) }</h3>
            <input class="history-filter" type="search" aria-label="filter the history by event type or state" placeholder="filter: event type or state" value={(*filter).clone()} oninput={on_filter} />
            if !needle.is_empty() { <span class="muted history-matches">{ format!(" {} match", shown.len()) }</span> }
            if hidden > 0 {
                <p class="history-more">
                    { format!("The first {hidden} events are not shown. ") }
                    <button class="show-all-events" onclick={on_show_all}>{ format!("Show all {}", shown.len()) }</button>
                </p>
            }
            <table class="history"><thead><tr><th>{"#"}</th><th>{"time"}</th><th>{"type"}</th><th>{"state"}</th><th>{"details"}</th></tr></thead><tbody>{ for rows }</tbody></table>
        </div>
    }
}
