//! Every lint rule has `fixtures/<CODE>/valid.yaml` (no finding of that code) and
//! `fixtures/<CODE>/invalid.yaml` (at least one), and the rendered diagnostics of the invalid
//! fixture are pinned by a snapshot in `snapshots/`.

use std::path::PathBuf;

use fdl::lint::{LintConfig, all_rules};

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// `code` selects the setup: FDL-T030 is the rule for linting without the OpenAPI catalog.
fn lint_file(path: &PathBuf, code: &str) -> (String, Vec<fdl::Diagnostic>) {
    let source = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    // A fixture whose first line says so is linted as an Express flow (an API attribute,
    // not part of the YAML).
    let mut config = LintConfig::default();
    if source.lines().next().is_some_and(|l| l.contains("linted with execution mode Express")) {
        config.execution_mode = fdl::lint::ExecutionMode::Express;
    }
    // The FDL-A rules need the OpenAPI catalog; every fixture is linted with it, as the CLI does.
    let catalog: Option<&dyn fdl::lint::ApiCatalog> =
        if code == "FDL-T030" { None } else { Some(catalog::Catalog::embedded()) };
    let report = fdl::lint_with_catalog(&source, &config, catalog);
    (source, report.diagnostics)
}

/// Rules the command line reports about files the linter never sees (no text to lint, so no
/// invalid fixture): FDL-P011, a file that cannot be read, is tested in
/// `crates/cli/tests/discovery.rs`.
const REPORTED_BY_THE_CLI: &[&str] = &["FDL-P011"];

#[test]
fn every_rule_has_a_valid_and_an_invalid_fixture() {
    let mut missing = Vec::new();
    for rule in all_rules() {
        let code = rule.meta().code;
        for kind in ["valid.yaml", "invalid.yaml"] {
            if kind == "invalid.yaml" && REPORTED_BY_THE_CLI.contains(&code) {
                continue;
            }
            if !fixtures().join(code).join(kind).is_file() {
                missing.push(format!("{code}/{kind}"));
            }
        }
    }
    assert!(missing.is_empty(), "missing fixtures: {missing:?}");
}

#[test]
fn valid_fixtures_have_no_finding_of_their_rule() {
    for rule in all_rules() {
        let code = rule.meta().code;
        let path = fixtures().join(code).join("valid.yaml");
        if !path.is_file() {
            continue;
        }
        let (_, diagnostics) = lint_file(&path, code);
        let hits: Vec<_> = diagnostics.iter().filter(|d| d.code == code).collect();
        assert!(hits.is_empty(), "{code}/valid.yaml has findings of its own rule: {hits:#?}");
    }
}

#[test]
fn invalid_fixtures_are_caught_and_rendered() {
    for rule in all_rules() {
        let code = rule.meta().code;
        let path = fixtures().join(code).join("invalid.yaml");
        if !path.is_file() {
            continue;
        }
        let (source, diagnostics) = lint_file(&path, code);
        assert!(
            diagnostics.iter().any(|d| d.code == code),
            "{code}/invalid.yaml is not caught by {code}: {diagnostics:#?}"
        );
        let own: Vec<fdl::Diagnostic> = diagnostics.into_iter().filter(|d| d.code == code).collect();
        insta::assert_snapshot!(code, fdl::report::render_plain(&source, &own));
    }
}

/// Property of every fix: applied alone to its invalid fixture, it removes a finding of its rule
/// (the count of that code goes down), and the fixed text lints without panicking.
#[test]
fn each_fix_removes_its_own_finding() {
    let mut checked = 0;
    let mut failures = Vec::new();
    for rule in fdl::lint::all_rules() {
        let code = rule.meta().code;
        let path = fixtures().join(code).join("invalid.yaml");
        if !path.is_file() {
            continue;
        }
        let (source, diagnostics) = lint_file(&path, code);
        let before = diagnostics.iter().filter(|d| d.code == code).count();
        for d in diagnostics.iter().filter(|d| d.code == code && d.fix.is_some()) {
            let (fixed, applied) = fdl::fix::apply_fixes(&source, std::slice::from_ref(d), true);
            assert_eq!(applied, 1, "{code}: the fix at {:?} did not apply", d.span);
            let fixed_path = std::env::temp_dir().join(format!("flowplay-fix-{code}-{}.yaml", std::process::id()));
            std::fs::write(&fixed_path, &fixed).expect("temp file");
            let (_, after) = lint_file(&fixed_path, code);
            let _ = std::fs::remove_file(&fixed_path);
            let remaining = after.iter().filter(|a| a.code == code).count();
            if remaining >= before {
                failures.push(format!(
                    "{code}: fix {:?} left {remaining} of {before} findings",
                    d.fix.as_ref().map(|f| &f.message)
                ));
            }
            checked += 1;
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
    assert!(checked >= 20, "only {checked} fixes were checked");
}
