//! Conformance on the public corpus (`../shared/corpus`): every file in `valid/` lints with no
//! error and no warning except the reviewed ones (`tests/corpus/shared-valid`, as for the
//! real-world corpus), `valid/00` with no finding at all, and every problem listed in
//! `invalid/expected.tsv` is reported as an error on its line.

use std::path::{Path, PathBuf};

use fdl::Severity;
use flowplay_tests::{Reviewed, ReviewedGate, lint_file, read_reviewed};

/// The reviewed findings on `../shared/corpus/valid` (read-only, so the lists live here).
fn reviewed_dir() -> PathBuf {
    flowplay_tests::repo_root().join("tests/corpus/shared-valid")
}

fn valid_files(corpus: &Path) -> Vec<PathBuf> {
    let mut files: Vec<_> = std::fs::read_dir(corpus.join("valid"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    files.sort();
    files
}

fn file_name(path: &Path) -> String {
    path.file_name().unwrap().to_string_lossy().into_owned()
}

#[test]
fn every_valid_workflow_has_no_error_or_warning_but_the_reviewed_ones() {
    let Some(corpus) = flowplay_tests::corpus_dir() else { return };
    let files = valid_files(&corpus);
    assert!(files.len() >= 20, "expected the whole corpus, found {} files", files.len());
    let mut gate = ReviewedGate::new(
        &reviewed_dir().join("known-false-positives.tsv"),
        &reviewed_dir().join("known-warnings.tsv"),
    );
    for path in &files {
        gate.check(&file_name(path), &lint_file(path));
    }
    gate.finish("tests/corpus/shared-valid/known-false-positives.tsv or known-warnings.tsv");
}

/// The normal-integration page's example (issue 13): no finding at all, not even an info, except a
/// reviewed false positive that is being fixed.
#[test]
fn valid_00_has_no_finding_at_all() {
    let Some(corpus) = flowplay_tests::corpus_dir() else { return };
    let path = valid_files(&corpus).into_iter().find(|p| file_name(p).starts_with("00-")).expect("valid/00");
    let known = read_reviewed(&reviewed_dir().join("known-false-positives.tsv"));
    let linted = lint_file(&path);
    let findings: Vec<String> = linted
        .diagnostics()
        .iter()
        .filter(|d| {
            !known.contains(&Reviewed { file: file_name(&path), line: linted.line(d), code: d.code.to_owned() })
        })
        .map(|d| linted.describe(d))
        .collect();
    assert!(findings.is_empty(), "{} must lint with no finding:\n{}", path.display(), findings.join("\n"));
}

#[test]
fn every_listed_problem_in_the_invalid_corpus_is_an_error_on_its_line() {
    let Some(corpus) = flowplay_tests::corpus_dir() else { return };
    let expected = std::fs::read_to_string(corpus.join("invalid/expected.tsv")).unwrap();
    let mut missing = Vec::new();
    let mut checked = 0;
    for line in expected.lines().skip(1).filter(|l| !l.trim().is_empty()) {
        let cols: Vec<&str> = line.split('\t').collect();
        let [file, line_no, problem] = cols[..] else { panic!("bad expected.tsv line: {line}") };
        let line_no: u32 = line_no.parse().unwrap();
        let linted = lint_file(&corpus.join("invalid").join(file));
        let hit = linted.diagnostics().iter().any(|d| d.severity == Severity::Error && linted.line(d) == line_no);
        if !hit {
            let found: Vec<String> = linted.diagnostics().iter().map(|d| linted.describe(d)).collect();
            missing.push(format!("{file}:{line_no} ({problem}) not reported as an error; found {found:#?}"));
        }
        checked += 1;
    }
    assert!(checked > 0);
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}

#[test]
fn every_legacy_workflow_migrates_to_a_current_one_without_errors() {
    let Some(corpus) = flowplay_tests::corpus_dir() else { return };
    let mut migrated = 0;
    let mut failures = Vec::new();
    for entry in std::fs::read_dir(corpus.join("valid")).unwrap() {
        let path = entry.unwrap().path();
        let source = std::fs::read_to_string(&path).unwrap();
        let report = fdl::Linter::default().lint(&source);
        let Some(flow) = report.analysis.document.as_ref().and_then(|d| d.as_legacy()) else { continue };
        let text = fdl::migrate::migrate_legacy(flow, "migrated");
        let after = fdl::Linter::default().lint(&text);
        assert!(after.analysis.document.as_ref().is_some_and(|d| d.as_current().is_some()), "{}", path.display());
        for d in after.diagnostics.iter().filter(|d| d.severity == Severity::Error) {
            failures.push(format!("{}: {} {}\n{text}", path.display(), d.code, d.message));
        }
        migrated += 1;
    }
    assert!(migrated >= 10, "expected the legacy corpus files, migrated {migrated}");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Error names that would mean the engine, not the workflow, is at fault.
const ENGINE_FAULTS: &[&str] = &["FnF.InvalidInput", "FnF.TransitionLimitExceeded", "FnF.EventLimitExceeded"];

#[test]
fn every_valid_current_workflow_runs_with_echo_mocks() {
    let Some(corpus) = flowplay_tests::corpus_dir() else { return };
    let mut ran = 0;
    for entry in std::fs::read_dir(corpus.join("valid")).unwrap() {
        let path = entry.unwrap().path();
        let source = std::fs::read_to_string(&path).unwrap();
        let report = fdl::Linter::default().lint(&source);
        let Some(flow) = report.analysis.document.as_ref().and_then(|d| d.as_current()) else { continue };
        let execution = futures::executor::block_on(engine::run(
            flow,
            serde_json::json!({"input": "x", "status": "ready", "timeout": 1, "videoUrl": "https://example.com/v.mp4"}),
            &engine::MockInvoker::echo(),
            &engine::EngineOptions::default(),
        ));
        if let Some(error) = &execution.error {
            assert!(!ENGINE_FAULTS.contains(&error.as_str()), "{}: {error}: {:?}", path.display(), execution.cause);
        }
        assert!(!execution.events.is_empty());
        ran += 1;
    }
    assert!(ran >= 10, "ran {ran} current-dialect workflows");
}
