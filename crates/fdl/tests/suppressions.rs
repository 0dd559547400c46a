//! Suppression comments (issue 17, "Suppressions and config"): which lines a comment silences,
//! the findings about the comments themselves (FDL-X001 unused, FDL-X002 unknown code, FDL-X003
//! no codes or another form), which codes are judged unused, and the fixes that remove them.

use fdl::lint::{ApiCatalog, LintConfig, SeverityOverride};
use fdl::{FixScope, Linter};

const HEAD: &str =
    "Type: StateMachine\nName: demo\nSpecVersion: v1\nStartAt: A\nStates:\n  - Type: Pass\n    Name: A\n";

fn flow(state_lines: &str) -> String {
    format!("{HEAD}{state_lines}    End: true\n")
}

/// (code, 1-based line) of every finding.
fn findings(linter: &Linter<'_>, source: &str) -> Vec<(&'static str, u32)> {
    let report = linter.lint(source);
    let index = fdl::LineIndex::new(source);
    report.diagnostics.iter().map(|d| (d.code, index.position(source, d.span.start).line)).collect()
}

fn lint(source: &str) -> Vec<(&'static str, u32)> {
    findings(&Linter::default(), source)
}

#[test]
fn a_trailing_comment_silences_its_own_line_only() {
    // Line 8 `Colour` (FDL-S007) is silenced; line 9 `Shade` is not, whatever the comment above
    // it says: the comment follows code, so it is about line 8 only (it used to reach line 9).
    let source = flow("    Colour: red  # flowplay-ignore: FDL-S007\n    Shade: dark\n");
    assert_eq!(lint(&source), [("FDL-S007", 9)]);
    // The same comment on a line with no such finding: unused, and the next line is reported.
    let source = flow("    Colour: red\n    Shade: dark  # flowplay-ignore: FDL-S007\n    Tint: blue\n");
    assert_eq!(lint(&source), [("FDL-S007", 8), ("FDL-S007", 10)]);
    let source = flow("    Colour: red\n").replace("    Name: A\n", "    Name: A  # flowplay-ignore: FDL-S007\n");
    assert_eq!(lint(&source), [("FDL-X001", 7), ("FDL-S007", 8)]);
}

#[test]
fn a_comment_alone_on_a_line_silences_the_next_line_only() {
    let source = flow("    # flowplay-ignore: FDL-S007\n    Colour: red\n    Shade: dark\n");
    assert_eq!(lint(&source), [("FDL-S007", 10)]);
    // Comment lines in between are skipped, so suppressions stack; a blank line is not skipped.
    let source = flow(
        "    # flowplay-ignore: FDL-S007\n    # why: a vendor key\n    # flowplay-ignore: FDL-E014\n    Colour: red\n",
    );
    assert_eq!(lint(&source), [("FDL-X001", 10)]);
    let source = flow("    # flowplay-ignore: FDL-S007\n\n    Colour: red\n");
    assert_eq!(lint(&source), [("FDL-X001", 8), ("FDL-S007", 10)]);
}

#[test]
fn a_file_suppression_silences_every_line() {
    let source = format!("# flowplay-ignore-file: FDL-S007\n{}", flow("    Colour: red\n    Shade: dark\n"));
    assert!(lint(&source).is_empty(), "{:?}", lint(&source));
}

#[test]
fn a_bare_suppression_silences_nothing_and_says_to_list_the_codes() {
    for comment in ["# flowplay-ignore", "# flowplay-ignore:", "# flowplay-ignore-file", "# flowplay-ignore Colour"] {
        let source = flow(&format!("    Colour: red  {comment}\n"));
        let report = Linter::default().lint(&source);
        let codes: Vec<&str> = report.diagnostics.iter().map(|d| d.code).collect();
        assert_eq!(codes, ["FDL-S007", "FDL-X003"], "{comment}");
        let x003 = &report.diagnostics[1];
        assert!(x003.message.contains("silences nothing"), "{}", x003.message);
        assert!(x003.help.as_deref().is_some_and(|h| h.contains("FDL-S007")), "{:?}", x003.help);
    }
}

#[test]
fn codes_of_rules_that_are_off_are_not_called_unused() {
    let source = flow("    Colour: red  # flowplay-ignore: FDL-S007\n");
    let mut config = LintConfig::default();
    config.rules.insert("FDL-S007".into(), SeverityOverride::Off);
    assert!(findings(&Linter::new(config), &source).is_empty());
    // Nor is a suppression reported when FDL-X001 itself is off, while unknown codes still are.
    let source = flow("    Name2: x  # flowplay-ignore: FDL-E014, FDL-S07\n");
    let mut config = LintConfig::default();
    config.rules.insert("fdl-x001".into(), SeverityOverride::Off);
    assert_eq!(findings(&Linter::new(config), &source), [("FDL-S007", 8), ("FDL-X002", 8)]);
}

#[test]
fn catalog_codes_are_judged_only_when_the_catalog_ran() {
    let source = flow("    Colour: red  # flowplay-ignore: FDL-S007, FDL-A003\n");
    assert!(lint(&source).is_empty());
    let catalog: &dyn ApiCatalog = catalog::Catalog::embedded();
    assert_eq!(findings(&Linter::default().with_catalog(Some(catalog)), &source), [("FDL-X001", 8)]);
}

#[test]
fn all_silences_every_rule_but_the_suppression_rules() {
    let source = flow("    Colour: red  # flowplay-ignore: all\n");
    assert!(lint(&source).is_empty());
    let source = flow("    Colour: red  # flowplay-ignore: all, FDL-S07\n");
    assert_eq!(lint(&source), [("FDL-X002", 8)]);
    // Naming FDL-X001 keeps an unused suppression on purpose.
    let source = flow("    Kind: x\n    Colour: red  # flowplay-ignore: FDL-S007, FDL-E014, FDL-X001\n");
    assert_eq!(lint(&source), [("FDL-S007", 8)]);
}

#[test]
fn nothing_is_judged_unused_when_the_rules_did_not_run() {
    let source = format!("{HEAD}    Colour: red  # flowplay-ignore: FDL-S007, FDL-S07\n    End: [true\n");
    let codes: Vec<&str> = lint(&source).into_iter().map(|(c, _)| c).collect();
    assert!(codes.contains(&"FDL-P001") && codes.contains(&"FDL-X002"), "{codes:?}");
    assert!(!codes.contains(&"FDL-X001"), "{codes:?}");
}

/// `--fix` (safe fixes) on `source`: the fixed text, which must lint with no finding but those
/// in `remaining`.
fn fixed(source: &str, remaining: &[&str]) -> String {
    let outcome = Linter::default().fix(source, FixScope::SafeOnly);
    let codes: Vec<&str> = outcome.report.diagnostics.iter().map(|d| d.code).collect();
    assert_eq!(codes, remaining, "{}", outcome.text);
    assert!(outcome.report.analysis.document.is_some(), "the fix broke the file:\n{}", outcome.text);
    outcome.text
}

#[test]
fn the_fix_removes_only_the_unused_code_and_keeps_the_line() {
    let source = flow("    Colour: red  # flowplay-ignore: FDL-E014, FDL-S007, FDL-S07 vendor key\n");
    assert_eq!(fixed(&source, &[]), flow("    Colour: red  # flowplay-ignore: FDL-S007 vendor key\n"));
    let source = flow("    Colour: red  # flowplay-ignore: FDL-S007, FDL-E014\n");
    assert_eq!(fixed(&source, &[]), flow("    Colour: red  # flowplay-ignore: FDL-S007\n"));
}

#[test]
fn the_fix_removes_a_comment_none_of_whose_codes_is_used() {
    // After code: the comment and the spaces before it go, the value stays.
    let source = flow("    Colour: \"red\"   # flowplay-ignore: FDL-E014, FDL-S07, FDL-E015\n");
    assert_eq!(fixed(&source, &["FDL-S007"]), flow("    Colour: \"red\"\n"));
    // Alone on its line: the line goes.
    let source = flow("    # flowplay-ignore: FDL-E014\n    Kind: x\n");
    assert_eq!(fixed(&source, &["FDL-S007"]), flow("    Kind: x\n"));
    // A file suppression on the first line, and one at the end without a final line break.
    let source = format!("# flowplay-ignore-file: FDL-E014\n{}# flowplay-ignore: FDL-S007", flow(""));
    assert_eq!(fixed(&source, &[]), flow("").trim_end());
}

#[test]
fn the_fix_keeps_crlf_line_breaks() {
    let source = flow("    # flowplay-ignore: FDL-E014\n    Colour: red  # flowplay-ignore: FDL-S007, FDL-E015\n")
        .replace('\n', "\r\n");
    let expected = flow("    Colour: red  # flowplay-ignore: FDL-S007\n").replace('\n', "\r\n");
    assert_eq!(fixed(&source, &[]), expected);
}

#[test]
fn a_malformed_suppression_is_rewritten_only_by_an_unsafe_fix() {
    let source = flow("    Colour: red  # flowplay-ignore[FDL-S007]\n");
    assert_eq!(fixed(&source, &["FDL-S007", "FDL-X003"]), source);
    let outcome = Linter::default().fix(&source, FixScope::IncludingUnsafe);
    assert_eq!(outcome.text, flow("    Colour: red  # flowplay-ignore: FDL-S007\n"));
    assert!(outcome.report.diagnostics.is_empty(), "{:?}", outcome.report.diagnostics);
}

#[test]
fn thousands_of_stacked_suppressions_lint_quickly() {
    // Each comment reaches past the others to `Colour`: found in one pass, not one per comment.
    let stack = "    # flowplay-ignore: FDL-S007\n".repeat(20_000);
    let source = flow(&format!("{stack}    Colour: red\n"));
    let started = std::time::Instant::now();
    assert!(lint(&source).is_empty());
    assert!(started.elapsed().as_secs() < 10, "{:?}", started.elapsed());
}
