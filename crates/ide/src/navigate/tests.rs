use super::*;

const CURRENT: &str = "Type: StateMachine\nName: d\nSpecVersion: v1\nStartAt: 开始\nStates:\n  - Type: Choice\n    Name: 开始\n    Branches:\n      - Condition: $Input.a > 1\n        Next: P\n    Default: 开始\n  - Type: Parallel\n    Name: P\n    Branches:\n      - StartAt: P\n        States:\n          - Type: Pass\n            Name: P\n            Next: Q\n          - Type: Succeed\n            Name: Q\n    End: true\n";

const LEGACY: &str = "version: v1\ntype: flow\nsteps:\n  - type: choice\n    name: c\n    choices:\n      - condition: $.a > 1\n        goto: done\n    default:\n      goto: c2\n  - type: pass\n    name: c2\n  - type: succeed\n    name: done\n";

fn doc(src: &str) -> Document {
    fdl::analyze(src).document.unwrap()
}

fn nth(src: &str, needle: &str, n: usize) -> u32 {
    src.match_indices(needle).nth(n).unwrap_or_else(|| panic!("{needle} #{n}")).0 as u32
}

fn texts<'a>(src: &'a str, spans: &[Span]) -> Vec<(usize, &'a str)> {
    let index = fdl::LineIndex::new(src);
    spans.iter().map(|s| (index.line_of(s.start) + 1, s.slice(src))).collect()
}

#[test]
fn definition_finds_the_state_in_the_same_scope() {
    let d = doc(CURRENT);
    // `Next: P` in the root goes to the root's P, not the branch's.
    let def = definition(&d, nth(CURRENT, "Next: P", 0) + 6).unwrap();
    assert_eq!(def.start, nth(CURRENT, "Name: P", 0) + 6);
    // The branch's `StartAt: P` goes to the branch's P.
    let inner = definition(&d, nth(CURRENT, "StartAt: P", 0) + 9).unwrap();
    assert_eq!(inner.start, nth(CURRENT, "Name: P", 1) + 6);
    // At the end of a non-ASCII name.
    assert_eq!(definition(&d, nth(CURRENT, "Default: 开始", 0) + 15).unwrap().start, nth(CURRENT, "Name: 开始", 0) + 6);
    assert_eq!(definition(&d, nth(CURRENT, "Type: Choice", 0)), None, "not on a name");
}

#[test]
fn references_stay_in_their_scope() {
    let d = doc(CURRENT);
    let root_p = references(&d, nth(CURRENT, "Name: P", 0) + 6, true);
    assert_eq!(texts(CURRENT, &root_p), [(10, "P"), (13, "P")]);
    let start = references(&d, nth(CURRENT, "StartAt: 开始", 0) + 9, false);
    assert_eq!(texts(CURRENT, &start), [(4, "开始"), (11, "开始")]);
}

#[test]
fn rename_edits_every_reference_and_refuses_a_clash() {
    let d = doc(CURRENT);
    let r = rename(&d, nth(CURRENT, "Name: Q", 0) + 6, "Finish").unwrap();
    assert_eq!(r.edits.len(), 2);
    let edited = crate::actions::apply(
        CURRENT,
        &r.edits
            .iter()
            .map(|(span, text)| fdl::TextEdit { span: *span, replacement: text.clone() })
            .collect::<Vec<_>>(),
    )
    .unwrap();
    assert!(edited.contains("Next: Finish") && edited.contains("Name: Finish"));
    let codes = |src: &str| fdl::Linter::default().lint(src).diagnostics.iter().map(|d| d.code).collect::<Vec<_>>();
    assert_eq!(codes(&edited), codes(CURRENT), "the rename breaks nothing");
    assert_eq!(rename(&d, nth(CURRENT, "Name: Q", 0) + 6, "P"), Err(RenameError::Clash { name: "P".into() }));
    assert_eq!(rename(&d, nth(CURRENT, "Name: Q", 0) + 6, " "), Err(RenameError::EmptyName));
    assert_eq!(rename(&d, 0, "X"), Err(RenameError::NotAName));
    // A name YAML would misread is quoted.
    let quoted = rename(&d, nth(CURRENT, "Name: Q", 0) + 6, "a: b").unwrap();
    assert_eq!(quoted.edits[0].1, "\"a: b\"");
}

#[test]
fn legacy_gotos_name_sibling_steps() {
    let d = doc(LEGACY);
    let def = definition(&d, nth(LEGACY, "goto: done", 0) + 7).unwrap();
    assert_eq!(def.slice(LEGACY), "done");
    assert_eq!(def.start, nth(LEGACY, "name: done", 0) + 6);
    let refs = references(&d, nth(LEGACY, "name: c2", 0) + 6, true);
    assert_eq!(texts(LEGACY, &refs), [(10, "c2"), (12, "c2")]);
    let r = rename(&d, nth(LEGACY, "goto: c2", 0) + 6, "next").unwrap();
    assert_eq!(r.edits.len(), 2);
    assert_eq!(rename(&d, nth(LEGACY, "goto: c2", 0) + 6, "done"), Err(RenameError::Clash { name: "done".into() }));
}
