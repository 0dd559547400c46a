//! What each state did, for the playground's data-flow view and for stepping.

use std::sync::Arc;

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The data-flow stages of one state run (spec §6.3). The values are shared with the run and
/// its history (recording them copies no data).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct StateTrace {
    pub name: String,
    /// The input as it arrived.
    pub raw_input: Arc<Value>,
    /// After `InputConstructor`.
    pub input: Arc<Value>,
    /// A Task's resolved `Parameters` (of the last attempt); a legacy task's event (its
    /// resolved `serviceParams`, else its input).
    pub parameters: Option<Arc<Value>>,
    /// The raw result (`$Output`) of a Task, Parallel or Map; for a legacy step, its local.
    pub result: Option<Arc<Value>>,
    /// After `OutputConstructor` (the state's output).
    pub output: Arc<Value>,
    /// `$Global` after the state.
    pub global: Arc<Value>,
    /// `(error, cause)` when the state failed.
    pub error: Option<(String, String)>,
}

impl StateTrace {
    /// The trace of a state (or legacy step) as it is entered: its input as it arrived. The
    /// output and `$Global` are set when it succeeds (a failed one's stay `null`).
    pub(crate) fn entered(name: &str, raw: &Arc<Value>, null: &Arc<Value>) -> Self {
        StateTrace {
            name: name.to_owned(),
            raw_input: Arc::clone(raw),
            input: Arc::clone(raw),
            parameters: None,
            result: None,
            output: Arc::clone(null),
            global: Arc::clone(null),
            error: None,
        }
    }
}
