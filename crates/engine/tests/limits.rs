//! Every execution limit of `EngineOptions` ends a run with its own error name and a message
//! that says which limit, and the run stops there (no hang, no panic).

use engine::{EngineOptions, Execution, ExecutionStatus, MockInvoker, errors};
use serde_json::{Value, json};

fn run(source: &str, input: Value, options: EngineOptions) -> Execution {
    let analysis = fdl::analyze(source);
    let flow = analysis.document.as_ref().and_then(|d| d.as_current()).expect("a current-dialect workflow");
    futures::executor::block_on(engine::run(flow, input, &MockInvoker::echo(), &options))
}

fn assert_failed_with(e: &Execution, error: &str, cause_mentions: &str) {
    assert_eq!(e.error.as_deref(), Some(error), "{e:?}");
    assert!(e.cause.as_deref().unwrap_or("").contains(cause_mentions), "{:?}", e.cause);
}

const CHAIN: &str = "Type: StateMachine\nName: chain\nSpecVersion: v1\nStartAt: A\nStates:\n  - Type: Pass\n    Name: A\n    Next: B\n  - Type: Pass\n    Name: B\n    Next: C\n  - Type: Pass\n    Name: C\n    Next: D\n  - Type: Pass\n    Name: D\n    End: true\n";

#[test]
fn the_history_event_limit() {
    let e = run(CHAIN, json!({}), EngineOptions { max_events: 5, ..EngineOptions::default() });
    assert_eq!(e.status, ExecutionStatus::Failed);
    assert_failed_with(&e, errors::EVENT_LIMIT, "5 history events");
    assert!(e.events.len() <= 6, "the history stops at the limit (+ the closing event): {}", e.events.len());
}

#[test]
fn the_payload_limit() {
    let big = "x".repeat(2_000);
    let e = run(CHAIN, json!({ "big": big }), EngineOptions { max_payload_bytes: 1_000, ..EngineOptions::default() });
    assert_eq!(e.status, ExecutionStatus::Failed);
    assert_failed_with(&e, errors::PAYLOAD_TOO_LARGE, "1000");
}

#[test]
fn the_map_item_limit() {
    let map = "Type: StateMachine\nName: m\nSpecVersion: v1\nStartAt: M\nStates:\n  - Type: Map\n    Name: M\n    ItemsPath: $Input.items\n    Processor:\n      StartAt: P\n      States:\n        - Type: Pass\n          Name: P\n          End: true\n    End: true\n";
    let items: Vec<u32> = (0..50).collect();
    let e = run(map, json!({ "items": items }), EngineOptions { max_map_items: 10, ..EngineOptions::default() });
    assert_eq!(e.status, ExecutionStatus::Failed);
    assert_failed_with(&e, errors::MAP_ITEM_LIMIT, "10");
    let ok = run(map, json!({ "items": [1, 2, 3] }), EngineOptions { max_map_items: 10, ..EngineOptions::default() });
    assert_eq!(ok.status, ExecutionStatus::Succeeded);
}

#[test]
fn the_execution_time_limit() {
    let wait = "Type: StateMachine\nName: w\nSpecVersion: v1\nStartAt: W1\nStates:\n  - Type: Wait\n    Name: W1\n    Seconds: 200\n    Next: W2\n  - Type: Wait\n    Name: W2\n    Seconds: 200\n    End: true\n";
    let e = run(wait, json!({}), EngineOptions { execution_timeout_ms: 300_000, ..EngineOptions::default() });
    assert_eq!(e.status, ExecutionStatus::TimedOut);
    assert_eq!(e.error.as_deref(), Some(errors::EXECUTION_TIMEOUT));
}

#[test]
fn the_transition_limit() {
    let e = run(CHAIN, json!({}), EngineOptions { max_transitions: 2, ..EngineOptions::default() });
    assert_failed_with(&e, errors::TRANSITION_LIMIT, "more than 2 state transitions");
}
