//! The wasm API of flowplay, for the playground's users and for documentation sites that embed
//! the validator. Functions take strings and options objects and return plain JS objects (JSON
//! parsed on the JS side), typed by the TypeScript definitions below.
//!
//! Two builds: the full package (`dist/pkg`, feature `full`: lint, fix, migrate, schema, rules
//! with documentation, run, Stepper, version) and the lint-only embed package (`dist/embed`:
//! lint, fix, rules, version).
//!
//! Positions carry 1-based `line`, `column` (characters), `column_utf16` (what JS editors count)
//! and byte `offset` (see `fdl::report`).

mod lint_api;
#[cfg(feature = "full")]
mod run_api;

pub use lint_api::{LintOptions, fix_text, lint_json, rules_json};
#[cfg(feature = "full")]
pub use run_api::{Stepper, migrate_json, run_json};

use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = r#"
/** A position: 1-based line and column (characters and UTF-16 units) and the byte offset. */
export interface Position { line: number; column: number; column_utf16: number; offset: number; }
export interface Range { start: Position; end: Position; }
export interface Edit { range: Range; replacement: string; }
export interface Fix { message: string; applicability: "safe" | "unsafe"; edits: Edit[]; }
export interface Label { range: Range; message: string; }
/** One finding, the same shape as `flowplay lint --format json`. */
export interface Diagnostic {
  code: string; rule?: string; severity: "error" | "warning" | "info"; message: string; range: Range;
  labels?: Label[]; help?: string; fix?: Fix;
}
export interface LintResult { version: number; diagnostics: Diagnostic[]; error?: string; }
/** `rules`: per rule code "off" | "info" | "warning" | "error"; `executionMode`: "Standard" | "Express". */
export interface LintOptions { rules?: Record<string, "off" | "info" | "warning" | "error">; executionMode?: "Standard" | "Express"; }
export interface RuleInfo { code: string; name: string; category: string; severity: string; summary: string; docs: string; }
export interface MigrateResult { text?: string; error?: string; }
/** `mocks`: the engine's mock file (YAML or JSON text); empty = every Task returns its parameters.
 *  `executionMode`: the flow's mode ("Standard" by default); linted and run with its rules and limits. */
export interface RunOptions { input?: unknown; mocks?: string; case?: string; seed?: number; breakpoints?: string[]; executionMode?: "Standard" | "Express"; }
export interface HistoryEvent { EventId: number; Type: string; Time: string; StepName: string; ScheduleEventId: number; EventDetail: unknown; }
export interface Execution {
  Status: "Running" | "Succeeded" | "Failed" | "TimedOut" | "Stopped"; Output?: unknown; Error?: string; Cause?: string;
  StartedTime: string; StoppedTime: string; Events: HistoryEvent[]; error?: string;
}
export interface StateTrace { name: string; raw_input: unknown; input: unknown; parameters?: unknown; result?: unknown; output: unknown; global: unknown; error?: [string, string]; }
"#;

/// Parses JSON text made by this crate into a JS value.
fn to_js(json: &str) -> JsValue {
    js_sys::JSON::parse(json).unwrap_or_else(|_| JsValue::from_str(json))
}

/// Lints a workflow. `options` may be omitted.
#[wasm_bindgen(unchecked_return_type = "LintResult")]
pub fn lint(text: &str, #[wasm_bindgen(unchecked_param_type = "LintOptions")] options: JsValue) -> JsValue {
    to_js(&lint_json(text, lint_options(&options)))
}

/// Applies safe fixes (and unsafe ones when `includeUnsafe`) as `flowplay lint --fix` does:
/// with the linter `lint` uses, in passes re-linted after each, leaving out any fix that would
/// add a finding or break the parse, until nothing changes. Returns the fixed text.
#[wasm_bindgen]
pub fn fix(
    text: &str,
    #[wasm_bindgen(unchecked_param_type = "LintOptions")] options: JsValue,
    #[wasm_bindgen(js_name = includeUnsafe)] include_unsafe: bool,
) -> String {
    fix_text(text, lint_options(&options), include_unsafe)
}

/// Every rule (the embed build has no documentation text).
#[wasm_bindgen(unchecked_return_type = "RuleInfo[]")]
pub fn rules() -> JsValue {
    to_js(&rules_json())
}

/// The version of the flowplay core.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}

/// Rewrites a legacy (`type: flow` / `steps`) workflow in the current dialect.
#[cfg(feature = "full")]
#[wasm_bindgen(unchecked_return_type = "MigrateResult")]
pub fn migrate(text: &str) -> JsValue {
    to_js(&migrate_json(text))
}

/// The JSON Schema of the current dialect (for editors with YAML schema support).
#[cfg(feature = "full")]
#[wasm_bindgen(unchecked_return_type = "object")]
pub fn schema() -> JsValue {
    to_js(&fdl::schema::json_schema().to_string())
}

/// Runs a workflow locally with mocks on the virtual clock; returns the execution as
/// `DescribeExecution` reports it, with its history.
#[cfg(feature = "full")]
#[wasm_bindgen(unchecked_return_type = "Execution")]
pub fn run(text: &str, #[wasm_bindgen(unchecked_param_type = "RunOptions")] options: JsValue) -> JsValue {
    to_js(&run_json(text, &options_text(&options)))
}

/// JSON text of an options object (`undefined`/`null` → empty).
#[cfg(feature = "full")]
fn options_text(options: &JsValue) -> String {
    if options.is_undefined() || options.is_null() {
        return String::new();
    }
    if let Some(text) = options.as_string() {
        return text;
    }
    js_sys::JSON::stringify(options).ok().and_then(|s| s.as_string()).unwrap_or_default()
}

/// Reads `lint`/`fix` options: an object, its JSON text (the component's `options` attribute)
/// or `undefined`/`null`. With Reflect rather than serde_json: the embed package's size budget.
fn lint_options(options: &JsValue) -> Result<LintOptions, String> {
    let invalid = |what: String| format!("invalid lint options: {what}");
    if options.is_undefined() || options.is_null() {
        return Ok(LintOptions::default());
    }
    let parsed;
    let options = match options.as_string() {
        Some(text) if text.trim().is_empty() => return Ok(LintOptions::default()),
        Some(text) => {
            parsed = js_sys::JSON::parse(&text).map_err(|e| invalid(error_message(&e)))?;
            &parsed
        }
        None => options,
    };
    let object = plain_object(options).ok_or_else(|| invalid("expected an object".into()))?;
    let mut out = LintOptions::default();
    for key in js_sys::Object::keys(object).iter() {
        let value = js_sys::Reflect::get(object, &key).unwrap_or(JsValue::UNDEFINED);
        let key = key.as_string().unwrap_or_default();
        match key.as_str() {
            // JSON.stringify drops undefined members: so did the options before.
            _ if value.is_undefined() => {}
            "rules" => {
                let rules = plain_object(&value).ok_or_else(|| invalid("`rules` must be an object".into()))?;
                for code in js_sys::Object::keys(rules).iter() {
                    let level = js_sys::Reflect::get(rules, &code).unwrap_or(JsValue::UNDEFINED);
                    let code = code.as_string().unwrap_or_default();
                    let level = level.as_string().ok_or_else(|| {
                        invalid(format!("rules.{code} must be \"off\", \"info\", \"warning\" or \"error\""))
                    })?;
                    out.rules.push((code, level));
                }
            }
            "executionMode" if value.is_null() => {}
            "executionMode" => {
                out.execution_mode =
                    Some(value.as_string().ok_or_else(|| invalid("`executionMode` must be a string".into()))?);
            }
            other => return Err(invalid(format!("unknown field `{other}`, expected `rules` or `executionMode`"))),
        }
    }
    Ok(out)
}

/// `value` as an object that is not an array (nor null).
fn plain_object(value: &JsValue) -> Option<&js_sys::Object> {
    (value.is_object() && !js_sys::Array::is_array(value)).then(|| value.unchecked_ref())
}

/// The message of a thrown JS error (JSON.parse's SyntaxError).
fn error_message(error: &JsValue) -> String {
    error.dyn_ref::<js_sys::Error>().map_or_else(|| "not JSON".into(), |e| String::from(e.message()))
}
