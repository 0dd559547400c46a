use super::*;

const SRC: &str = "Type: StateMachine\nName: d\nSpecVersion: v1\nStartAt: A\nStates:\n  - Type: Pass\n    Name: A\n    Colour: red\n    Next: end\n  - Type: Succeed\n    Name: End\n";

fn actions_at(src: &str, needle: &str) -> Vec<CodeAction> {
    let linter = Linter::default();
    let report = linter.lint(src);
    let at = src.find(needle).unwrap() as u32 + 1;
    code_actions(src, &report.diagnostics, Span::empty(at), &linter)
}

fn titles(actions: &[CodeAction]) -> Vec<&str> {
    actions.iter().map(|a| a.title.as_str()).collect()
}

#[test]
fn fixes_are_offered_with_their_safety() {
    let actions = actions_at(SRC, "end\n");
    let fix = actions.iter().find(|a| matches!(a.kind, CodeActionKind::Fix(_))).expect("a fix");
    assert_eq!(fix.kind, CodeActionKind::Fix(Applicability::Safe), "only the case differs");
    assert!(fix.preferred);
    let fixed = apply(SRC, &fix.edits).unwrap();
    assert!(fixed.contains("Next: End"));
    // An unsafe fix is labelled.
    let typo = SRC.replace("Next: end", "Next: Emd");
    let unsafe_fix = actions_at(&typo, "Emd").into_iter().find(|a| matches!(a.kind, CodeActionKind::Fix(_))).unwrap();
    assert_eq!(unsafe_fix.kind, CodeActionKind::Fix(Applicability::Unsafe));
    assert!(unsafe_fix.title.contains("unsafe") && !unsafe_fix.preferred, "{}", unsafe_fix.title);
}

#[test]
fn suppressions_silence_the_finding_on_its_line_or_in_the_file() {
    let actions = actions_at(SRC, "Colour");
    assert_eq!(titles(&actions).iter().filter(|t| t.starts_with("Suppress")).count(), 2, "{:?}", titles(&actions));
    let line = actions.iter().find(|a| a.title == "Suppress FDL-S007 on this line").unwrap();
    let edited = apply(SRC, &line.edits).unwrap();
    assert!(edited.contains("    # flowplay-ignore: FDL-S007\n    Colour: red\n"), "{edited}");
    let report = Linter::default().lint(&edited);
    assert!(report.diagnostics.iter().all(|d| d.code != "FDL-S007"));
    let file = actions.iter().find(|a| a.title == "Suppress FDL-S007 in this file").unwrap();
    assert!(apply(SRC, &file.edits).unwrap().starts_with("# flowplay-ignore-file: FDL-S007\nType"));
}

#[test]
fn a_second_code_joins_the_comment_above() {
    let src = SRC.replace("    Colour: red\n", "    # flowplay-ignore: FDL-S013\n    Colour: red\n");
    let actions = actions_at(&src, "Colour");
    let line = actions.iter().find(|a| a.title == "Suppress FDL-S007 on this line").unwrap();
    let edited = apply(&src, &line.edits).unwrap();
    assert!(edited.contains("# flowplay-ignore: FDL-S013, FDL-S007\n    Colour"), "{edited}");
}

#[test]
fn no_suppression_where_a_comment_cannot_go_and_crlf_is_kept() {
    // A finding inside a block scalar: a comment there would be text.
    let src = "Type: StateMachine\nName: d\nSpecVersion: v1\nStartAt: A\nStates:\n  - Type: Pass\n    Name: A\n    OutputConstructor:\n      x.$: |\n        length(\n    End: true\n";
    let linter = Linter::default();
    let report = linter.lint(src);
    let broken = report.diagnostics.iter().position(|d| d.span.start > src.find("length").unwrap() as u32 - 2);
    if let Some(i) = broken {
        let d = &report.diagnostics[i];
        let actions = code_actions(src, &report.diagnostics, d.span, &linter);
        assert!(
            !actions.iter().any(|a| a.diagnostic == i
                && a.title.ends_with("on this line")
                && apply(src, &a.edits).unwrap().contains("|\n        # flowplay")),
            "{:?}",
            titles(&actions)
        );
    }
    let crlf = SRC.replace('\n', "\r\n");
    let actions = actions_at(&crlf, "Colour");
    let line = actions.iter().find(|a| a.title == "Suppress FDL-S007 on this line").unwrap();
    assert_eq!(line.edits[0].replacement, "    # flowplay-ignore: FDL-S007\r\n");
}

#[test]
fn a_cursor_away_from_findings_gets_nothing() {
    assert!(actions_at(SRC, "SpecVersion").is_empty());
}

#[test]
fn suppressions_are_offered_for_a_bounded_number_of_findings() {
    let mut src = String::from("Type: StateMachine\nName: d\nSpecVersion: v1\nStartAt: S0\nStates:\n");
    for i in 0..20 {
        src.push_str(&format!("  - Type: Pass\n    Name: S{i}\n    Colour{i}: red\n    Next: s{}\n", i + 1));
    }
    src.push_str("  - Type: Succeed\n    Name: S20\n");
    let linter = Linter::default();
    let report = linter.lint(&src);
    let actions = code_actions(&src, &report.diagnostics, Span::new(0, src.len() as u32), &linter);
    let fixes = actions.iter().filter(|a| matches!(a.kind, CodeActionKind::Fix(_))).count();
    let suppressed: std::collections::HashSet<usize> =
        actions.iter().filter(|a| a.kind == CodeActionKind::Suppress).map(|a| a.diagnostic).collect();
    assert_eq!(fixes, 20, "a fix for every `Next: sN`");
    assert_eq!(suppressed.len(), MAX_SUPPRESSED_FINDINGS);
}
