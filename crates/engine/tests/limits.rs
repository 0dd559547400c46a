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

/// A Task that fails once, then succeeds; the user aborts while the retry is in flight.
const RETRIED: &str = "Type: StateMachine\nName: r\nSpecVersion: v1\nStartAt: Call\nStates:\n  - Type: Task\n    Name: Call\n    Action: FC:InvokeFunction\n    Parameters:\n      resourceArn: acs:fc:cn-hangzhou:1:functions/f\n    Retry:\n      - Errors: [FnF.ALL]\n        MaxAttempts: 3\n        IntervalSeconds: 1\n    Next: After\n  - Type: Pass\n    Name: After\n    End: true\n";

struct AbortDuringRetry {
    calls: std::cell::Cell<u32>,
    aborted: std::cell::Cell<bool>,
}

impl engine::Invoker for AbortDuringRetry {
    fn invoke<'a>(
        &'a self,
        _call: &'a engine::TaskCall,
    ) -> std::pin::Pin<Box<dyn std::future::Future<Output = engine::TaskOutcome> + 'a>> {
        let n = self.calls.get();
        self.calls.set(n + 1);
        // The user clicks Abort while the second call (the retry) is in flight.
        if n == 1 {
            self.aborted.set(true);
        }
        let result = if n == 0 {
            Err(engine::TaskError { error: "FC.ResourceThrottled".into(), cause: "busy".into() })
        } else {
            Ok(json!({"ok": true}))
        };
        Box::pin(std::future::ready(engine::TaskOutcome { result, duration_ms: 10 }))
    }
}

impl engine::Supervisor for AbortDuringRetry {
    fn before_state<'a>(
        &'a self,
        _progress: engine::Progress<'a>,
    ) -> std::pin::Pin<Box<dyn std::future::Future<Output = Result<(), engine::Failure>> + 'a>> {
        Box::pin(std::future::ready(Ok(())))
    }

    fn stopped(&self) -> Option<engine::Failure> {
        self.aborted.get().then(|| engine::Failure::new(errors::ABORTED, "stopped by the user"))
    }
}

#[test]
fn nothing_is_recorded_after_an_abort_during_a_retry() {
    let analysis = fdl::analyze(RETRIED);
    let flow = analysis.document.as_ref().and_then(|d| d.as_current()).unwrap();
    let host = AbortDuringRetry { calls: Default::default(), aborted: Default::default() };
    let hooks = engine::RunHooks { real_time: None, supervisor: Some(&host) };
    let e = futures::executor::block_on(engine::run_with(flow, json!({}), &host, &EngineOptions::default(), hooks));
    assert_eq!(e.status, ExecutionStatus::Stopped, "{e:?}");
    let kinds: Vec<String> = e.events.iter().map(|ev| format!("{:?}", ev.kind)).collect();
    assert!(!kinds.iter().any(|k| k == "TaskSucceeded" || k == "StepSucceeded"), "{kinds:?}");
    assert_eq!(kinds.last().map(String::as_str), Some("ExecutionStopped"), "{kinds:?}");
    assert!(e.traces.iter().all(|t| t.name != "After"), "After never ran");
}

const INLINE_MAP: &str = "Type: StateMachine\nName: m\nSpecVersion: v1\nStartAt: M\nStates:\n  - Type: Map\n    Name: M\n    ItemsPath: split($Input.commas, \",\")\n    Processor:\n      StartAt: P\n      States:\n        - Type: Pass\n          Name: P\n          End: true\n    End: true\n";

#[test]
fn an_inline_map_keeps_the_parent_event_limit_which_can_be_raised() {
    let input = json!({ "commas": ",".repeat(999) }); // 1,000 items, 6 events each
    let service = run(INLINE_MAP, input.clone(), EngineOptions::default());
    assert_failed_with(&service, errors::EVENT_LIMIT, "5000 history events");
    let raised = run(INLINE_MAP, input, EngineOptions { max_events: 10_000, ..EngineOptions::default() });
    assert_eq!(raised.status, ExecutionStatus::Succeeded, "{:?}", raised.error);
    let started = &raised.events[0].event_detail;
    assert_eq!(started["flowplayLimits"]["maxEvents"], json!({"value": 10000, "service": 5000, "change": "raised"}));
}

#[test]
fn a_distributed_map_child_has_its_own_event_budget() {
    let distributed =
        INLINE_MAP.replace("    Processor:\n", "    ProcessorConfig:\n      ExecutionMode: Express\n    Processor:\n");
    let e = run(
        &distributed,
        json!({ "commas": ",".repeat(9_999) }),
        EngineOptions::for_mode(engine::ExecutionMode::Express),
    );
    assert_eq!(e.status, ExecutionStatus::Succeeded, "{:?}", e.cause);
    assert!(e.events.len() < 20, "the parent records the MapRun, not 10,000 iterations: {}", e.events.len());
    assert!(e.events.iter().any(|ev| ev.kind == engine::EventType::MapRunStarted));
    assert_eq!(e.map_runs.len(), 1);
    assert_eq!(
        e.map_runs[0].item_counts,
        engine::ItemCounts { total: 10_000, succeeded: 10_000, failed: 0, aborted: 0 }
    );
    assert!(!e.events[0].event_detail.as_object().unwrap().contains_key("flowplayLimits"), "service limits");
}

#[test]
fn a_child_over_its_own_budget_fails_only_its_item() {
    // The parent records 6 events; each child 9 (two states): a budget of 7 fails every child,
    // each on its own history, and not the parent.
    let distributed = INLINE_MAP
        .replace(
            "    Processor:\n",
            "    ProcessorConfig:\n      ExecutionMode: Express\n    ToleratedFailureCount: 100\n    Processor:\n",
        )
        .replace(
            "          Name: P\n          End: true\n",
            "          Name: P\n          Next: Q\n        - Type: Pass\n          Name: Q\n          End: true\n",
        );
    let e = run(&distributed, json!({ "commas": ",," }), EngineOptions { max_events: 7, ..EngineOptions::default() });
    assert_eq!(e.status, ExecutionStatus::Succeeded, "{:?}", e.cause);
    let items = e.output.as_ref().unwrap()["Items"].as_array().unwrap().clone();
    assert_eq!(items.len(), 3);
    assert!(items.iter().all(|i| i["Error"] == errors::EVENT_LIMIT), "{items:?}");
}

#[test]
fn root_timeout_is_the_time_limit_and_never_raises_the_modes() {
    let wait = "Type: StateMachine\nName: w\nSpecVersion: v1\nTimeout: 250\nStartAt: W1\nStates:\n  - Type: Wait\n    Name: W1\n    Seconds: 200\n    Next: W2\n  - Type: Wait\n    Name: W2\n    Seconds: 200\n    End: true\n";
    let e = run(wait, json!({}), EngineOptions::default());
    assert_eq!(e.status, ExecutionStatus::TimedOut);
    assert_eq!(e.stopped_time, "2026-01-01T00:04:10.000Z");
    // A Timeout longer than the run's limit does not raise it.
    let long = wait.replace("Timeout: 250", "Timeout: 100000");
    let e = run(&long, json!({}), EngineOptions { execution_timeout_ms: 300_000, ..EngineOptions::default() });
    assert_eq!(e.stopped_time, "2026-01-01T00:05:00.000Z");
}

#[test]
fn huge_numbers_saturate_the_clock() {
    let wait = "Type: StateMachine\nName: w\nSpecVersion: v1\nStartAt: W\nStates:\n  - Type: Wait\n    Name: W\n    Seconds.$: $Input.s\n    End: true\n";
    for s in [json!(1e20), json!(1e308), json!(i64::MAX), json!(9.2e15)] {
        let e = run(wait, json!({ "s": s }), EngineOptions::default());
        assert_eq!(e.status, ExecutionStatus::TimedOut, "{s}");
        assert_eq!(e.stopped_time, "2027-01-01T00:00:00.000Z", "{s}");
        // Without a limit the clock stops at its end instead of wrapping.
        let e =
            run(wait, json!({ "s": s }), EngineOptions { execution_timeout_ms: i64::MAX, ..EngineOptions::default() });
        assert!(e.events.windows(2).all(|w| w[0].at_ms <= w[1].at_ms && w[0].at_ms >= 0), "{s}: in time order");
    }
}

#[test]
fn a_parent_timing_out_aborts_its_map_run() {
    let distributed = "Type: StateMachine\nName: m\nSpecVersion: v1\nStartAt: M\nStates:\n  - Type: Map\n    Name: M\n    ItemsPath: split($Input.commas, \",\")\n    MaxConcurrency: 1\n    ProcessorConfig:\n      ExecutionMode: Express\n    Processor:\n      StartAt: W\n      States:\n        - Type: Wait\n          Name: W\n          Seconds: 20\n          End: true\n    End: true\n";
    // 20 children of 20 s one after another: 400 s, past Express's 5 minutes.
    let e =
        run(distributed, json!({ "commas": ",".repeat(19) }), EngineOptions::for_mode(engine::ExecutionMode::Express));
    assert_eq!(e.status, ExecutionStatus::TimedOut);
    assert_eq!(e.stopped_time, "2026-01-01T00:05:00.000Z");
    assert_eq!(e.map_runs[0].status, "Aborted");
    let counts = &e.map_runs[0].item_counts;
    assert_eq!(
        (counts.succeeded, counts.aborted),
        (15, 1),
        "15 children finished within the 300 s; the 16th was running"
    );
}
