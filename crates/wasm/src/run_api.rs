//! The engine and the legacy migration for JS: `run` (to the end) and `Stepper` (step through a
//! finished run, stop at breakpoints, inspect a state's data flow), with mocks only; nothing is
//! sent anywhere.

use serde::Deserialize;
use serde_json::{Value, json};
use wasm_bindgen::prelude::*;

use engine::{EngineOptions, Execution, MockInvoker};

/// Options of `run`/`Stepper` (JSON): input, mocks (the engine's mock file as text), case,
/// seed, breakpoints.
#[derive(Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
struct RunOptions {
    input: Option<Value>,
    mocks: Option<String>,
    case: Option<String>,
    seed: u64,
    breakpoints: Vec<String>,
}

fn error(message: impl Into<String>) -> String {
    json!({ "error": message.into() }).to_string()
}

/// Runs the workflow to the end: the execution, or `{"error"}` for a workflow with errors, a
/// legacy flow, bad options or bad mocks.
fn execute(text: &str, options_json: &str) -> Result<(Execution, Vec<String>), String> {
    let options: RunOptions = if options_json.trim().is_empty() {
        RunOptions::default()
    } else {
        serde_json::from_str(options_json).map_err(|e| format!("invalid run options: {e}"))?
    };
    // The linter of `lint(text)` without options: a run is refused exactly when it shows an error.
    let report = crate::lint_api::linter(crate::LintOptions::default())?.lint(text);
    if report.has_errors() {
        return Err("the workflow has errors; lint it and fix them first".into());
    }
    let Some(fdl::model::Document::Current(flow)) = report.analysis.document else {
        return Err("only the current dialect runs; migrate the legacy flow first".into());
    };
    let mocks = match options.mocks.as_deref().map(str::trim) {
        None | Some("") => MockInvoker::echo(),
        Some(text) => MockInvoker::from_text(text, options.case.as_deref())?,
    };
    let input = options.input.unwrap_or_else(|| json!({}));
    let engine_options = EngineOptions { seed: options.seed, ..EngineOptions::default() };
    let execution = futures::executor::block_on(engine::run(&flow, input, &mocks, &engine_options));
    Ok((execution, options.breakpoints))
}

/// `run` as JSON text.
pub fn run_json(text: &str, options_json: &str) -> String {
    match execute(text, options_json) {
        Ok((execution, _)) => serde_json::to_string(&execution).unwrap_or_else(|e| error(e.to_string())),
        Err(message) => error(message),
    }
}

/// `migrate` as JSON text: `{"text"}` or `{"error"}`.
pub fn migrate_json(text: &str) -> String {
    let analysis = fdl::analyze(text);
    match analysis.document.as_ref().and_then(|d| d.as_legacy()) {
        Some(flow) => json!({ "text": fdl::migrate::migrate_legacy(flow, "migrated_flow") }).to_string(),
        None => error("not a legacy (type: flow / steps) workflow, or it does not parse"),
    }
}

/// Step-through of a run: `new Stepper(text, options)` runs the workflow with the mocks, then
/// `step()` gives the next history event, `resume()` runs to the next breakpoint state,
/// `current()` the data flow of the state reached, `seen()` the events so far.
#[wasm_bindgen]
pub struct Stepper {
    inner: engine::Stepper,
}

#[wasm_bindgen]
impl Stepper {
    /// Throws with a message when the workflow cannot run (errors, legacy dialect, bad options).
    #[wasm_bindgen(constructor)]
    pub fn new(
        text: &str,
        #[wasm_bindgen(unchecked_param_type = "RunOptions")] options: JsValue,
    ) -> Result<Stepper, JsError> {
        let (execution, breakpoints) = execute(text, &crate::options_text(&options)).map_err(|m| JsError::new(&m))?;
        Ok(Stepper { inner: engine::Stepper::new(execution, breakpoints) })
    }

    /// The next event, or `undefined` at the end.
    #[wasm_bindgen(unchecked_return_type = "HistoryEvent | undefined")]
    pub fn step(&mut self) -> JsValue {
        event_js(self.inner.step())
    }

    /// Runs to the next `StepEntered` of a breakpoint state; `undefined` at the end.
    #[wasm_bindgen(unchecked_return_type = "HistoryEvent | undefined")]
    pub fn resume(&mut self) -> JsValue {
        event_js(self.inner.resume())
    }

    /// The data flow of the state the last event belongs to.
    #[wasm_bindgen(unchecked_return_type = "StateTrace | undefined")]
    pub fn current(&self) -> JsValue {
        match self.inner.current_state().and_then(|t| serde_json::to_string(t).ok()) {
            Some(text) => crate::to_js(&text),
            None => JsValue::UNDEFINED,
        }
    }

    /// The events so far.
    #[wasm_bindgen(unchecked_return_type = "HistoryEvent[]")]
    pub fn seen(&self) -> JsValue {
        crate::to_js(&serde_json::to_string(self.inner.seen()).unwrap_or_else(|_| "[]".into()))
    }

    /// The whole execution (as `run` returns it).
    #[wasm_bindgen(unchecked_return_type = "Execution")]
    pub fn execution(&self) -> JsValue {
        crate::to_js(&serde_json::to_string(self.inner.execution()).unwrap_or_else(|e| error(e.to_string())))
    }
}

fn event_js(event: Option<&engine::Event>) -> JsValue {
    match event.and_then(|e| serde_json::to_string(e).ok()) {
        Some(text) => crate::to_js(&text),
        None => JsValue::UNDEFINED,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FLOW: &str = "Type: StateMachine\nName: d\nSpecVersion: v1\nStartAt: A\nStates:\n  - Type: Pass\n    Name: A\n    InputConstructor:\n      greeting.$: format(\"hello {}\", $Input.name)\n    End: true\n";

    #[test]
    fn run_returns_the_execution_with_its_history() {
        let out: Value = serde_json::from_str(&run_json(FLOW, r#"{"input": {"name": "世界"}}"#)).unwrap();
        assert_eq!(out["Status"], "Succeeded");
        assert_eq!(out["Output"], json!({"greeting": "hello 世界"}));
        assert_eq!(out["Events"][0]["Type"], "ExecutionStarted");
    }

    #[test]
    fn run_explains_what_cannot_run() {
        let bad: Value = serde_json::from_str(&run_json("Type: StateMachine\n", "")).unwrap();
        assert!(bad["error"].as_str().unwrap().contains("errors"));
        let opts: Value = serde_json::from_str(&run_json(FLOW, r#"{"imput": {}}"#)).unwrap();
        assert!(opts["error"].as_str().unwrap().contains("unknown field"));
    }

    #[test]
    fn migrate_rewrites_legacy_flows_only() {
        let legacy = "version: v1beta1\ntype: flow\nsteps:\n  - type: pass\n    name: a\n";
        let out: Value = serde_json::from_str(&migrate_json(legacy)).unwrap();
        assert!(out["text"].as_str().unwrap().contains("Type: StateMachine"), "{out}");
        let current: Value = serde_json::from_str(&migrate_json(FLOW)).unwrap();
        assert!(current["error"].is_string());
    }
}
