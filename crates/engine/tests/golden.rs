//! Golden scenarios: each folder under `tests/golden/` holds `workflow.yaml`, `input.json`,
//! optional `mocks.yaml` (case `default`), optional `options.json` (`mode`, `maxEvents`,
//! `maxPayloadBytes`, `maxMapItems`, `executionTimeoutMs`: the run's mode and changed limits) and
//! `expected.json` (status, output, error, cause, the whole event history and any MapRuns).
//! Every history is in time order and ends with its closing event. Regenerate with
//! `UPDATE_GOLDEN=1 cargo test -p engine --test golden` and review the diff.

use std::path::Path;

use serde_json::{Value, json};

fn options(dir: &Path) -> engine::EngineOptions {
    let given: Value = std::fs::read_to_string(dir.join("options.json"))
        .map(|t| serde_json::from_str(&t).unwrap())
        .unwrap_or_else(|_| json!({}));
    let mode = given["mode"].as_str().map_or(engine::ExecutionMode::Standard, |m| {
        engine::ExecutionMode::parse(m).unwrap_or_else(|| panic!("{}: mode {m}", dir.display()))
    });
    let mut o = engine::EngineOptions { max_transitions: 200, seed: 42, ..engine::EngineOptions::for_mode(mode) };
    let number = |key: &str| given[key].as_u64();
    if let Some(n) = number("maxEvents") {
        o.max_events = n as usize;
    }
    if let Some(n) = number("maxPayloadBytes") {
        o.max_payload_bytes = n as usize;
    }
    if let Some(n) = number("maxMapItems") {
        o.max_map_items = n as usize;
    }
    if let Some(n) = given["executionTimeoutMs"].as_i64() {
        o.execution_timeout_ms = n;
    }
    o
}

fn run_scenario(dir: &Path) -> Value {
    let source = std::fs::read_to_string(dir.join("workflow.yaml")).unwrap();
    let input: Value = serde_json::from_str(&std::fs::read_to_string(dir.join("input.json")).unwrap()).unwrap();
    let mocks = std::fs::read_to_string(dir.join("mocks.yaml")).ok();
    let request = engine::RunRequest {
        source: &source,
        linter: fdl::Linter::default(),
        input,
        mocks: mocks.as_deref(),
        case: mocks.is_some().then_some("default"),
        options: options(dir),
    };
    let p = engine::prepare(request).unwrap_or_else(|e| panic!("{}: {e} {e:?}", dir.display()));
    let e = futures::executor::block_on(engine::run(&p.flow, p.input, &p.invoker, &p.options));
    assert!(e.events.is_sorted_by_key(|ev| ev.time.clone()), "{}: the history is out of time order", dir.display());
    let closing = e.events.iter().position(|ev| format!("{:?}", ev.kind).starts_with("Execution") && ev.event_id > 1);
    assert_eq!(closing, Some(e.events.len() - 1), "{}: nothing after the closing event", dir.display());
    let mut out = json!({"status": e.status, "output": e.output, "error": e.error, "cause": e.cause, "started": e.started_time, "stopped": e.stopped_time, "events": e.events});
    if !e.map_runs.is_empty() {
        out["mapRuns"] = json!(e.map_runs);
    }
    out
}

#[test]
fn golden_scenarios() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden");
    let mut dirs: Vec<_> =
        std::fs::read_dir(&root).unwrap().map(|e| e.unwrap().path()).filter(|p| p.is_dir()).collect();
    dirs.sort();
    assert!(dirs.len() >= 10);
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let mut mismatches = Vec::new();
    for dir in dirs {
        let actual = run_scenario(&dir);
        let path = dir.join("expected.json");
        if update {
            std::fs::write(&path, serde_json::to_string_pretty(&actual).unwrap() + "\n").unwrap();
            continue;
        }
        let expected: Value = serde_json::from_str(
            &std::fs::read_to_string(&path)
                .unwrap_or_else(|_| panic!("{} missing; run with UPDATE_GOLDEN=1", path.display())),
        )
        .unwrap();
        if expected != actual {
            mismatches.push(format!("{}:\nexpected {}\nactual   {}", dir.display(), expected, actual));
        }
        // Same inputs, mocks and seed → the same history, byte for byte.
        assert_eq!(serde_json::to_string(&run_scenario(&dir)).unwrap(), serde_json::to_string(&actual).unwrap());
    }
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n\n"));
}

/// Real time: Waits and back-offs are passed to the sleeper, scaled; the history keeps the
/// virtual timestamps.
#[test]
fn real_time_sleeps_scaled_waits_and_backoffs() {
    use std::cell::RefCell;
    struct Recorder(RefCell<Vec<u64>>);
    impl engine::Sleeper for Recorder {
        fn sleep_ms<'a>(&'a self, ms: u64) -> std::pin::Pin<Box<dyn std::future::Future<Output = ()> + 'a>> {
            self.0.borrow_mut().push(ms);
            Box::pin(std::future::ready(()))
        }
    }
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/retry-backoff");
    let source = std::fs::read_to_string(dir.join("workflow.yaml")).unwrap();
    let report = fdl::Linter::default().lint(&source);
    let flow = report.analysis.document.as_ref().and_then(|d| d.as_current()).unwrap();
    let invoker =
        engine::MockInvoker::from_text(&std::fs::read_to_string(dir.join("mocks.yaml")).unwrap(), Some("default"))
            .unwrap();
    let recorder = Recorder(RefCell::new(Vec::new()));
    let e = futures::executor::block_on(engine::run_in_time(
        flow,
        json!({"x": 1}),
        &invoker,
        &Default::default(),
        Some((&recorder, 0.01)),
    ));
    assert_eq!(e.status, engine::ExecutionStatus::Succeeded);
    assert_eq!(*recorder.0.borrow(), vec![100, 200, 400]); // 10 s, 20 s, 40 s at 1/100
    assert_eq!(e.stopped_time, "2026-01-01T00:01:10.000Z");
}
