//! One line of documentation per key of the current dialect (spec §3–§8), for the JSON Schema's
//! `description`s and the playground's hovers. Where the reference is UNCERTAIN, the text says so.

/// The documentation of `key` (a state, root, retrier, catcher or Choice-branch key).
pub fn key_doc(key: &str) -> Option<&'static str> {
    Some(match key {
        "Type" => {
            "`StateMachine` at the root; in a state one of Task, Pass, Choice, Parallel, Map, Wait, Succeed, Fail (case-sensitive)."
        }
        "Name" => {
            "At the root: the flow's name, equal to the name it is created with. In a state: its name, unique in its scope."
        }
        "SpecVersion" => "The language version; only `v1` exists.",
        "StartAt" => "The first state of this scope (the root, a Parallel branch or a Map processor).",
        "States" => "The states of this scope, a non-empty list.",
        "Description" => "Free text. In a Retry or Catch rule: the rule's name shown in the console.",
        "InputConstructor" => {
            "Builds the state's input from `$Input` and `$Context`, replacing it completely. Keys ending in `.$` take an expression."
        }
        "OutputConstructor" => {
            "Builds the state's output; `$Output` is the raw result (of a Task, or the aggregate of a Parallel/Map)."
        }
        "GlobalConstructor" => {
            "Writes to `$Global`, the variables shared by the whole execution; evaluated against the same snapshot as OutputConstructor."
        }
        "Next" => "The state to go to next, in the same scope (exclusive with `End: true`).",
        "End" => "`true` ends this scope after the state (exclusive with `Next`).",
        "Action" => {
            "`<Service>:<Operation>`, e.g. `FC:InvokeFunction`, `HTTP:Request` or an OpenAPI call such as `ECS:DescribeInstances`."
        }
        "TaskMode" => {
            "`RequestComplete` (default: wait for the result), `WaitForSystemCallback` or `WaitForCustomCallback` (wait for a callback with the task token)."
        }
        "Parameters" => {
            "The request's arguments. Keys ending in `.$` take an expression; optimized integrations use lowerCamelCase names."
        }
        "Timeout" => {
            "At the root: the execution's time limit in seconds (1–31536000 in Standard mode, 1–300 in Express); past it the execution times out. In a Task: seconds the Task may take, 0–604800 (0: no limit); past it the Task fails with a timeout error."
        }
        "Retry" => "Retry rules, tried in order: the first whose `Errors` match the error retries the state.",
        "Catch" => {
            "Catch rules, tried in order after retries are exhausted: the first whose `Errors` match goes to its `Next`."
        }
        "OnErrors" => {
            "Superseded (Dec 2023 – Feb 2024 revisions): one list for retrying and catching; write `Retry` and `Catch` instead (FDL-C001)."
        }
        "Errors" => "Error names this rule applies to; `FnF.ALL` matches every error.",
        "MaxAttempts" => "Most retries (INFERRED: total calls = 1 + MaxAttempts).",
        "IntervalSeconds" => "Delay before the first retry, in seconds (≤ 86400).",
        "BackoffRate" => "Multiplier applied to the delay after each retry; omitted: a constant delay.",
        "MaxBackoffSeconds" => "Cap on any single retry delay, in seconds (≤ 86400).",
        "Branches" => {
            "Choice: conditions tried top to bottom, the first true one wins. Parallel: sub-flows run concurrently (at most 50)."
        }
        "Condition" => "A boolean expression, written without a `.$` suffix, e.g. `$Input.status == \"ready\"`.",
        "Default" => "Choice: the state to go to when no condition is true.",
        "ItemsPath" => "An expression yielding the array to iterate over, e.g. `$Input.items`.",
        "Processor" => "The sub-flow (`StartAt`, `States`) run once per item.",
        "MaxConcurrency" => {
            "Iterations run at once: inline Map up to 40 (default 40, UNCERTAIN); distributed default 100."
        }
        "ItemConstructor" => "Distributed Map: builds each iteration's input; `$Item` is the original item.",
        "ItemReader" => "Distributed Map: reads the items from OSS instead of the state input (field names UNCERTAIN).",
        "ItemBatcher" => "Distributed Map: groups items into one child execution (fields UNCERTAIN).",
        "ResultWriter" => "Distributed Map: writes results to OSS instead of returning them (fields UNCERTAIN).",
        "MaxItems" => "Distributed Map: cap on the number of items (quota 10,000 by default).",
        "ProcessorConfig" => "Distributed Map: `{ExecutionMode: Express | Standard}`, the child executions' mode.",
        "ToleratedFailurePercentage" => {
            "Distributed Map: keeps going until more than this share of items failed (0–100)."
        }
        "ToleratedFailureCount" => {
            "Distributed Map: keeps going until more than this many items failed (name UNCERTAIN)."
        }
        "Seconds" => "How long to wait: 1–300 seconds (Express mode: 1–20).",
        "Seconds.$" => "An expression yielding the seconds to wait, e.g. `$Input.delay`.",
        "UntilDateTime" => "Waits until this time (RFC 3339); UNCERTAIN in the reference.",
        "Code" => "Fail: the error name the execution fails with.",
        "Detail" => "Fail: the human-readable cause.",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::StateType;
    use crate::model::fields::{COMMON_STATE_KEYS, ROOT_KEYS, specific_keys};

    #[test]
    fn every_key_the_linter_knows_is_documented() {
        let mut keys: Vec<&str> = ROOT_KEYS.iter().chain(COMMON_STATE_KEYS).copied().collect();
        for t in StateType::ALL {
            keys.extend(specific_keys(t));
        }
        for key in keys {
            assert!(key_doc(key).is_some(), "{key} has no documentation");
        }
    }
}
