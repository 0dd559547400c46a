//! Conformance on the public corpus (`../shared/corpus`): every file in `valid/` lints with no
//! error, and every problem listed in `invalid/expected.tsv` is reported as an error on its line.

use std::path::Path;

use fdl::{LintConfig, Severity};

/// Lints as the CLI does, with the built-in OpenAPI catalog (so `FDL-A…` rules run too).
fn lint(path: &Path) -> (String, Vec<fdl::Diagnostic>, fdl::LineIndex) {
    let source = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let report = fdl::Linter::new(LintConfig::default()).with_catalog(Some(catalog::Catalog::embedded())).lint(&source);
    let index = fdl::LineIndex::new(&source);
    (source, report.diagnostics, index)
}

#[test]
fn every_valid_workflow_lints_without_errors() {
    let Some(corpus) = flowplay_tests::corpus_dir() else { return };
    let mut files: Vec<_> = std::fs::read_dir(corpus.join("valid")).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    assert!(files.len() >= 20, "expected the whole corpus, found {} files", files.len());
    let mut failures = Vec::new();
    for path in files.iter().filter(|p| p.extension().is_some_and(|e| e == "yaml")) {
        let (source, diagnostics, index) = lint(path);
        for d in diagnostics.iter().filter(|d| d.severity == Severity::Error) {
            let p = index.position(&source, d.span.start);
            failures.push(format!("{}:{}:{} {} {}", path.display(), p.line, p.column, d.code, d.message));
        }
    }
    assert!(failures.is_empty(), "errors on valid corpus files:\n{}", failures.join("\n"));
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
        let (source, diagnostics, index) = lint(&corpus.join("invalid").join(file));
        let hit = diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error && index.position(&source, d.span.start).line == line_no);
        if !hit {
            let found: Vec<String> = diagnostics
                .iter()
                .map(|d| format!("{}:{} {}", index.position(&source, d.span.start).line, d.code, d.message))
                .collect();
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
