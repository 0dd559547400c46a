//! Task calls: the `Invoker` trait, and the mock invoker with its file format.
//!
//! ## Mock file format (YAML or JSON)
//!
//! ```yaml
//! Unmocked: fail          # what a Task without a mock does: `fail` (default) or `echo`
//! Cases:
//!   happy:                # a test case, chosen with `--case happy`
//!     Charge:             # a Task state's name
//!       Result: {receipt: r-1}         # every call returns this
//!   throttled:
//!     Charge:
//!       "0": {Error: FC.ResourceThrottled, Cause: busy}   # the first call fails
//!       "1-2": {Result: {receipt: r-2}}                    # calls 2 and 3 succeed
//!       "3": {Result: {late: true}, DelayMs: 5000}         # a slow call (virtual time)
//! ```
//!
//! Call numbers count every call of that state in the execution (retries included), from 0.
//! A response is `Result` (the task's raw output, `$Output`) or `Error` + `Cause`; `DelayMs`
//! makes the call take that long on the clock (for Task `Timeout`). Callback modes
//! (`WaitForCustomCallback`, `WaitForSystemCallback`) are mocked the same way: the response is
//! what the callback reports.

use std::cell::RefCell;
use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;

use fdl::model::TaskMode;
use serde::Deserialize;
use serde_json::Value;

/// What a Task asks its integration to do.
#[derive(Clone, Debug, PartialEq)]
pub struct TaskCall {
    pub state: String,
    pub action: String,
    pub mode: TaskMode,
    /// The resolved `Parameters`.
    pub parameters: Value,
    /// 0 for the first call of this state in the execution, counting retries.
    pub call_number: u32,
    /// The callback token for `WaitForCustomCallback`.
    pub task_token: Option<String>,
}

/// An integration's error: the error name (`Code`) and its cause (`Detail`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TaskError {
    pub error: String,
    pub cause: String,
}

/// The answer to a call, and how long it took on the engine's clock.
#[derive(Clone, Debug, PartialEq)]
pub struct TaskOutcome {
    pub result: Result<Value, TaskError>,
    pub duration_ms: i64,
}

/// Runs Task calls. Implementations: [`MockInvoker`], and the relay invoker of the browser/CLI.
pub trait Invoker {
    fn invoke<'a>(&'a self, call: &'a TaskCall) -> Pin<Box<dyn Future<Output = TaskOutcome> + 'a>>;
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
pub struct MockResponse {
    #[serde(default)]
    pub result: Option<Value>,
    #[serde(default)]
    pub error: Option<String>,
    #[serde(default)]
    pub cause: Option<String>,
    #[serde(default)]
    pub delay_ms: Option<i64>,
}

/// Per state: one response for every call, or responses by call number ("0", "1-2").
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(untagged)]
pub enum StateMock {
    Always(MockResponse),
    ByCall(HashMap<String, MockResponse>),
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Unmocked {
    #[default]
    Fail,
    Echo,
}

#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
pub struct MockFile {
    #[serde(default)]
    pub unmocked: Unmocked,
    #[serde(default)]
    pub cases: HashMap<String, HashMap<String, StateMock>>,
}

/// Answers Task calls from a mock case.
pub struct MockInvoker {
    states: HashMap<String, StateMock>,
    unmocked: Unmocked,
    calls: RefCell<HashMap<String, u32>>,
}

impl MockInvoker {
    /// Every Task returns its resolved parameters (`--mocks echo`).
    pub fn echo() -> Self {
        Self { states: HashMap::new(), unmocked: Unmocked::Echo, calls: RefCell::default() }
    }

    /// Parses a mock file (YAML or JSON) and selects `case` (the only case when `None` and
    /// there is exactly one). A file of only comments is like a blank one: every Task echoes.
    pub fn from_text(text: &str, case: Option<&str>) -> Result<Self, MockError> {
        let parsed = fdl::yaml::parse(text, fdl::yaml::ParseLimits::default());
        if let Some(d) = parsed.diagnostics.iter().find(|d| d.severity == fdl::Severity::Error) {
            return Err(MockError::at(text, d.span.start, d.message.clone()));
        }
        let Some(root) = parsed.root else { return Ok(Self::echo()) };
        check_shape(&root).map_err(|(span, message)| MockError::at(text, span.start, message))?;
        // Not expected to fail once the shape is checked; if it does, still no panic.
        let file: MockFile = serde_json::from_value(root.to_json())
            .map_err(|e| MockError::anywhere(format!("the mock file does not fit the format ({e})")))?;
        let states = match case {
            Some(name) => file.cases.get(name).cloned().ok_or_else(|| {
                let mut names: Vec<&String> = file.cases.keys().collect();
                names.sort();
                MockError::anywhere(format!(
                    "mock case `{name}` does not exist; cases: {}",
                    names.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", ")
                ))
            })?,
            None if file.cases.len() <= 1 => file.cases.into_values().next().unwrap_or_default(),
            None => return Err(MockError::anywhere("the mock file has several cases; choose one with --case NAME")),
        };
        Ok(Self { states, unmocked: file.unmocked, calls: RefCell::default() })
    }

    fn respond(&self, call: &TaskCall) -> TaskOutcome {
        let n = {
            let mut calls = self.calls.borrow_mut();
            // The state's name is copied once, at its first call.
            let c = match calls.get_mut(&call.state) {
                Some(c) => c,
                None => calls.entry(call.state.clone()).or_insert(0),
            };
            let n = *c;
            *c += 1;
            n
        };
        let response = match self.states.get(&call.state) {
            Some(StateMock::Always(r)) => Some(r),
            Some(StateMock::ByCall(map)) => {
                map.iter().find(|(k, _)| parse_range(k).is_some_and(|(a, b)| a <= n && n <= b)).map(|(_, r)| r)
            }
            None => None,
        };
        match response {
            Some(r) => TaskOutcome {
                duration_ms: r.delay_ms.unwrap_or(0).max(0),
                result: match (&r.error, &r.result) {
                    (Some(e), _) => Err(TaskError { error: e.clone(), cause: r.cause.clone().unwrap_or_default() }),
                    (None, Some(v)) => Ok(v.clone()),
                    (None, None) => Ok(Value::Object(Default::default())),
                },
            },
            None if self.states.contains_key(&call.state) => TaskOutcome {
                duration_ms: 0,
                result: Err(TaskError {
                    error: "FnF.MockMissing".into(),
                    cause: format!("no mocked response for call {n} of `{}`", call.state),
                }),
            },
            None => match self.unmocked {
                Unmocked::Echo => TaskOutcome { duration_ms: 0, result: Ok(call.parameters.clone()) },
                Unmocked::Fail => TaskOutcome {
                    duration_ms: 0,
                    result: Err(TaskError {
                        error: "FnF.MockMissing".into(),
                        cause: format!(
                            "Task `{}` ({}) has no mock; add one or run with --mocks echo",
                            call.state, call.action
                        ),
                    }),
                },
            },
        }
    }
}

/// "3" → (3, 3); "1-2" → (1, 2).
/// Why a mock file is unusable, in plain words, at a line and column when it is about one place.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MockError {
    /// 1-based line and column (in characters).
    pub position: Option<(u32, u32)>,
    pub message: String,
}

impl MockError {
    fn at(text: &str, offset: u32, message: String) -> Self {
        let p = fdl::LineIndex::new(text).position(text, offset);
        Self { position: Some((p.line, p.column)), message }
    }

    fn anywhere(message: impl Into<String>) -> Self {
        Self { position: None, message: message.into() }
    }

    /// `name:line:column: message` (`name: message` without a position), as compilers write
    /// it, for the file's path or a name such as "mock file".
    pub fn located(&self, name: &str) -> String {
        match self.position {
            Some((line, column)) => format!("{name}:{line}:{column}: {}", self.message),
            None => format!("{name}: {}", self.message),
        }
    }
}

impl std::fmt::Display for MockError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.located("mock file"))
    }
}

impl std::error::Error for MockError {}

const RESPONSE_KEYS: [&str; 4] = ["Result", "Error", "Cause", "DelayMs"];
const FORMAT_HINT: &str = "e.g. `Cases: {happy: {Charge: {Result: {receipt: r-1}}}}`";

/// Checks a mock file's shape on its YAML tree, so that a mistake is reported where it is and
/// in plain words (deserializing reports neither: "invalid type: map, expected a string").
fn check_shape(root: &fdl::yaml::Node) -> Result<(), (fdl::Span, String)> {
    let Some(entries) = root.as_map() else {
        return Err((
            root.span,
            format!("the mock file must be a mapping with `Cases`, not {}; {FORMAT_HINT}", kind(root)),
        ));
    };
    for entry in entries {
        match entry.key_str() {
            Some("Cases") => check_cases(&entry.value)?,
            Some("Unmocked") => {
                if !matches!(entry.value.as_str(), Some("fail" | "echo")) {
                    return Err((
                        entry.value.span,
                        format!("`Unmocked` is `fail` or `echo`, not {}", shown(&entry.value)),
                    ));
                }
            }
            _ => {
                return Err((
                    entry.key.span,
                    format!("unknown key {} in the mock file; it has `Cases` and `Unmocked`", shown(&entry.key)),
                ));
            }
        }
    }
    Ok(())
}

fn check_cases(cases: &fdl::yaml::Node) -> Result<(), (fdl::Span, String)> {
    let Some(cases) = cases.as_map() else {
        return Err((
            cases.span,
            format!("`Cases` must map case names to their mocks, not {}; {FORMAT_HINT}", kind(cases)),
        ));
    };
    for case in cases {
        let name = shown(&case.key);
        let Some(states) = case.value.as_map() else {
            return Err((
                case.value.span,
                format!("case {name} must map Task state names to their mocks, not {}", kind(&case.value)),
            ));
        };
        for state in states {
            check_state_mock(&shown(&state.key), &state.value)?;
        }
    }
    Ok(())
}

/// One response for every call, or responses by call number (`"0"`, `"1-2"`).
fn check_state_mock(state: &str, mock: &fdl::yaml::Node) -> Result<(), (fdl::Span, String)> {
    let Some(entries) = mock.as_map() else {
        return Err((
            mock.span,
            format!(
                "the mock for {state} must be a response (`Result: …`, or `Error: …` and `Cause: …`) or responses by call number, not {}",
                kind(mock)
            ),
        ));
    };
    if entries.iter().any(|e| e.key_str().is_some_and(|k| RESPONSE_KEYS.contains(&k))) {
        return check_response(&format!("the mock for {state}"), mock);
    }
    for entry in entries {
        let key = entry.key_str().unwrap_or_default();
        if parse_range(key).is_none() {
            let hint = match RESPONSE_KEYS.iter().find(|k| k.eq_ignore_ascii_case(key)) {
                Some(k) => format!(" (did you mean `{k}`? keys are case-sensitive)"),
                None => String::new(),
            };
            return Err((
                entry.key.span,
                format!(
                    "in the mock for {state}, {} is neither a response key (Result, Error, Cause, DelayMs) nor a call number or range like \"0\" or \"1-2\"{hint}",
                    shown(&entry.key)
                ),
            ));
        }
        check_response(&format!("the mock for {state}, call {}", shown(&entry.key)), &entry.value)?;
    }
    Ok(())
}

fn check_response(what: &str, response: &fdl::yaml::Node) -> Result<(), (fdl::Span, String)> {
    let Some(entries) = response.as_map() else {
        return Err((
            response.span,
            format!("{what} must be a mapping with `Result`, or `Error` and `Cause`, not {}", kind(response)),
        ));
    };
    for entry in entries {
        let value = &entry.value;
        match entry.key_str() {
            Some("Result") => {}
            Some(key @ ("Error" | "Cause")) => {
                if value.as_str().is_none() {
                    return Err((value.span, format!("`{key}` in {what} must be a string, not {}", kind(value))));
                }
            }
            Some("DelayMs") => {
                if !matches!(value.resolve(), Some(fdl::yaml::ScalarValue::Int(_))) {
                    return Err((
                        value.span,
                        format!("`DelayMs` in {what} must be a whole number of milliseconds, not {}", kind(value)),
                    ));
                }
            }
            _ => {
                let key = entry.key_str().unwrap_or_default();
                let hint = match RESPONSE_KEYS.iter().find(|k| k.eq_ignore_ascii_case(key)) {
                    Some(k) => format!(" (did you mean `{k}`? keys are case-sensitive)"),
                    None => String::new(),
                };
                return Err((
                    entry.key.span,
                    format!(
                        "unknown key {} in {what}; a response has Result, Error, Cause and DelayMs{hint}",
                        shown(&entry.key)
                    ),
                ));
            }
        }
    }
    Ok(())
}

/// What a node is, for messages: "a string", "a list", "a mapping", "nothing".
fn kind(node: &fdl::yaml::Node) -> &'static str {
    use fdl::yaml::{NodeKind, ScalarValue};
    match &node.kind {
        NodeKind::Map(_) => "a mapping",
        NodeKind::Seq(_) => "a list",
        NodeKind::Scalar(s) => match s.resolve() {
            ScalarValue::Null if s.value.is_empty() => "nothing",
            ScalarValue::Null => "null",
            ScalarValue::Bool(_) => "a boolean",
            ScalarValue::Int(_) | ScalarValue::Float(_) => "a number",
            ScalarValue::Str(_) => "a string",
        },
    }
}

/// A key or value as written, quoted (`Charge`), or its kind when it is not a scalar.
fn shown(node: &fdl::yaml::Node) -> String {
    match node.as_scalar() {
        Some(s) => format!("`{}`", s.value),
        None => kind(node).to_owned(),
    }
}

fn parse_range(key: &str) -> Option<(u32, u32)> {
    match key.split_once('-') {
        Some((a, b)) => Some((a.trim().parse().ok()?, b.trim().parse().ok()?)),
        None => {
            let n = key.trim().parse().ok()?;
            Some((n, n))
        }
    }
}

impl Invoker for MockInvoker {
    fn invoke<'a>(&'a self, call: &'a TaskCall) -> Pin<Box<dyn Future<Output = TaskOutcome> + 'a>> {
        let outcome = self.respond(call);
        Box::pin(std::future::ready(outcome))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn call(state: &str) -> TaskCall {
        TaskCall {
            state: state.into(),
            action: "FC:InvokeFunction".into(),
            mode: TaskMode::RequestComplete,
            parameters: serde_json::json!({"a": 1}),
            call_number: 0,
            task_token: None,
        }
    }

    #[test]
    fn responses_by_call_number() {
        let m = MockInvoker::from_text(
            "Cases:\n  t:\n    S:\n      \"0\": {Error: E1, Cause: c}\n      \"1-2\": {Result: {ok: true}}\n",
            Some("t"),
        )
        .unwrap();
        assert_eq!(m.respond(&call("S")).result.unwrap_err().error, "E1");
        assert_eq!(m.respond(&call("S")).result.unwrap(), serde_json::json!({"ok": true}));
        assert!(m.respond(&call("S")).result.is_ok());
        assert_eq!(m.respond(&call("S")).result.unwrap_err().error, "FnF.MockMissing");
        assert_eq!(m.respond(&call("Other")).result.unwrap_err().error, "FnF.MockMissing");
    }

    #[test]
    fn echo_and_errors() {
        assert_eq!(MockInvoker::echo().respond(&call("S")).result.unwrap(), serde_json::json!({"a": 1}));
        let error = |text: &str, case: Option<&str>| MockInvoker::from_text(text, case).err().unwrap().to_string();
        assert!(error("Cases: {a: {}, b: {}}", None).contains("--case"));
        assert!(error("Cases: {a: {}}", Some("z")).contains("does not exist"));
        assert!(error("Cases: {a: {S: {\"x\": {Result: 1}}}}", None).contains("nor a call number"));
    }

    /// Shape errors name the place and say what was expected in plain words.
    #[test]
    fn shape_errors_are_located_and_plain() {
        let cases = [
            ("- a\n", "1:1: the mock file must be a mapping with `Cases`, not a list"),
            ("Case: {}\n", "1:1: unknown key `Case` in the mock file"),
            ("Unmocked: maybe\n", "1:11: `Unmocked` is `fail` or `echo`, not `maybe`"),
            ("Cases: [a]\n", "1:8: `Cases` must map case names to their mocks, not a list"),
            ("Cases:\n  t: 5\n", "2:6: case `t` must map Task state names to their mocks, not a number"),
            ("Cases:\n  t:\n    S: done\n", "3:8: the mock for `S` must be a response"),
            ("Cases:\n  t:\n    S:\n      result: 1\n", "4:7: in the mock for `S`, `result` is neither"),
            ("Cases:\n  t:\n    S:\n      Result: 1\n      Eror: x\n", "5:7: unknown key `Eror` in the mock for `S`"),
            (
                "Cases:\n  t:\n    S:\n      Error: {a: 1}\n",
                "4:14: `Error` in the mock for `S` must be a string, not a mapping",
            ),
            (
                "Cases:\n  t:\n    S:\n      \"0\":\n        DelayMs: soon\n",
                "5:18: `DelayMs` in the mock for `S`, call `0` must be a whole number",
            ),
            ("Cases: {t: {S: {Result: 1}\n", "mock file:1:"),
        ];
        for (text, expected) in cases {
            let message = MockInvoker::from_text(text, None).err().unwrap().to_string();
            assert!(message.contains(expected), "{text:?}: {message}");
            assert!(!message.contains("invalid type") && !message.contains("expected struct"), "{message}");
        }
        assert!(MockInvoker::from_text("# only a comment\n", None).is_ok());
    }
}
