//! What each state did, for the playground's data-flow view and for stepping.

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The data-flow stages of one state run (spec §6.3).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct StateTrace {
    pub name: String,
    /// The input as it arrived.
    pub raw_input: Value,
    /// After `InputConstructor`.
    pub input: Value,
    /// A Task's resolved `Parameters` (of the last attempt); a legacy task's event (its
    /// resolved `serviceParams`, else its input).
    pub parameters: Option<Value>,
    /// The raw result (`$Output`) of a Task, Parallel or Map; for a legacy step, its local.
    pub result: Option<Value>,
    /// After `OutputConstructor` (the state's output).
    pub output: Value,
    /// `$Global` after the state.
    pub global: Value,
    /// `(error, cause)` when the state failed.
    pub error: Option<(String, String)>,
}
