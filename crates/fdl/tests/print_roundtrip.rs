//! Printing a model and parsing it again gives the same model: for every current-dialect
//! workflow of the fixtures, the examples and the shared corpus, and for generated ones,
//! `print(parse(print(m))) == print(m)` (the printed text is a fixed point), the reprinted
//! workflow lints with the same rule codes, and it runs to the same result and history.

use std::path::PathBuf;

use fdl::model::Flow;
use proptest::prelude::*;

fn current(source: &str) -> Option<Flow> {
    fdl::analyze(source).document.and_then(|d| d.as_current().cloned())
}

#[path = "support/files.rs"]
mod files;
use files::yaml_files;

fn codes(source: &str) -> Vec<&'static str> {
    let mut codes: Vec<&'static str> = fdl::Linter::default().lint(source).diagnostics.iter().map(|d| d.code).collect();
    codes.sort_unstable();
    codes.dedup();
    codes
}

/// Runs with echo mocks: the status, output, error and the history's (type, state) sequence.
fn run(flow: &Flow) -> String {
    let input = serde_json::json!({"a": "x", "b": 1, "list": [1, 2], "items": [1, 2, 3]});
    let e = futures::executor::block_on(engine::run(
        flow,
        input,
        &engine::MockInvoker::echo(),
        &engine::EngineOptions::default(),
    ));
    let history: Vec<String> = e.events.iter().map(|ev| format!("{:?} {}", ev.kind, ev.step_name)).collect();
    format!("{:?} {:?} {:?}\n{}", e.status, e.output, e.error, history.join("\n"))
}

/// Whether a line tags a flow collection with a template function (`Name: !Join [...]`, a
/// deployment-template placeholder, FDL-P011): the printer writes values, not YAML tags, so
/// such a file cannot be reprinted as it was.
fn has_tagged_collection(source: &str) -> bool {
    source.lines().any(|l| {
        l.split_once(": !").and_then(|(_, rest)| rest.split_once(' ')).is_some_and(|(_, v)| v.starts_with(['[', '{']))
    })
}

/// Whether a key of `source` is a misspelling of a key its mapping needs (`Nxt` for `Next`).
fn misspells_a_required_key(source: &str) -> bool {
    fdl::Linter::default()
        .lint(source)
        .diagnostics
        .iter()
        .any(|d| matches!(d.code, "FDL-S007" | "FDL-S010") && d.severity == fdl::Severity::Error)
}

/// The checks for one workflow; `Err` says what differs.
fn check(source: &str) -> Result<bool, String> {
    if has_tagged_collection(source) {
        return Ok(false);
    }
    let Some(flow) = current(source) else { return Ok(false) };
    let printed = fdl::print::print_flow(&flow, source);
    let reparsed =
        current(&printed).ok_or_else(|| format!("the printed text is not a current workflow:\n{printed}"))?;
    let again = fdl::print::print_flow(&reparsed, &printed);
    if again != printed {
        return Err(format!("printing is not a fixed point:\n--- first\n{printed}\n--- second\n{again}"));
    }
    let (before, after) = (codes(source), codes(&printed));
    // The printer drops unknown keys and comments, so findings about them (and suppressions)
    // may go; nothing new may appear, unless a dropped key was a misspelled required key (an
    // FDL-S007/S010 error), whose consequences are reported only once the key is gone.
    let new: Vec<_> = after.iter().filter(|c| !before.contains(c)).collect();
    if !new.is_empty() && !misspells_a_required_key(source) {
        return Err(format!("reprinting added findings {new:?}:\n{printed}"));
    }
    if run(&flow) != run(&reparsed) {
        return Err(format!("the reprinted workflow runs differently:\n{printed}"));
    }
    Ok(true)
}

#[test]
fn fixtures_examples_and_corpus_survive_print_and_reparse() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    yaml_files(&root.join("tests/fixtures"), &mut files);
    yaml_files(&root.join("../../static/examples"), &mut files);
    let corpus = root.join("../../../shared/corpus");
    if corpus.is_dir() {
        yaml_files(&corpus, &mut files);
    }
    let mut checked = 0;
    let mut failures = Vec::new();
    for path in &files {
        let Ok(source) = std::fs::read_to_string(path) else { continue };
        match check(&source) {
            Ok(true) => checked += 1,
            Ok(false) => {}
            Err(e) => failures.push(format!("{}: {e}", path.display())),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    assert!(checked >= 100, "only {checked} current-dialect workflows were checked");
}

fn name() -> impl Strategy<Value = String> {
    prop_oneof!["[A-Za-z][A-Za-z0-9_-]{0,8}", "[开始结束步骤]{1,3}", Just("a b".to_owned())]
}

fn literal() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<i32>().prop_map(|n| n.to_string()),
        "[a-z ]{0,6}".prop_map(|s| format!("\"{s}\"")),
        Just("true".to_owned()),
        Just("null".to_owned()),
        Just("[1, \"x\", {y: 2}]".to_owned()),
        Just("'it''s'".to_owned()),
    ]
}

fn expression() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("$Input.a".to_owned()),
        Just("$Input.list[0] + 1".to_owned()),
        Just("format(\"{}-{}\", $Input.a, $Context.Execution.Name)".to_owned()),
        Just("$Input.a == \"x\" && !($Input.b > 2)".to_owned()),
    ]
}

prop_compose! {
    fn workflow()(
        names in proptest::collection::vec(name(), 1..6),
        literals in proptest::collection::vec(literal(), 6),
        exprs in proptest::collection::vec(expression(), 6),
        kinds in proptest::collection::vec(0u8..5, 6),
    ) -> String {
        let mut names = names;
        names.sort();
        names.dedup();
        let mut s = format!("Type: StateMachine\nName: gen\nSpecVersion: v1\nStartAt: \"{}\"\nStates:\n", names[0]);
        for (i, n) in names.iter().enumerate() {
            let next = names.get(i + 1).map_or_else(|| "    End: true\n".to_owned(), |m| format!("    Next: \"{m}\"\n"));
            let body = match kinds[i] {
                0 => format!("  - Type: Pass\n    Name: \"{n}\"\n    InputConstructor:\n      lit: {}\n      val.$: {}\n{next}", literals[i], exprs[i]),
                1 => format!("  - Type: Task\n    Name: \"{n}\"\n    Action: FC:InvokeFunction\n    Parameters:\n      resourceArn: acs:fc:cn-hangzhou:1:functions/f\n      body.$: {}\n    Retry:\n      - Errors: [FnF.ALL]\n        MaxAttempts: 2\n        IntervalSeconds: 1\n        BackoffRate: 1.5\n{next}", exprs[i]),
                2 => format!("  - Type: Wait\n    Name: \"{n}\"\n    Seconds: 3\n{next}"),
                3 => format!("  - Type: Map\n    Name: \"{n}\"\n    ItemsPath: $Input.items\n    MaxConcurrency: 2\n    Processor:\n      StartAt: P\n      States:\n        - Type: Pass\n          Name: P\n          OutputConstructor:\n            x: {}\n          End: true\n{next}", literals[i]),
                _ => format!("  - Type: Parallel\n    Name: \"{n}\"\n    Branches:\n      - StartAt: B\n        States:\n          - Type: Pass\n            Name: B\n            End: true\n{next}"),
            };
            s.push_str(&body);
        }
        s
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]
    #[test]
    fn generated_workflows_survive_print_and_reparse(source in workflow()) {
        prop_assert_eq!(check(&source), Ok(true), "{}", source);
    }
}
