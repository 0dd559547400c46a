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
    /// there is exactly one).
    pub fn from_text(text: &str, case: Option<&str>) -> Result<Self, String> {
        let parsed = fdl::yaml::parse(text, fdl::yaml::ParseLimits::default());
        if let Some(d) = parsed.diagnostics.iter().find(|d| d.severity == fdl::Severity::Error) {
            let pos = fdl::LineIndex::new(text).position(text, d.span.start);
            return Err(format!("mock file {}:{}: {}", pos.line, pos.column, d.message));
        }
        let value = parsed.root.map_or(Value::Null, |r| r.to_json());
        let file: MockFile = serde_json::from_value(value)
            .map_err(|e| format!("mock file: {e} (expected `Cases: {{<case>: {{<state>: {{Result: …}}}}}}`)"))?;
        let states = match case {
            Some(name) => file.cases.get(name).cloned().ok_or_else(|| {
                let mut names: Vec<&String> = file.cases.keys().collect();
                names.sort();
                format!(
                    "mock case `{name}` does not exist; cases: {}",
                    names.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", ")
                )
            })?,
            None if file.cases.len() <= 1 => file.cases.into_values().next().unwrap_or_default(),
            None => return Err("the mock file has several cases; choose one with --case NAME".into()),
        };
        for (state, mock) in &states {
            if let StateMock::ByCall(map) = mock {
                for key in map.keys() {
                    parse_range(key).ok_or_else(|| {
                        format!("mock for `{state}`: `{key}` is not a call number or range like \"0\" or \"1-2\"")
                    })?;
                }
            }
        }
        Ok(Self { states, unmocked: file.unmocked, calls: RefCell::default() })
    }

    fn respond(&self, call: &TaskCall) -> TaskOutcome {
        let n = {
            let mut calls = self.calls.borrow_mut();
            let c = calls.entry(call.state.clone()).or_insert(0);
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
        assert!(MockInvoker::from_text("Cases: {a: {}, b: {}}", None).err().unwrap().contains("--case"));
        assert!(MockInvoker::from_text("Cases: {a: {}}", Some("z")).err().unwrap().contains("does not exist"));
        assert!(
            MockInvoker::from_text("Cases: {a: {S: {\"x\": {Result: 1}}}}", None)
                .err()
                .unwrap()
                .contains("not a call number")
        );
    }
}
