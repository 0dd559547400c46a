//! Every lint rule has `fixtures/<CODE>/valid.yaml` (no finding of that code) and
//! `fixtures/<CODE>/invalid.yaml` (at least one), and the rendered diagnostics of the invalid
//! fixture are pinned by a snapshot in `snapshots/`. More cases go beside them as
//! `valid-<case>.yaml` and `invalid-<case>.yaml` (snapshot `<CODE>-<case>`).

use std::path::PathBuf;

use fdl::Linter;
use fdl::lint::{LintConfig, all_rules};

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// The linter a fixture of rule `code` is linted with. A fixture whose first line says so is
/// linted as an Express flow (an API attribute, not part of the YAML). The FDL-A rules need the
/// OpenAPI catalog, so every fixture is linted with it, as the CLI does, except those of
/// FDL-T030, the rule for linting without it.
fn linter_for(source: &str, code: &str) -> Linter<'static> {
    let mut config = LintConfig::default();
    if source.lines().next().is_some_and(|l| l.contains("linted with execution mode Express")) {
        config.execution_mode = fdl::lint::ExecutionMode::Express;
    }
    let catalog: Option<&dyn fdl::lint::ApiCatalog> =
        if code == "FDL-T030" { None } else { Some(catalog::Catalog::embedded()) };
    Linter::new(config).with_catalog(catalog)
}

fn lint_file(path: &PathBuf, code: &str) -> (String, Vec<fdl::Diagnostic>) {
    let source = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let report = linter_for(&source, code).lint(&source);
    (source, report.diagnostics)
}

/// The fixtures of `code` whose name starts with `kind` (`valid` or `invalid`), with the case
/// name (`""` for the main fixture), sorted.
fn cases(code: &str, kind: &str) -> Vec<(String, PathBuf)> {
    let mut out: Vec<(String, PathBuf)> = std::fs::read_dir(fixtures().join(code))
        .into_iter()
        .flatten()
        .filter_map(|e| {
            let path = e.ok()?.path();
            let stem = path.file_name()?.to_str()?.strip_suffix(".yaml")?;
            let case = if stem == kind { "" } else { stem.strip_prefix(kind)?.strip_prefix('-')? };
            Some((case.to_owned(), path))
        })
        .collect();
    out.sort();
    out
}

/// Rules the command line reports about files the linter never sees (no text to lint, so no
/// invalid fixture): FDL-P012, a file that cannot be read, is tested in
/// `crates/cli/tests/discovery.rs`.
const REPORTED_BY_THE_CLI: &[&str] = &["FDL-P012"];

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
        for (_, path) in cases(code, "valid") {
            let (_, diagnostics) = lint_file(&path, code);
            let hits: Vec<_> = diagnostics.iter().filter(|d| d.code == code).collect();
            assert!(hits.is_empty(), "{} has findings of its own rule: {hits:#?}", path.display());
        }
    }
}

#[test]
fn invalid_fixtures_are_caught_and_rendered() {
    for rule in all_rules() {
        let code = rule.meta().code;
        for (case, path) in cases(code, "invalid") {
            let (source, diagnostics) = lint_file(&path, code);
            assert!(
                diagnostics.iter().any(|d| d.code == code),
                "{} is not caught by {code}: {diagnostics:#?}",
                path.display()
            );
            let own: Vec<fdl::Diagnostic> = diagnostics.into_iter().filter(|d| d.code == code).collect();
            let name = if case.is_empty() { code.to_owned() } else { format!("{code}-{case}") };
            insta::assert_snapshot!(name, fdl::report::render_plain(&source, &own));
        }
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
        for (_, path) in cases(code, "invalid") {
            let (source, diagnostics) = lint_file(&path, code);
            let before = diagnostics.iter().filter(|d| d.code == code).count();
            for d in diagnostics.iter().filter(|d| d.code == code && d.fix.is_some()) {
                let fix = d.fix.as_ref().expect("filtered on fixes");
                let fixed = fdl::fix::apply_fix(&source, fix)
                    .unwrap_or_else(|| panic!("{code}: the fix at {:?} does not fit the text", d.span));
                let after = linter_for(&source, code).lint(&fixed).diagnostics;
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
    }
    assert!(failures.is_empty(), "{failures:#?}");
    assert!(checked >= 20, "only {checked} fixes were checked");
}
