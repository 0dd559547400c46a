//! Execution history: the service's event types (spec §13.2) and what each carries.

use std::sync::Arc;

use serde::{Deserialize, Serialize};
use serde_json::Value;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum EventType {
    ExecutionStarted,
    ExecutionSucceeded,
    ExecutionFailed,
    ExecutionTimedOut,
    ExecutionStopped,
    StepEntered,
    StepStarted,
    StepSucceeded,
    StepFailed,
    StepExited,
    BranchEntered,
    BranchExited,
    IterationEntered,
    IterationExited,
    MapRunStarted,
    TaskScheduled,
    TaskStarted,
    TaskSubmitted,
    TaskSubmitFailed,
    TaskSucceeded,
    TaskFailed,
    TaskTimedOut,
}

/// One history event, shaped like `GetExecutionHistory`'s (spec §13.2).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Event {
    pub event_id: u64,
    #[serde(rename = "Type")]
    pub kind: EventType,
    pub time: Arc<str>,
    pub step_name: Arc<str>,
    /// The `TaskScheduled` event a task event belongs to (0 otherwise).
    pub schedule_event_id: u64,
    /// Event-specific data (the service sends it as JSON text; we keep the value).
    pub event_detail: Value,
    /// Epoch milliseconds on the engine's clock (not part of the service's shape).
    #[serde(skip)]
    pub at_ms: i64,
}

/// `DescribeExecution`-style status (spec §13.1).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ExecutionStatus {
    Running,
    Succeeded,
    Failed,
    TimedOut,
    Stopped,
}
