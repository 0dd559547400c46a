//! Legacy dialect (issue 15): the semantics a golden scenario does not show at a glance, one
//! small flow each, run through `engine::prepare` as every host does.

use engine::{EngineOptions, ExecutionStatus};
use serde_json::{Value, json};

fn run_with(source: &str, input: Value, mocks: Option<&str>, options: EngineOptions) -> engine::Execution {
    let request = engine::RunRequest {
        source,
        linter: fdl::Linter::default(),
        input,
        mocks,
        case: mocks.map(|_| "default"),
        options,
    };
    let p = engine::prepare(request).unwrap_or_else(|e| panic!("{e} {e:?}\n{source}"));
    assert!(p.flow.as_legacy().is_some());
    futures::executor::block_on(engine::run(&p.flow, p.input, &p.invoker, &p.options))
}

fn run(source: &str, input: Value, mocks: Option<&str>) -> engine::Execution {
    run_with(source, input, mocks, EngineOptions::default())
}

const HEAD: &str = "version: v1\ntype: flow\nsteps:\n";

#[test]
fn end_stops_its_own_list_only() {
    let flow = format!(
        "{HEAD}  - type: choice\n    name: c\n    choices:\n      - condition: $.go == true\n        steps:\n          - type: pass\n            name: a\n            end: true\n            outputMappings:\n              - target: a\n                source: 1\n          - type: pass\n            name: skipped\n            outputMappings:\n              - target: skipped\n                source: 1\n  - type: pass\n    name: after\n    outputMappings:\n      - target: after\n        source: 1\n"
    );
    let e = run(&flow, json!({"go": true}), None);
    assert_eq!(e.status, ExecutionStatus::Succeeded);
    assert_eq!(e.output, Some(json!({"a": 1, "after": 1})));
}

#[test]
fn succeed_inside_a_choice_ends_the_flow() {
    let flow = format!(
        "{HEAD}  - type: choice\n    name: c\n    choices:\n      - condition: $.go == true\n        steps:\n          - type: succeed\n            name: done\n    default:\n      steps:\n        - type: pass\n          name: nothing\n  - type: pass\n    name: after\n    outputMappings:\n      - target: after\n        source: 1\n"
    );
    let e = run(&flow, json!({"go": true}), None);
    assert_eq!(e.status, ExecutionStatus::Succeeded);
    assert_eq!(e.output, Some(json!({})), "the step after the choice did not run");
    let e = run(&flow, json!({"go": false}), None);
    assert_eq!(e.output, Some(json!({"after": 1})));
}

#[test]
fn a_goto_loop_without_an_exit_stops_at_the_transition_limit() {
    let flow = format!(
        "{HEAD}  - type: pass\n    name: a\n  - type: choice\n    name: c\n    choices:\n      - condition: $.x == null\n        goto: a\n    default:\n      goto: a\n"
    );
    let options = EngineOptions { max_transitions: 50, ..Default::default() };
    let e = run_with(&flow, json!({}), None, options);
    assert_eq!(e.status, ExecutionStatus::Failed);
    assert_eq!(e.error.as_deref(), Some("FnF.TransitionLimitExceeded"));
    assert_eq!(e.transitions, 51);
}

#[test]
fn a_task_result_that_is_not_an_object_fails_and_catch_sees_it() {
    let mocks = "Cases:\n  default:\n    t:\n      Result: 42\n";
    let flow = format!(
        "{HEAD}  - type: task\n    name: t\n    resourceArn: acs:fc:cn-hangzhou:1:services/s/functions/f\n    catch:\n      - errors: [FnF.InvalidTaskResult]\n        goto: handled\n    errorMappings:\n      - target: e\n        source: $local.error\n  - type: pass\n    name: skipped\n  - type: pass\n    name: handled\n"
    );
    let e = run(&flow, json!({}), Some(mocks));
    assert_eq!(e.status, ExecutionStatus::Succeeded);
    assert_eq!(e.output, Some(json!({"e": "FnF.InvalidTaskResult"})));
}

#[test]
fn an_uncaught_task_error_fails_the_flow_with_its_name() {
    let mocks = "Cases:\n  default:\n    t:\n      Error: FC.FunctionNotFound\n      Cause: gone\n";
    let flow = format!(
        "{HEAD}  - type: task\n    name: t\n    resourceArn: acs:fc:cn-hangzhou:1:services/s/functions/f\n    catch:\n      - errors: [FC.Unknown]\n        goto: t\n"
    );
    let e = run(&flow, json!({}), Some(mocks));
    assert_eq!(e.status, ExecutionStatus::Failed);
    assert_eq!((e.error.as_deref(), e.cause.as_deref()), (Some("FC.FunctionNotFound"), Some("gone")));
}

#[test]
fn a_task_timeout_is_fnf_task_timeout_and_retried() {
    let mocks =
        "Cases:\n  default:\n    t:\n      \"0\": {Result: {}, DelayMs: 10000}\n      \"1\": {Result: {ok: true}}\n";
    let flow = format!(
        "{HEAD}  - type: task\n    name: t\n    resourceArn: acs:fc:cn-hangzhou:1:services/s/functions/f\n    timeoutSeconds: 3\n    retry:\n      - errors: [FnF.TaskTimeout]\n        intervalSeconds: 1\n"
    );
    let e = run(&flow, json!({}), Some(mocks));
    assert_eq!(e.status, ExecutionStatus::Succeeded, "{:?}", e.error);
    assert_eq!(e.output, Some(json!({"ok": true})));
    // 3 s of timed-out call, then the 1 s back-off.
    assert_eq!(e.stopped_time, "2026-01-01T00:00:04.000Z");
}

#[test]
fn a_wait_over_two_days_fails_and_a_past_timestamp_does_not_wait() {
    let flow = format!("{HEAD}  - type: wait\n    name: w\n    duration: $.s\n");
    let e = run(&flow, json!({"s": 172_801}), None);
    assert_eq!(e.error.as_deref(), Some("FnF.InvalidInput"));
    let e = run(&flow, json!({"s": 172_800}), None);
    assert_eq!(e.status, ExecutionStatus::Succeeded);
    let past = format!("{HEAD}  - type: wait\n    name: w\n    timestamp: 2019-05-02T15:04:05Z\n");
    let e = run(&past, json!({}), None);
    assert_eq!(e.status, ExecutionStatus::Succeeded);
    assert_eq!(e.stopped_time, e.started_time);
}

#[test]
fn the_legacy_payload_limit_counts_input_output_and_local() {
    let big = "x".repeat(12 * 1024);
    let flow =
        format!("{HEAD}  - type: task\n    name: t\n    resourceArn: acs:fc:cn-hangzhou:1:services/s/functions/f\n");
    // input (12 KiB) + local (the echoed 12 KiB) + output (the same) > 32 KiB.
    let e = run(&flow, json!({"big": big}), None);
    assert_eq!(e.error.as_deref(), Some("FnF.PayloadTooLarge"), "{:?}", e.cause);
    let small = "x".repeat(8 * 1024);
    let e = run(&flow, json!({"big": small}), None);
    assert_eq!(e.status, ExecutionStatus::Succeeded);
}

#[test]
fn flow_mappings_shape_the_flow_input_and_the_execution_output() {
    let flow = "version: v1\ntype: flow\ninputMappings:\n  - target: n\n    source: $input.number\noutputMappings:\n  - target: result\n    source: $local.doubled\n  - target: original\n    source: $input.n\nsteps:\n  - type: pass\n    name: p\n    outputMappings:\n      - target: doubled\n        source: $input.n\n";
    let e = run(flow, json!({"number": 21, "ignored": true}), None);
    assert_eq!(e.output, Some(json!({"result": 21, "original": 21})));
}

#[test]
fn a_non_boolean_condition_fails_the_choice() {
    let flow = format!(
        "{HEAD}  - type: choice\n    name: c\n    choices:\n      - condition: $.x\n        goto: c\n    default:\n      goto: c\n"
    );
    let e = run(&flow, json!({"x": 5}), None);
    assert_eq!(e.error.as_deref(), Some("FnF.ExpressionError"));
}

/// The supervisor (breakpoints, stepping, abort in the playground) sees every legacy step,
/// nested ones included, and can stop the run before one.
#[test]
fn the_supervisor_sees_legacy_steps_and_can_stop_the_run() {
    use std::cell::RefCell;
    struct StopAt(&'static str, RefCell<Vec<String>>);
    impl engine::Supervisor for StopAt {
        fn before_state<'a>(
            &'a self,
            progress: engine::Progress<'a>,
        ) -> std::pin::Pin<Box<dyn std::future::Future<Output = Result<(), engine::Failure>> + 'a>> {
            self.1.borrow_mut().push(progress.state.to_owned());
            let stop = progress.state == self.0;
            Box::pin(async move {
                if stop { Err(engine::Failure::new(engine::errors::ABORTED, "stopped")) } else { Ok(()) }
            })
        }
    }
    let flow = format!(
        "{HEAD}  - type: parallel\n    name: p\n    branches:\n      - steps:\n          - type: pass\n            name: inner\n  - type: pass\n    name: b\n  - type: pass\n    name: c\n"
    );
    let analysis = fdl::analyze(&flow);
    let legacy = analysis.document.as_ref().and_then(|d| d.as_legacy()).unwrap();
    let supervisor = StopAt("b", RefCell::new(Vec::new()));
    let hooks = engine::RunHooks { real_time: None, supervisor: Some(&supervisor) };
    let e = futures::executor::block_on(engine::run_with(
        legacy,
        json!({}),
        &engine::MockInvoker::echo(),
        &EngineOptions::default(),
        hooks,
    ));
    assert_eq!(e.status, ExecutionStatus::Stopped);
    assert_eq!(*supervisor.1.borrow(), ["p", "inner", "b"]);
    assert!(e.traces.iter().all(|t| t.name != "c"));
}
