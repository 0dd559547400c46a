//! Engine throughput: Pass-state transitions per second on a long chain, and a Map over 10,000
//! items with a mocked Task. Budgets (design.md): ≥ 2,000,000 transitions/s; Map < 200 ms.
//! Run: `cargo bench -p engine --bench engine_throughput`.

use std::time::Instant;

use serde_json::json;

fn flow(source: &str) -> fdl::model::Flow {
    let mut config = fdl::LintConfig::default();
    config.limits.max_bytes = 64 * 1024 * 1024;
    let report = fdl::Linter::new(config).lint(source);
    assert!(!report.has_errors(), "{:?}", report.diagnostics.first());
    match report.analysis.document {
        Some(fdl::model::Document::Current(f)) => f,
        _ => panic!("not a current-dialect workflow"),
    }
}

fn main() {
    // 1. A chain of Pass states.
    let n = 100_000;
    let mut src = String::from("Type: StateMachine\nName: chain\nSpecVersion: v1\nStartAt: S0\nStates:\n");
    for i in 0..n {
        let next = if i + 1 == n { "    End: true\n".to_owned() } else { format!("    Next: S{}\n", i + 1) };
        src.push_str(&format!("  - Type: Pass\n    Name: S{i}\n{next}"));
    }
    let chain = flow(&src);
    let opts = engine::EngineOptions {
        max_transitions: usize::MAX,
        max_events: usize::MAX,
        record_details: false,
        max_payload_bytes: usize::MAX,
        ..Default::default()
    };
    let invoker = engine::MockInvoker::echo();
    let mut best = f64::MAX;
    for _ in 0..5 {
        let t = Instant::now();
        let e = futures::executor::block_on(engine::run(&chain, json!({"k": 1}), &invoker, &opts));
        let secs = t.elapsed().as_secs_f64();
        assert_eq!(e.transitions, n);
        best = best.min(secs);
    }
    println!(
        "pass chain: {n} transitions in {:.1} ms = {:.0} transitions/s (history events recorded; details and traces off)",
        best * 1e3,
        n as f64 / best
    );
    let full = engine::EngineOptions { record_details: true, ..opts.clone() };
    let t = Instant::now();
    let e = futures::executor::block_on(engine::run(&chain, json!({"k": 1}), &invoker, &full));
    let secs = t.elapsed().as_secs_f64();
    println!(
        "pass chain with full history details and data-flow traces: {:.0} transitions/s ({} events)",
        n as f64 / secs,
        e.events.len()
    );

    // 2. Map over 10,000 items with a mocked Task per item.
    let map = flow(
        "Type: StateMachine\nName: m\nSpecVersion: v1\nStartAt: M\nStates:\n  - Type: Map\n    Name: M\n    ItemsPath: $Input.items\n    MaxConcurrency: 40\n    Processor:\n      StartAt: T\n      States:\n        - Type: Task\n          Name: T\n          Action: FC:InvokeFunction\n          Parameters:\n            resourceArn: acs:fc:cn-hangzhou:1:functions/f/LATEST\n            invocationType: Sync\n            body.$: $Input\n          OutputConstructor:\n            id.$: $Output.body.id\n          End: true\n    End: true\n",
    );
    let items: Vec<_> = (0..10_000).map(|i| json!({"id": i})).collect();
    let opts = engine::EngineOptions {
        max_events: usize::MAX,
        max_transitions: usize::MAX,
        max_payload_bytes: usize::MAX,
        ..Default::default()
    };
    let mut best = f64::MAX;
    let mut events = 0;
    for _ in 0..5 {
        let t = Instant::now();
        let e = futures::executor::block_on(engine::run(&map, json!({"items": items}), &invoker, &opts));
        best = best.min(t.elapsed().as_secs_f64());
        assert_eq!(e.status, engine::ExecutionStatus::Succeeded, "{:?}", e.error);
        events = e.events.len();
    }
    println!("map over 10,000 items with a mocked Task: {:.1} ms ({events} events, full history)", best * 1e3);
}
