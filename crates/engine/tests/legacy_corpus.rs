//! Issue 15: every legacy (`type: flow`) workflow of the public corpus (`../shared/corpus`) and
//! of the repository's real-world corpus (`tests/corpus/realworld`) runs natively with the
//! default echo mocks: no panic, and a terminal status. Those the linter accepts run through
//! `engine::prepare` (as `flowplay run` does); every legacy document, accepted or not, also runs
//! directly on the engine (robustness). Prints a summary.

use std::path::Path;

use engine::ExecutionStatus;
use serde_json::json;
use support::{shared_corpus, yaml_files};

mod support;

fn terminal(status: ExecutionStatus) -> bool {
    matches!(status, ExecutionStatus::Succeeded | ExecutionStatus::Failed | ExecutionStatus::TimedOut)
}

#[derive(Default)]
struct Summary {
    files: usize,
    prepared: usize,
    refused_by_lint: usize,
    succeeded: usize,
    failed: usize,
    timed_out: usize,
    lines: Vec<String>,
}

fn run_file(path: &Path, summary: &mut Summary) {
    let source = std::fs::read_to_string(path).unwrap();
    let analysis = fdl::analyze(&source);
    let Some(flow) = analysis.document.as_ref().and_then(|d| d.as_legacy()) else { return };
    summary.files += 1;
    let options = engine::EngineOptions { max_transitions: 500, ..Default::default() };
    let invoker = engine::MockInvoker::echo();
    // Directly, whatever the linter says: never a panic, always an end.
    let direct = futures::executor::block_on(engine::run(flow, json!({}), &invoker, &options));
    assert!(terminal(direct.status), "{}: {:?}", path.display(), direct.status);
    let request = engine::RunRequest {
        source: &source,
        linter: fdl::Linter::default(),
        input: json!({}),
        mocks: None,
        case: None,
        options: options.clone(),
    };
    let verdict = match engine::prepare(request) {
        Ok(p) => {
            summary.prepared += 1;
            assert!(p.flow.as_legacy().is_some(), "{}", path.display());
            let e = futures::executor::block_on(engine::run(&p.flow, p.input, &p.invoker, &p.options));
            assert!(terminal(e.status), "{}: {:?}", path.display(), e.status);
            assert_eq!(e.status, direct.status, "{}: same run through prepare", path.display());
            match e.status {
                ExecutionStatus::Succeeded => summary.succeeded += 1,
                ExecutionStatus::TimedOut => summary.timed_out += 1,
                _ => summary.failed += 1,
            }
            let cause: String = e.cause.unwrap_or_default().chars().take(100).collect();
            format!("{:?} {} {cause}", e.status, e.error.unwrap_or_default())
        }
        Err(engine::PrepareError::Lint(errors)) => {
            summary.refused_by_lint += 1;
            format!("lint errors ({}), direct run {:?}", errors.len(), direct.status)
        }
        Err(e) => panic!("{}: {e}", path.display()),
    };
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    summary.lines.push(format!("  {name}: {verdict}"));
}

#[test]
fn every_legacy_corpus_workflow_runs_to_an_end() {
    let mut paths = Vec::new();
    yaml_files(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/corpus/realworld"), &mut paths);
    if let Some(shared) = shared_corpus() {
        yaml_files(&shared, &mut paths);
    }
    paths.sort();
    let mut summary = Summary::default();
    for p in &paths {
        run_file(p, &mut summary);
    }
    eprintln!(
        "legacy corpus: {} flows; {} prepared ({} succeeded, {} failed, {} timed out with echo mocks), {} refused by lint",
        summary.files, summary.prepared, summary.succeeded, summary.failed, summary.timed_out, summary.refused_by_lint
    );
    for line in &summary.lines {
        eprintln!("{line}");
    }
    assert!(summary.files >= 30, "expected the real-world corpus's legacy flows, found {}", summary.files);
    assert!(summary.succeeded > 0);
}
