//! The keys of the legacy dialect, place by place (spec §15; the editor schema of §15.4 sets
//! `additionalProperties: false` on every one of these mappings).

use crate::model::{Step, StepType};

pub const ROOT: &[&str] = &["version", "type", "name", "steps", "inputMappings", "outputMappings", "timeoutSeconds"];
/// Keys of every step (spec §15.2).
pub const COMMON: &[&str] = &["type", "name", "end", "inputMappings", "outputMappings"];

/// Keys of one step type beyond [`COMMON`].
pub fn specific(t: StepType) -> &'static [&'static str] {
    match t {
        // `action` is the task's second form (spec §15.4, the editor schema).
        StepType::Task => {
            &["resourceArn", "action", "pattern", "timeoutSeconds", "serviceParams", "errorMappings", "retry", "catch"]
        }
        StepType::Wait => &["duration", "timestamp"],
        StepType::Fail => &["error", "cause"],
        StepType::Choice => &["choices", "default"],
        StepType::Parallel => &["branches"],
        StepType::Foreach => &["iterationMapping", "steps"],
        StepType::Loop => &["steps", "preCondition", "postCondition"],
        StepType::Pass | StepType::Succeed => &[],
    }
}

/// An item of a choice's `choices`.
pub const CHOICE_ITEM: &[&str] = &["condition", "steps", "goto"];
/// A choice's `default`.
pub const CHOICE_DEFAULT: &[&str] = &["steps", "goto"];
/// An item of a parallel's `branches`.
pub const BRANCH: &[&str] = &["steps"];
/// A foreach's `iterationMapping`.
pub const ITERATION_MAPPING: &[&str] = &["collection", "item", "index"];
/// An item of `inputMappings`, `outputMappings` or `errorMappings`.
pub const MAPPING: &[&str] = &["target", "source"];
/// An item of a task's `retry`.
pub const RETRY: &[&str] = &["errors", "intervalSeconds", "maxIntervalSeconds", "maxAttempts", "multiplier"];
/// An item of a task's `catch` (the editor schema allows nested `steps`).
pub const CATCH: &[&str] = &["errors", "goto", "steps"];

/// Keys whose absence breaks the flow or changes where it goes: a misspelling of one of them is
/// an error, not a note (see `lint::rules::near_miss`).
pub const STRUCTURAL: &[&str] = &[
    "version",
    "type",
    "name",
    "steps",
    "resourceArn",
    "action",
    "goto",
    "condition",
    "choices",
    "default",
    "branches",
    "iterationMapping",
    "collection",
    "item",
    "target",
    "source",
    "errors",
    "duration",
    "timestamp",
];

/// Every key a step of any type may have.
pub fn all_step_keys() -> Vec<&'static str> {
    let mut keys = COMMON.to_vec();
    for t in StepType::ALL {
        keys.extend(specific(t).iter().filter(|k| !keys.contains(k)).collect::<Vec<_>>());
    }
    keys
}

/// The keys `step` may have: those of its type, or of any type when its type is unknown.
pub fn step_allowed(step: &Step) -> Vec<&'static str> {
    match step.type_.as_ref().and_then(|t| StepType::parse(&t.value)) {
        Some(t) => COMMON.iter().chain(specific(t)).copied().collect(),
        None => all_step_keys(),
    }
}
