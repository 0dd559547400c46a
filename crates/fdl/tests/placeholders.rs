//! Deployment-template placeholders (issue 13, class 4): a workflow whose only problems would
//! be placeholders lints with no error and no warning, and one FDL-P011 note.

use std::path::PathBuf;

fn lint(source: &str) -> Vec<fdl::Diagnostic> {
    let catalog: &dyn fdl::lint::ApiCatalog = catalog::Catalog::embedded();
    fdl::Linter::default().with_catalog(Some(catalog)).lint(source).diagnostics
}

fn only_the_note(source: &str) -> Result<(), String> {
    let found = lint(source);
    let others: Vec<_> = found.iter().filter(|d| d.severity != fdl::Severity::Info).collect();
    let notes = found.iter().filter(|d| d.code == "FDL-P011").count();
    if others.is_empty() && notes == 1 { Ok(()) } else { Err(format!("{found:#?}\n{source}")) }
}

#[test]
fn every_placeholder_fixture_has_only_the_note() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/FDL-P011");
    let mut checked = 0;
    for entry in std::fs::read_dir(dir).expect("fixtures") {
        let path = entry.expect("entry").path();
        if !path.file_name().is_some_and(|n| n.to_string_lossy().starts_with("invalid")) {
            continue;
        }
        let source = std::fs::read_to_string(&path).expect("readable");
        only_the_note(&source).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        checked += 1;
    }
    assert!(checked >= 7, "{checked}");
}

/// One workflow per syntax, in the places where a placeholder used to cause a finding.
#[test]
fn each_syntax_in_each_kind_of_place() {
    let values = [
        "${vars.name}",
        "${env.REGION}",
        "${ALIYUN::Region}",
        "${config('AccountID')}",
        "<your-value>",
        "!Ref Value",
        "!GetAtt Res.Arn",
        "!Join ['-', [a, b]]",
        "{Ref: Value}",
        "{'Fn::Sub': '${ALIYUN::Region}'}",
    ];
    for value in values {
        let flows = [
            // The flow name (FDL-S003).
            format!(
                "Type: StateMachine\nName: {value}\nSpecVersion: v1\nStartAt: A\nStates:\n  - Type: Pass\n    Name: A\n    End: true\n"
            ),
            // A catalog region and a typed parameter (FDL-A006, FDL-A005).
            format!(
                "Type: StateMachine\nName: f\nSpecVersion: v1\nStartAt: A\nStates:\n  - Type: Task\n    Name: A\n    Action: ECS:DescribeInstances\n    Parameters:\n      RegionId: {value}\n      PageSize: {value}\n    End: true\n"
            ),
            // An integer field (wrong value type) and an ARN.
            format!(
                "Type: StateMachine\nName: f\nSpecVersion: v1\nStartAt: A\nStates:\n  - Type: Task\n    Name: A\n    Action: FC:InvokeFunction\n    TaskMode: RequestComplete\n    Timeout: {value}\n    Parameters:\n      resourceArn: {value}\n      invocationType: Sync\n    End: true\n"
            ),
            // A legacy flow's name, ARN and timeout.
            format!(
                "version: v1\ntype: flow\nname: {value}\nsteps:\n  - type: task\n    name: t\n    resourceArn: {value}\n    timeoutSeconds: {value}\n"
            ),
        ];
        for flow in flows {
            only_the_note(&flow).unwrap_or_else(|e| panic!("{value}: {e}"));
        }
    }
}

/// A real finding next to a placeholder is still reported.
#[test]
fn findings_outside_placeholders_stay() {
    let source = "Type: StateMachine\nName: ${vars.name}\nSpecVersion: v1\nStartAt: B\nStates:\n  - Type: Pass\n    Name: A\n    End: true\n";
    let codes: Vec<_> = lint(source).iter().map(|d| d.code).collect();
    assert!(codes.contains(&"FDL-S011"), "{codes:?}");
    assert!(codes.contains(&"FDL-P011"), "{codes:?}");
}
