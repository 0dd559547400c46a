//! The engine and the legacy migration for JS: `run` (to the end) and `Stepper` (step through a
//! finished run, stop at breakpoints, inspect a state's data flow), with mocks only; nothing is
//! sent anywhere.

use serde::Deserialize;
use serde_json::{Value, json};
use wasm_bindgen::prelude::*;

use engine::{EngineOptions, Execution};

/// Options of `run`/`Stepper` (JSON): input, mocks (the engine's mock file as text; none or
/// blank: every Task echoes its parameters), case, seed, breakpoints, and `executionMode`
/// (`"Standard"` or `"Express"`: linted and run with that mode's rules and limits).
#[derive(Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
struct RunOptions {
    input: Option<Value>,
    mocks: Option<String>,
    case: Option<String>,
    seed: u64,
    breakpoints: Vec<String>,
    #[serde(rename = "executionMode")]
    execution_mode: Option<String>,
}

fn error(message: impl Into<String>) -> String {
    json!({ "error": message.into() }).to_string()
}

/// Runs the workflow (either dialect: a legacy flow runs natively) to the end: the execution,
/// or `{"error"}` for a workflow with errors, bad options or bad mocks.
fn execute(text: &str, options_json: &str) -> Result<(Execution, Vec<String>), String> {
    let options: RunOptions = if options_json.trim().is_empty() {
        RunOptions::default()
    } else {
        serde_json::from_str(options_json).map_err(|e| format!("invalid run options: {e}"))?
    };
    let mode = match options.execution_mode.as_deref() {
        None => engine::ExecutionMode::Standard,
        Some(m) => engine::ExecutionMode::parse(m)
            .ok_or_else(|| format!("invalid run options: executionMode must be Standard or Express, not {m:?}"))?,
    };
    let request = engine::RunRequest {
        source: text,
        // The linter of `lint(text)` without options: a run is refused exactly when it shows an error.
        linter: crate::lint_api::linter(crate::LintOptions::default())?,
        input: options.input.unwrap_or_else(|| json!({})),
        mocks: options.mocks.as_deref(),
        case: options.case.as_deref(),
        options: EngineOptions { seed: options.seed, ..EngineOptions::for_mode(mode) },
    };
    let p = engine::prepare(request).map_err(|e| e.to_string())?;
    let execution = futures::executor::block_on(engine::run(&p.flow, p.input, &p.invoker, &p.options));
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
    /// Throws with a message when the workflow cannot run (errors, bad options).
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
    fn run_honours_the_express_switch() {
        // Express executions last at most 5 minutes: 400 s of waiting times out.
        let waits = "Type: StateMachine\nName: w\nSpecVersion: v1\nStartAt: A\nStates:\n  - Type: Wait\n    Name: A\n    Seconds: 20\n    Next: B\n  - Type: Pass\n    Name: B\n    End: true\n";
        let standard: Value = serde_json::from_str(&run_json(waits, r#"{"executionMode": "Standard"}"#)).unwrap();
        assert_eq!(standard["Status"], "Succeeded");
        let long = waits.replace("Seconds: 20", "Seconds: 300");
        let express: Value = serde_json::from_str(&run_json(&long, r#"{"executionMode": "Express"}"#)).unwrap();
        assert!(express["error"].as_str().unwrap().contains("error"), "FDL-W002 in Express mode: {express}");
        let bad: Value = serde_json::from_str(&run_json(waits, r#"{"executionMode": "Fast"}"#)).unwrap();
        assert!(bad["error"].as_str().unwrap().contains("executionMode"));
    }

    /// Issue 15: the wasm API runs legacy flows through the one `engine::prepare`.
    #[test]
    fn run_runs_legacy_flows() {
        let legacy = "version: v1\ntype: flow\nsteps:\n  - type: pass\n    name: a\n    outputMappings:\n      - target: got\n        source: $input.name\n  - type: pass\n    name: b\n";
        let out: Value = serde_json::from_str(&run_json(legacy, r#"{"input": {"name": "x"}}"#)).unwrap();
        assert_eq!(out["Status"], "Succeeded", "{out}");
        assert_eq!(out["Output"], json!({"got": "x"}));
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
