//! Runs in the browser (mock mode): the engine with the mock file from the Mocks editor (or
//! echo mocks when it is empty), and the views of the result: output or error, the event
//! history and each state's data flow.

use std::collections::HashMap;

use engine::{EngineOptions, Execution, ExecutionStatus, MockInvoker, StateTrace};
use serde_json::Value;
use yew::prelude::*;

/// Runs the workflow. Errors are messages for the user (bad input JSON, bad mocks, lint errors).
pub fn run(source: &str, input: &str, mocks: &str, seed: u64) -> Result<Execution, String> {
    let report = fdl::lint(source, &fdl::LintConfig::default());
    if report.has_errors() {
        return Err("fix the errors in the workflow first".into());
    }
    let Some(fdl::model::Document::Current(flow)) = report.analysis.document else {
        return Err("only the current dialect runs; migrate the legacy flow first".into());
    };
    let input: Value = if input.trim().is_empty() {
        Value::Object(Default::default())
    } else {
        serde_json::from_str(input).map_err(|e| format!("input is not valid JSON: {e}"))?
    };
    let invoker = if mocks.trim().is_empty() { MockInvoker::echo() } else { MockInvoker::from_text(mocks, None)? };
    let options = EngineOptions { seed, ..EngineOptions::default() };
    Ok(futures::executor::block_on(engine::run(&flow, input, &invoker, &options)))
}

/// State name → "done" | "failed", for the flowchart.
pub fn statuses(e: &Execution) -> HashMap<String, String> {
    let mut out = HashMap::new();
    for t in &e.traces {
        out.insert(t.name.clone(), if t.error.is_some() { "failed".to_owned() } else { "done".to_owned() });
    }
    out
}

#[derive(Properties, PartialEq)]
pub struct RunViewProps {
    pub execution: Execution,
    /// The state whose data flow is shown.
    pub selected: Option<String>,
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
            { stage("Input", Some(&t.raw_input)) }
            { stage("After InputConstructor", Some(&t.input)) }
            { stage("Task parameters", t.parameters.as_ref()) }
            { stage("Result ($Output)", t.result.as_ref()) }
            { stage("Output", Some(&t.output)) }
            { stage("$Global", Some(&t.global)) }
            if let Some((e, c)) = &t.error { <div class="stage error"><h4>{ "Error" }</h4><pre>{ format!("{e}: {c}") }</pre></div> }
        </div>
    }
}

#[function_component(RunView)]
pub fn run_view(props: &RunViewProps) -> Html {
    let e = &props.execution;
    let summary = match e.status {
        ExecutionStatus::Succeeded => {
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
                <td>{ ev.event_id }</td><td>{ &ev.time[11..23] }</td><td>{ format!("{:?}", ev.kind) }</td><td>{ &ev.step_name }</td>
                <td><details><summary>{ if ev.event_detail.is_null() { String::new() } else { ev.event_detail.to_string().chars().take(60).collect() } }</summary><pre>{ pretty(&ev.event_detail) }</pre></details></td>
            </tr>
        }
    });
    html! {
        <div class="run">
            { summary }
            if let Some(t) = selected {
                <h3>{ format!("Data flow of {}", t.name) }</h3>
                { data_flow(t) }
            }
            <h3>{ format!("History ({} events)", e.events.len()) }</h3>
            <table class="history"><thead><tr><th>{"#"}</th><th>{"time"}</th><th>{"type"}</th><th>{"state"}</th><th>{"details"}</th></tr></thead><tbody>{ for rows }</tbody></table>
        </div>
    }
}
