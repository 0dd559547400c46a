//! Golden scenarios: each folder under `tests/golden/` holds `workflow.yaml`, `input.json`,
//! optional `mocks.yaml` (case `default`) and `expected.json` (status, output, error, cause and
//! the whole event history). Regenerate with `UPDATE_GOLDEN=1 cargo test -p engine --test
//! golden` and review the diff.

use std::path::Path;

use serde_json::{Value, json};

fn run_scenario(dir: &Path) -> Value {
    let source = std::fs::read_to_string(dir.join("workflow.yaml")).unwrap();
    let report = fdl::lint(&source, &fdl::LintConfig::default());
    assert!(!report.has_errors(), "{}: {:?}", dir.display(), report.diagnostics);
    let flow = report.analysis.document.as_ref().and_then(|d| d.as_current()).unwrap().clone();
    let input: Value = serde_json::from_str(&std::fs::read_to_string(dir.join("input.json")).unwrap()).unwrap();
    let invoker = match std::fs::read_to_string(dir.join("mocks.yaml")) {
        Ok(text) => engine::MockInvoker::from_text(&text, Some("default")).unwrap(),
        Err(_) => engine::MockInvoker::echo(),
    };
    let options = engine::EngineOptions { max_transitions: 200, seed: 42, ..Default::default() };
    let e = futures::executor::block_on(engine::run(&flow, input, &invoker, &options));
    json!({"status": e.status, "output": e.output, "error": e.error, "cause": e.cause, "started": e.started_time, "stopped": e.stopped_time, "events": e.events})
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
