//! Properties of `--fix`, with safe fixes and with unsafe ones too, over the rule fixtures, the
//! shared and the real-world corpora, and generated workflows (valid ones, then mutated: misspelt keys and values,
//! dropped `End`/`Next`, duplicated names and keys, CRLF line endings, …):
//!
//! * the fixed file parses if the source did, and has no finding the source did not have;
//! * fixing reaches a fixed point: a second run changes nothing;
//! * a CRLF file stays CRLF;
//! * safe fixes keep behaviour: a workflow without errors runs the same before and after.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use fdl::{FixScope, LintConfig, Linter, Severity};
use proptest::prelude::*;

#[path = "support/files.rs"]
mod files;
use files::yaml_files;

/// The CLI's linter (with the OpenAPI catalog), in Express mode for fixtures that say so.
fn linter_for(source: &str) -> Linter<'static> {
    let mut config = LintConfig::default();
    if source.lines().next().is_some_and(|l| l.contains("linted with execution mode Express")) {
        config.execution_mode = fdl::lint::ExecutionMode::Express;
    }
    Linter::new(config).with_catalog(Some(catalog::Catalog::embedded()))
}

fn findings(report: &fdl::LintReport) -> HashMap<(&'static str, Severity, String), usize> {
    let mut out = HashMap::new();
    for d in &report.diagnostics {
        *out.entry((d.code, d.severity, d.message.clone())).or_default() += 1;
    }
    out
}

fn is_crlf_only(text: &str) -> bool {
    text.contains("\r\n") && !text.replace("\r\n", "").contains('\n')
}

/// Runs with echo mocks: status, output, error and the history's (type, state) sequence.
fn run(source: &str) -> Option<String> {
    let flow = fdl::analyze(source).document?.as_current()?.clone();
    let input = serde_json::json!({"a": "x", "b": 1, "ok": true, "items": [1, 2]});
    let e = futures::executor::block_on(engine::run(
        &flow,
        input,
        &engine::MockInvoker::echo(),
        &engine::EngineOptions::default(),
    ));
    let history: Vec<String> = e.events.iter().map(|ev| format!("{:?} {}", ev.kind, ev.step_name)).collect();
    Some(format!("{:?} {:?} {:?}\n{}", e.status, e.output, e.error, history.join("\n")))
}

/// Every property for one source; `Err` says which failed.
fn check(source: &str) -> Result<(), String> {
    let linter = linter_for(source);
    let before = linter.lint(source);
    let before_findings = findings(&before);
    for scope in [FixScope::SafeOnly, FixScope::IncludingUnsafe] {
        let out = linter.fix(source, scope);
        let shown = |what: &str| format!("{scope:?}: {what}\n--- source\n{source}\n--- fixed\n{}", out.text);
        if !out.converged {
            return Err(shown("no fixed point within the pass limit"));
        }
        if before.analysis.document.is_some() && out.report.analysis.document.is_none() {
            return Err(shown("the fixed text no longer parses as a workflow"));
        }
        let mut remaining = before_findings.clone();
        for d in &out.report.diagnostics {
            match remaining.get_mut(&(d.code, d.severity, d.message.clone())) {
                Some(n) if *n > 0 => *n -= 1,
                _ => return Err(shown(&format!("new finding {} {}", d.code, d.message))),
            }
        }
        let again = linter.fix(&out.text, scope);
        if again.text != out.text || again.applied != 0 {
            return Err(shown(&format!("a second run changed the text:\n{}", again.text)));
        }
        if is_crlf_only(source) && out.text != source && !is_crlf_only(&out.text) {
            return Err(shown("a CRLF file got a bare LF"));
        }
        if scope == FixScope::SafeOnly && !before.has_errors() && run(source) != run(&out.text) {
            return Err(shown("a safe fix changed how an accepted workflow runs"));
        }
    }
    Ok(())
}

fn check_files(paths: &[PathBuf]) -> usize {
    let mut failures = Vec::new();
    let mut checked = 0;
    for path in paths {
        let Ok(source) = std::fs::read_to_string(path) else { continue };
        if let Err(e) = check(&source) {
            failures.push(format!("{}: {e}", path.display()));
        }
        checked += 1;
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    checked
}

#[test]
fn fixing_the_rule_fixtures_keeps_the_properties() {
    let mut paths = Vec::new();
    yaml_files(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures"), &mut paths);
    paths.sort();
    assert!(check_files(&paths) >= 200, "expected every rule's fixtures");
}

#[test]
fn fixing_the_real_world_corpus_keeps_the_properties() {
    let mut paths = Vec::new();
    yaml_files(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/corpus/realworld"), &mut paths);
    paths.sort();
    assert!(check_files(&paths) >= 40, "expected the real-world corpus");
}

/// `../shared/corpus` beside the checkout, or the directory `FLOWPLAY_SHARED_CORPUS` names, as
/// `flowplay_tests::corpus_dir` finds it: when missing, the test fails if `CI` is set and
/// otherwise says it skipped.
fn corpus_dir() -> Option<PathBuf> {
    let dir = std::env::var_os("FLOWPLAY_SHARED_CORPUS")
        .map_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus"), PathBuf::from);
    if dir.is_dir() {
        return Some(dir);
    }
    if std::env::var_os("CI").is_some() {
        panic!("the public corpus is missing at {} (CI must have ../shared beside the checkout)", dir.display());
    }
    eprintln!("SKIPPED: the public corpus is not at {}; the corpus fix test did not run", dir.display());
    None
}

#[test]
fn fixing_the_corpus_keeps_the_properties() {
    let Some(corpus) = corpus_dir() else { return };
    let mut paths = Vec::new();
    yaml_files(&corpus, &mut paths);
    paths.sort();
    assert!(check_files(&paths) >= 20, "expected the whole corpus");
}

// Generated workflows.

fn name() -> impl Strategy<Value = String> {
    prop_oneof!["[A-Z][a-z]{1,6}", "[开始结束步骤]{1,3}"]
}

/// One current-dialect state (without its `Next`/`End`), by kind.
fn current_state(kind: u8, name: &str, next: Option<&str>) -> String {
    let transition = next.map_or_else(|| "    End: true\n".to_owned(), |n| format!("    Next: {n}\n"));
    match kind {
        0 => format!(
            "  - Type: Pass\n    Name: {name}\n    InputConstructor:\n      n.$: length($Input.items)\n      a.$: $Input.a\n{transition}"
        ),
        1 => format!(
            "  - Type: Task\n    Name: {name}\n    Action: FC:InvokeFunction\n    TaskMode: RequestComplete\n    Parameters:\n      resourceArn: acs:fc:cn-hangzhou:1:functions/f\n      invocationType: Sync\n      body.$: $Input\n    Retry:\n      - Description: retry\n        Errors: [FnF.ALL]\n        MaxAttempts: 2\n        IntervalSeconds: 1\n{transition}"
        ),
        2 => format!("  - Type: Wait\n    Name: {name}\n    Seconds: 1\n{transition}"),
        3 => format!(
            "  - Type: Map\n    Name: {name}\n    ItemsPath: $Input.items\n    MaxConcurrency: 2\n    Processor:\n      StartAt: P\n      States:\n        - Type: Pass\n          Name: P\n          End: true\n{transition}"
        ),
        4 => match next {
            Some(n) => format!(
                "  - Type: Choice\n    Name: {name}\n    Branches:\n      - Condition: $Input.ok == true\n        Next: {n}\n    Default: {n}\n"
            ),
            None => format!("  - Type: Succeed\n    Name: {name}\n"),
        },
        _ => format!(
            "  - Type: Task\n    Name: {name}\n    Action: ECS:DescribeInstances\n    Parameters:\n      RegionId: cn-hangzhou\n    Catch:\n      - Description: any error\n        Errors: [FnF.ALL]\n        Next: {}\n{transition}",
            next.unwrap_or(name)
        ),
    }
}

fn current_workflow(names: &[String], kinds: &[u8]) -> String {
    let mut s = format!("Type: StateMachine\nName: gen\nSpecVersion: v1\nStartAt: {}\nStates:\n", names[0]);
    for (i, n) in names.iter().enumerate() {
        s.push_str(&current_state(kinds[i % kinds.len()], n, names.get(i + 1).map(String::as_str)));
    }
    s
}

fn legacy_workflow(names: &[String], kinds: &[u8]) -> String {
    let mut s = String::from("version: v1\ntype: flow\nsteps:\n");
    for (i, n) in names.iter().enumerate() {
        let step = match kinds[i % kinds.len()] % 4 {
            0 => format!("  - type: pass\n    name: {n}\n"),
            1 => format!(
                "  - type: task\n    name: {n}\n    resourceArn: acs:fc:cn-hangzhou:1:services/s/functions/f\n    pattern: requestResponse\n"
            ),
            2 => format!("  - type: wait\n    name: {n}\n    duration: 1\n"),
            _ => match names.get(i + 1) {
                Some(next) => format!(
                    "  - type: choice\n    name: {n}\n    choices:\n      - condition: $.ok == true\n        goto: {next}\n    default:\n      goto: {next}\n"
                ),
                None => format!("  - type: succeed\n    name: {n}\n"),
            },
        };
        s.push_str(&step);
    }
    s
}

/// Text substitutions a mutation picks from: values the rules know, misspelt or replaced.
const SUBSTITUTIONS: &[(&str, &str)] = &[
    ("Type: Pass", "Type: pass"),
    ("Type: Pass", "Type: Pas"),
    ("Type: Succeed", "Type: Succeeded"),
    ("Type: StateMachine\n", ""),
    ("Type: StateMachine", "Type: Statemachine"),
    ("SpecVersion: v1", "SpecVersion: \"1.0\""),
    ("TaskMode: RequestComplete", "TaskMode: WaitForCallback"),
    ("TaskMode: RequestComplete", "TaskMode: requestcomplete"),
    ("Errors: [FnF.ALL]", "Errors: [States.ALL]"),
    ("Errors: [FnF.ALL]", "Errors: [FnF.All]"),
    ("Action: FC:InvokeFunction", "Action: FC.InvokeFunction"),
    ("Action: ECS:DescribeInstances", "Action: ECS:DescribeInstance"),
    ("RegionId: cn-hangzhou", "RegionID: cn-hangzhou"),
    ("invocationType: Sync", "invocationType: sync"),
    ("$Input.a", "$input.a"),
    ("$Input.a", "$INPUT.a"),
    ("$Input.a", "$Inputs.a"),
    ("length(", "Length("),
    ("length(", "lenght("),
    ("MaxConcurrency:", "MaxConcuccency:"),
    ("ItemsPath: $Input.items", "ItemsPath: items"),
    ("$Input.ok == true", "$Input.ok"),
    ("    Default: ", "    Next: "),
    ("    Name: P\n          End: true", "    Name: P\n          End: yes"),
    ("n.$: length", "n: length"),
    ("a.$: $Input.a", "a.$: 3"),
    ("version: v1\n", ""),
    ("type: flow\n", ""),
    ("version: v1", "version: v2"),
    ("type: pass", "type: Pass"),
    ("type: pass", "type: passs"),
    ("pattern: requestResponse", "pattern: requestresponse"),
    ("pattern: requestResponse", "pattern: async"),
    ("steps:", "step:"),
    ("condition:", "conditon:"),
];

#[derive(Clone, Debug)]
enum Mutation {
    /// Misspells the key of the `line`-th line holding a key: drops, doubles or swaps letters, or
    /// changes their case.
    MisspellKey { line: usize, how: u8 },
    /// Drops the `line`-th line holding `End`, `Next`, `StartAt` or `goto`.
    DropTransition { line: usize },
    /// Writes the `line`-th `key: value` line twice.
    DuplicateLine { line: usize },
    /// Gives state `from` the name of state `to`.
    DuplicateName { from: usize, to: usize },
    /// Applies `SUBSTITUTIONS[which]` at its `nth` occurrence.
    Substitute { which: usize, nth: usize },
    /// Changes the case of the `nth` transition target (`Next: Abc` → `Next: abc`).
    TargetCase { nth: usize },
    /// Adds `SUPPRESSIONS[which]` after the `line`-th line holding a key, or alone above it.
    Suppress { line: usize, which: usize, alone: bool },
}

/// Suppression comments, used or not, known or not, well formed or not (FDL-X001..X003).
const SUPPRESSIONS: &[&str] = &[
    "# flowplay-ignore: FDL-S007",
    "# flowplay-ignore: FDL-S007, FDL-S013, FDL-E014 a reason",
    "# flowplay-ignore: FDL-S07, all",
    "# flowplay-ignore: FDL-L013, FDL-S030",
    "# flowplay-ignore",
    "# flowplay-ignore[FDL-S007]",
    "# flowplay-ignore-file: FDL-S014, FDL-X9",
];

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), 0u8..4).prop_map(|(line, how)| Mutation::MisspellKey { line, how }),
        any::<usize>().prop_map(|line| Mutation::DropTransition { line }),
        any::<usize>().prop_map(|line| Mutation::DuplicateLine { line }),
        (any::<usize>(), any::<usize>()).prop_map(|(from, to)| Mutation::DuplicateName { from, to }),
        (0..SUBSTITUTIONS.len(), 0usize..3).prop_map(|(which, nth)| Mutation::Substitute { which, nth }),
        any::<usize>().prop_map(|nth| Mutation::TargetCase { nth }),
        (any::<usize>(), 0..SUPPRESSIONS.len(), any::<bool>()).prop_map(|(line, which, alone)| Mutation::Suppress {
            line,
            which,
            alone
        }),
    ]
}

fn key_of(line: &str) -> Option<(usize, usize)> {
    let start = line.len() - line.trim_start_matches([' ', '-']).len();
    let end = start + line[start..].find(':')?;
    let key = &line[start..end];
    (!key.is_empty() && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '$')).then_some((start, end))
}

fn misspell(key: &str, how: u8) -> String {
    let chars: Vec<char> = key.chars().collect();
    let mid = chars.len() / 2;
    match how {
        0 if chars.len() > 2 => chars.iter().enumerate().filter(|&(i, _)| i != mid).map(|(_, c)| c).collect(),
        1 if chars.len() > 2 => {
            let mut c = chars.clone();
            c.swap(mid - 1, mid);
            c.into_iter().collect()
        }
        2 => key.to_ascii_lowercase(),
        _ => format!("{key}{}", chars[chars.len() - 1]),
    }
}

fn mutate(source: &str, mutation: &Mutation) -> String {
    let mut lines: Vec<String> = source.lines().map(str::to_owned).collect();
    let pick = |lines: &[String], n: usize, f: &dyn Fn(&str) -> bool| {
        let hits: Vec<usize> = (0..lines.len()).filter(|&i| f(&lines[i])).collect();
        (!hits.is_empty()).then(|| hits[n % hits.len()])
    };
    match mutation {
        Mutation::MisspellKey { line, how } => {
            if let Some(i) = pick(&lines, *line, &|l| key_of(l).is_some()) {
                let (start, end) = key_of(&lines[i]).expect("picked");
                let key = misspell(&lines[i][start..end], *how);
                lines[i].replace_range(start..end, &key);
            }
        }
        Mutation::DropTransition { line } => {
            let is_transition = |l: &str| {
                let t = l.trim_start();
                ["End:", "Next:", "StartAt:", "goto:"].iter().any(|k| t.starts_with(k))
            };
            if let Some(i) = pick(&lines, *line, &is_transition) {
                lines.remove(i);
            }
        }
        Mutation::DuplicateLine { line } => {
            if let Some(i) = pick(&lines, *line, &|l| key_of(l).is_some() && !l.trim_start().starts_with('-')) {
                let copy = lines[i].clone();
                lines.insert(i + 1, copy);
            }
        }
        Mutation::DuplicateName { from, to } => {
            let is_name = |l: &str| l.trim_start().starts_with("Name: ") || l.trim_start().starts_with("name: ");
            if let (Some(a), Some(b)) = (pick(&lines, *from, &is_name), pick(&lines, *to, &is_name)) {
                let name = lines[b].trim_start()[6..].to_owned();
                let indent = lines[a].len() - lines[a].trim_start().len();
                let key = &lines[a].trim_start()[..4];
                lines[a] = format!("{}{key}: {name}", " ".repeat(indent));
            }
        }
        Mutation::Substitute { which, nth } => {
            let (from, to) = SUBSTITUTIONS[*which];
            let text = lines.join("\n") + "\n";
            let Some((at, _)) = text.match_indices(from).nth(*nth) else { return text };
            return format!("{}{to}{}", &text[..at], &text[at + from.len()..]);
        }
        Mutation::TargetCase { nth } => {
            let is_target = |l: &str| l.trim_start().starts_with("Next: ") || l.trim_start().starts_with("goto: ");
            if let Some(i) = pick(&lines, *nth, &is_target) {
                let flipped: String =
                    lines[i].chars().map(|c| if c.is_ascii_uppercase() { c.to_ascii_lowercase() } else { c }).collect();
                // Keys keep their case; only the target changes.
                let colon = lines[i].find(':').expect("a key line");
                lines[i] = format!("{}{}", &lines[i][..colon], &flipped[colon..]);
            }
        }
        Mutation::Suppress { line, which, alone } => {
            if let Some(i) = pick(&lines, *line, &|l| key_of(l).is_some()) {
                let comment = SUPPRESSIONS[*which];
                if *alone {
                    let indent = lines[i].len() - lines[i].trim_start_matches([' ', '-']).len();
                    lines.insert(i, format!("{}{comment}", " ".repeat(indent)));
                } else {
                    lines[i] = format!("{}  {comment}", lines[i]);
                }
            }
        }
    }
    lines.join("\n") + "\n"
}

prop_compose! {
    fn mutated_workflow()(
        names in proptest::collection::vec(name(), 1..5),
        kinds in proptest::collection::vec(0u8..6, 5),
        legacy in proptest::bool::weighted(0.3),
        mutations in proptest::collection::vec(mutation(), 0..4),
        crlf in proptest::bool::weighted(0.25),
    ) -> String {
        let mut names = names;
        names.sort();
        names.dedup();
        let mut source = if legacy { legacy_workflow(&names, &kinds) } else { current_workflow(&names, &kinds) };
        for m in &mutations {
            source = mutate(&source, m);
        }
        if crlf { source.replace('\n', "\r\n") } else { source }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]
    #[test]
    fn fixing_generated_workflows_keeps_the_properties(source in mutated_workflow()) {
        if let Err(e) = check(&source) {
            prop_assert!(false, "{}", e);
        }
    }
}

/// The generated workflows are valid before mutation, so the mutations are what the fixes meet.
#[test]
fn unmutated_generated_workflows_are_clean() {
    let names: Vec<String> = ["Alpha", "Beta", "Gamma", "Delta", "Omega"].map(str::to_owned).to_vec();
    for kinds in [[0u8, 1, 2, 3, 4], [5, 4, 3, 2, 1], [4, 4, 0, 5, 1]] {
        let source = current_workflow(&names, &kinds);
        let report = linter_for(&source).lint(&source);
        let codes: Vec<_> = report.diagnostics.iter().map(|d| (d.code, &d.message)).collect();
        assert!(codes.is_empty(), "{source}\n{codes:#?}");
        let source = legacy_workflow(&names, &kinds);
        let report = linter_for(&source).lint(&source);
        let codes: Vec<_> =
            report.diagnostics.iter().filter(|d| d.code != "FDL-L020").map(|d| (d.code, &d.message)).collect();
        assert!(codes.is_empty(), "{source}\n{codes:#?}");
    }
}
