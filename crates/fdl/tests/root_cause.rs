//! Issue 13, classes 5 and 7: every finding of each example, not only one rule's, so that a
//! consequence reported beside its cause (or a cause gone silent) shows in the snapshot.

fn all_findings(source: &str) -> String {
    let report = fdl::Linter::default().lint(source);
    fdl::report::render_plain(source, &report.diagnostics)
}

#[test]
fn l1_choice_next() {
    let source = r#"version: v1
type: flow
steps:
  - type: choice
    name: route
    choices:
      - condition: $.kind == "a"
        next: done
    default:
      goto: done
      note: x
  - type: pass
    name: other
  - type: succeed
    name: done
"#;
    insta::assert_snapshot!(all_findings(source));
}

#[test]
fn l2_parallel_local() {
    let source = r#"version: v1
type: flow
steps:
  - type: parallel
    name: both
    branches:
      - steps:
          - type: pass
            name: one
            outputMappings:
              - target: result
                source: pass1
      - steps:
          - type: pass
            name: two
            outputMappings:
              - target: result
                source: pass2
    outputMappings:
      - target: result
        source: $local.result
"#;
    insta::assert_snapshot!(all_findings(source));
}

#[test]
fn s1_nxt() {
    let source = r#"Type: StateMachine
Name: demo
SpecVersion: v1
StartAt: Work
States:
  - Type: Pass
    Name: Work
    Nxt: Done
  - Type: Succeed
    Name: Done
"#;
    insta::assert_snapshot!(all_findings(source));
}

#[test]
fn s2_stratat() {
    let source = r#"Type: StateMachine
Name: demo
SpecVersion: v1
StratAt: Work
States:
  - Type: Pass
    Name: Work
    End: true
"#;
    insta::assert_snapshot!(all_findings(source));
}

#[test]
fn s3_duplicate() {
    let source = r#"Type: StateMachine
Name: demo
SpecVersion: v1
StartAt: A
States:
  - Type: Pass
    Name: A
    Next: B
  - Type: Pass
    Name: B
    Next: C
  - Type: Pass
    Name: B
    Next: D
  - Type: Pass
    Name: C
    End: true
  - Type: Pass
    Name: D
    End: true
"#;
    insta::assert_snapshot!(all_findings(source));
}

#[test]
fn s4_choice_default() {
    let source = r#"Type: StateMachine
Name: demo
SpecVersion: v1
StartAt: Route
States:
  - Type: Choice
    Name: Route
    Branches:
      - Condition: $Input.kind == "a"
        Next: KindA
  - Type: Pass
    Name: Other
    End: true
  - Type: Pass
    Name: KindA
    End: true
"#;
    insta::assert_snapshot!(all_findings(source));
}
