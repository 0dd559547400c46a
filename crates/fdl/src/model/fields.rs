//! The field availability matrix of spec §4.2: which keys each state type, the root, a scope, a
//! Choice branch, a retrier and a catcher take. Shared by the schema rules, the JSON Schema and
//! the playground's completion. The legacy dialect's keys are in [`legacy`].

pub mod legacy;

use super::{State, StateType};

/// Keys every state may have. `GlobalConstructor` is accepted on every type (spec §4.2:
/// UNCERTAIN which types accept it; the recommendation is all).
pub const COMMON_STATE_KEYS: &[&str] = &["Type", "Name", "Description", "InputConstructor", "GlobalConstructor"];

/// Keys specific to each state type (beyond the common ones).
pub fn specific_keys(t: StateType) -> &'static [&'static str] {
    match t {
        StateType::Task => &[
            "Next",
            "End",
            "OutputConstructor",
            "Retry",
            "Catch",
            "Action",
            "TaskMode",
            "Parameters",
            "Timeout",
            "OnErrors",
        ],
        StateType::Pass => &["Next", "End", "OutputConstructor"],
        StateType::Choice => &["Branches", "Default"],
        StateType::Parallel => &["Next", "End", "OutputConstructor", "Retry", "Catch", "Branches"],
        StateType::Map => &[
            "Next",
            "End",
            "OutputConstructor",
            "Retry",
            "Catch",
            "ItemsPath",
            "Processor",
            "MaxConcurrency",
            "ItemReader",
            "ItemBatcher",
            "ItemConstructor",
            "ResultWriter",
            "MaxItems",
            "ToleratedFailurePercentage",
            "ToleratedFailureCount",
            "ProcessorConfig",
        ],
        StateType::Wait => &["Next", "End", "OutputConstructor", "Seconds", "Seconds.$", "UntilDateTime"],
        // `End` is tolerated on Succeed and Fail (published examples use it; FDL-S031 notes it).
        StateType::Succeed => &["OutputConstructor", "End"],
        StateType::Fail => &["OutputConstructor", "Code", "Detail", "End"],
    }
}

/// Keys that have a dedicated, more specific rule when misplaced, so the generic schema rules
/// leave them alone.
pub const KEYS_WITH_DEDICATED_RULES: &[&str] = &["Next", "End", "Retry", "Catch", "MaxConcuccency"];

pub fn allowed(t: StateType, key: &str) -> bool {
    COMMON_STATE_KEYS.contains(&key) || specific_keys(t).contains(&key)
}

/// The keys `state` may have: those of its type, or of any type when its type is unknown.
pub fn state_allowed(state: &State) -> Vec<&'static str> {
    match state.state_type() {
        Some(t) => COMMON_STATE_KEYS.iter().chain(specific_keys(t)).copied().collect(),
        None => all_state_keys(),
    }
}

/// Keys whose absence breaks the flow or changes where it goes (required keys and
/// transitions): a misspelling of one of them is an error, not a note (see `lint::rules::near_miss`).
pub const STRUCTURAL_KEYS: &[&str] = &[
    "Type",
    "Name",
    "SpecVersion",
    "StartAt",
    "States",
    "Next",
    "End",
    "Default",
    "Branches",
    "Processor",
    "ItemsPath",
    "Action",
    "Seconds",
    "Condition",
    "Errors",
];

/// Every key any state type may have.
pub fn all_state_keys() -> Vec<&'static str> {
    let mut keys: Vec<&'static str> = COMMON_STATE_KEYS.to_vec();
    for t in StateType::ALL {
        for k in specific_keys(t) {
            if !keys.contains(k) {
                keys.push(k);
            }
        }
    }
    keys
}

/// The state types a key belongs to.
pub fn owners(key: &str) -> Vec<StateType> {
    StateType::ALL.into_iter().filter(|t| specific_keys(*t).contains(&key)).collect()
}

pub const ROOT_KEYS: &[&str] = &["Type", "Name", "SpecVersion", "StartAt", "States", "Description", "Timeout"];
pub const SCOPE_KEYS: &[&str] = &["StartAt", "States"];
pub const CHOICE_BRANCH_KEYS: &[&str] = &["Condition", "Next"];
pub const RETRIER_KEYS: &[&str] =
    &["Errors", "Description", "MaxAttempts", "IntervalSeconds", "BackoffRate", "MaxBackoffSeconds"];
pub const CATCHER_KEYS: &[&str] = &["Errors", "Description", "OutputConstructor", "Next"];
