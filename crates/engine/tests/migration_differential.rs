//! Issue 15: the migration (`fdl::migrate`) keeps the meaning of a legacy workflow. For every
//! legacy flow of the public corpus (`../shared/corpus`), the real-world corpus
//! (`tests/corpus/realworld`), the fdl rule fixtures and the engine's legacy golden scenarios that
//! lint without errors, the legacy flow runs natively and its migration runs on the current
//! dialect, with the same input and the same mocks; the two must agree on the execution status,
//! output, error and cause (for the errors the engines raise themselves, such as
//! `FnF.InvalidInput`, the name: each dialect words its cause), and on the sequence of task calls (state name and argument).
//!
//! The mocks answer both runs alike: a state the scenario's mock file names answers from it,
//! every other call echoes its argument. A call's argument is what the legacy task sends
//! (its resolved `serviceParams`, else its input); on the migrated side the same value sits
//! inside the integration's parameters (`body` of `FC:InvokeFunction`, `message` of
//! `MNS:SendMessage`), so the test compares those; a child flow's start is compared as
//! `{flow, input, executionName}` on both sides.
//!
//! Differences that no current construct can avoid are listed in [`KNOWN_DIFFERENCES`], each
//! with its reason (the migration says so in a `# flowplay:` note): the test fails on any other
//! difference, and on a listed flow that no longer differs (so the list cannot rot). The
//! migrated text must always pass `engine::prepare` (the migration never emits what the
//! current-dialect engine refuses).

use std::cell::RefCell;
use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::pin::Pin;

use engine::{Execution, Invoker, MockInvoker, TaskCall, TaskOutcome};
use serde_json::{Value, json};
use support::{shared_corpus, yaml_files};

mod support;

/// Flows whose migration cannot run exactly as the legacy flow, with the reason (the label is
/// the flow's path under its corpus, as the table prints it).
const KNOWN_DIFFERENCES: &[(&str, &str)] = &[
    ("realworld/01-legacy-detect-mask-viapi-choice.yaml", DATA_MODEL),
    ("realworld/04-legacy-fork-flows-subflow-catch.yaml", DATA_MODEL),
    ("realworld/10-legacy-oss-unzip-single-file.yaml", DATA_MODEL),
    ("realworld/11-legacy-oss-unzip-fn-sub-placeholder.yaml", DATA_MODEL),
    ("realworld/21-legacy-provision-autoscale.yaml", DATA_MODEL),
    ("realworld/29-legacy-oss-restore-main-replace-placeholders.yaml", DATA_MODEL),
    ("corpus/valid/30-legacy-wait-timestamp-from-input.yaml", WAIT_TIMESTAMP),
    ("fixtures/FDL-L006/valid-action.yaml", DATA_MODEL),
    ("fixtures/FDL-L012/valid-service-params.yaml", DATA_MODEL),
    ("fixtures/FDL-L013/valid-nested.yaml", DATA_MODEL),
    ("fixtures/FDL-L014/valid.yaml", DATA_MODEL),
    ("golden/legacy-callback-and-mappings", DATA_MODEL),
    ("golden/legacy-data-model", DATA_MODEL),
    ("golden/legacy-foreach", FOREACH_ITEM),
    ("golden/legacy-goto-loop", DATA_MODEL),
    ("golden/legacy-loop", DATA_MODEL),
    ("golden/legacy-retry-catch", DATA_MODEL),
];

/// A legacy step reads its parent's input merged with the outputs of the steps before it, and
/// the flow outputs the union of its steps' outputs; a current state reads only the previous
/// state's output, and a constructor cannot merge objects. The migration's header note says so.
const DATA_MODEL: &str = "parent-local merging";

/// The words of the migration's `# flowplay:` note for each reason: a listed flow's migration
/// must say why it differs.
const NOTES: &[(&str, &str)] = &[
    (DATA_MODEL, "legacy steps read their parent's input merged with the outputs"),
    (FOREACH_ITEM, "legacy foreach put it under `item`"),
    (WAIT_TIMESTAMP, "waited until timestamp"),
];
/// A legacy foreach iteration's input is the foreach's input plus `item` (and `index`); a Map
/// item is the whole iteration input. The migration's `ItemsPath` note says so.
const FOREACH_ITEM: &str = "foreach item";
/// A legacy wait until a `timestamp`: the current dialect has no `UntilDateTime`. The
/// migration's Wait note says so.
const WAIT_TIMESTAMP: &str = "wait timestamp";

/// The errors the engines raise themselves (their causes are worded per dialect).
const ENGINE_ERRORS: &[&str] = &[
    engine::errors::INVALID_INPUT,
    engine::errors::TRANSITION_LIMIT,
    engine::errors::PAYLOAD_TOO_LARGE,
    engine::errors::EVENT_LIMIT,
    engine::errors::MAP_ITEM_LIMIT,
    engine::errors::EXECUTION_TIMEOUT,
    "FnF.ExpressionError",
];

/// One task call: the state (step) name and its argument.
type Call = (String, Value);

/// Answers both runs alike (see the module docs) and records the calls.
struct Recorder {
    legacy: bool,
    mocks: Option<MockInvoker>,
    mocked: HashSet<String>,
    calls: RefCell<Vec<Call>>,
}

impl Recorder {
    fn new(legacy: bool, mocks: Option<&str>) -> Self {
        let (mocks, mocked) = match mocks {
            Some(text) => {
                let root = fdl::yaml::parse(text, fdl::yaml::ParseLimits::default()).root.expect("a mock file");
                let file: engine::MockFile = serde_json::from_value(root.to_json()).expect("a mock file");
                let names = file.cases.get("default").map(|c| c.keys().cloned().collect()).unwrap_or_default();
                (Some(MockInvoker::from_text(text, Some("default")).expect("a mock file")), names)
            }
            None => (None, HashSet::new()),
        };
        Self { legacy, mocks, mocked, calls: RefCell::default() }
    }

    /// The value the call sends (see the module docs).
    fn argument(&self, call: &TaskCall) -> Value {
        let p = &call.parameters;
        if let Some(child) = child_flow(call, self.legacy) {
            return child;
        }
        if self.legacy {
            // An MNS task with `serviceParams.MessageBody` sends that body.
            if call.action.starts_with("acs:mns:")
                && let Some(body) = p.get("MessageBody")
            {
                return body.clone();
            }
            return p.clone();
        }
        let keys: Vec<&str> = p.as_object().map(|m| m.keys().map(String::as_str).collect()).unwrap_or_default();
        match call.action.as_str() {
            "FC:InvokeFunction" if keys == ["resourceArn", "invocationType", "body"] => p["body"].clone(),
            "MNS:SendMessage" if keys == ["resourceArn", "message"] => p["message"].clone(),
            _ => p.clone(),
        }
    }
}

/// A child flow's start, alike on both sides: `{flow, input, executionName}`. The legacy task
/// names the flow in its ARN (or `serviceParams.FlowName`) and sends its `serviceParams`
/// (`Input`, `ExecutionName`) or else its input; the migrated `FNF:StartExecution` has
/// `resourceArn`, `input` and `executionName`.
fn child_flow(call: &TaskCall, legacy: bool) -> Option<Value> {
    let p = &call.parameters;
    let flow_of = |arn: &str| arn.rsplit_once("flow/").map_or(arn.to_owned(), |(_, f)| f.to_owned());
    let (flow, input, execution) = if legacy {
        let by_action = call.action.eq_ignore_ascii_case("fnf:StartExecution");
        if !by_action && !call.action.starts_with("acs:fnf:") {
            return None;
        }
        let flow =
            if by_action { p["FlowName"].as_str().unwrap_or_default().to_owned() } else { flow_of(&call.action) };
        let with_params = by_action || ["Input", "ExecutionName", "FlowName"].iter().any(|k| p.get(k).is_some());
        if with_params { (flow, p["Input"].clone(), p.get("ExecutionName").cloned()) } else { (flow, p.clone(), None) }
    } else {
        if call.action != "FNF:StartExecution" {
            return None;
        }
        (flow_of(p["resourceArn"].as_str().unwrap_or_default()), p["input"].clone(), p.get("executionName").cloned())
    };
    let mut out = json!({"flow": flow, "input": input});
    if let Some(e) = execution {
        out["executionName"] = e;
    }
    Some(out)
}

impl Invoker for Recorder {
    fn invoke<'a>(&'a self, call: &'a TaskCall) -> Pin<Box<dyn std::future::Future<Output = TaskOutcome> + 'a>> {
        let argument = self.argument(call);
        self.calls.borrow_mut().push((call.state.clone(), argument.clone()));
        Box::pin(async move {
            match &self.mocks {
                Some(m) if self.mocked.contains(&call.state) => {
                    let call = TaskCall { parameters: argument, ..call.clone() };
                    m.invoke(&call).await
                }
                _ => TaskOutcome { result: Ok(argument), duration_ms: 0 },
            }
        })
    }
}

/// One workflow to compare: its label, text, inputs and mocks.
struct Case {
    label: String,
    source: String,
    inputs: Vec<Value>,
    mocks: Option<String>,
}

fn options() -> engine::EngineOptions {
    engine::EngineOptions { max_transitions: 500, seed: 42, ..Default::default() }
}

/// What a run gave: status, output, error, cause and its calls.
#[derive(Debug, PartialEq)]
struct Outcome {
    status: engine::ExecutionStatus,
    output: Option<Value>,
    error: Option<String>,
    cause: Option<String>,
    calls: Vec<Call>,
}

fn run(source: &str, input: &Value, mocks: Option<&str>, legacy: bool) -> Result<Outcome, String> {
    let request = engine::RunRequest {
        source,
        linter: fdl::Linter::default(),
        input: input.clone(),
        mocks: None,
        case: None,
        options: options(),
    };
    let p = engine::prepare(request).map_err(|e| format!("{e}: {e:?}"))?;
    assert_eq!(p.flow.as_legacy().is_some(), legacy);
    let recorder = Recorder::new(legacy, mocks);
    let e: Execution = futures::executor::block_on(engine::run(&p.flow, p.input, &recorder, &p.options));
    Ok(Outcome { status: e.status, output: e.output, error: e.error, cause: e.cause, calls: recorder.calls.take() })
}

/// The differences between the two runs, in words (empty: the same).
fn differences(legacy: &Outcome, migrated: &Outcome) -> Vec<String> {
    let mut out = Vec::new();
    if legacy.status != migrated.status {
        out.push(format!("status {:?} → {:?}", legacy.status, migrated.status));
    }
    if legacy.error != migrated.error {
        out.push(format!("error {:?} → {:?}", legacy.error, migrated.error));
    }
    // The engines word their own errors differently (`the foreach collection …` / `ItemsPath
    // …`): for those, the error name is what must agree. A Fail step's or a mock's cause must.
    let engines_own =
        legacy.error == migrated.error && legacy.error.as_deref().is_some_and(|e| ENGINE_ERRORS.contains(&e));
    if legacy.cause != migrated.cause && !engines_own {
        let short = |c: &Option<String>| c.as_deref().map(|c| c.chars().take(60).collect::<String>());
        out.push(format!("cause {:?} → {:?}", short(&legacy.cause), short(&migrated.cause)));
    }
    if legacy.output != migrated.output {
        out.push(format!("output {} → {}", short_json(&legacy.output), short_json(&migrated.output)));
    }
    if legacy.calls != migrated.calls {
        let i = legacy
            .calls
            .iter()
            .zip(&migrated.calls)
            .position(|(a, b)| a != b)
            .unwrap_or(legacy.calls.len().min(migrated.calls.len()));
        let show =
            |c: Option<&Call>| c.map_or("(none)".to_owned(), |(s, a)| format!("{s}({})", short_json(&Some(a.clone()))));
        out.push(format!(
            "calls ({} → {}) differ at #{i}: {} → {}",
            legacy.calls.len(),
            migrated.calls.len(),
            show(legacy.calls.get(i)),
            show(migrated.calls.get(i))
        ));
    }
    out
}

fn short_json(v: &Option<Value>) -> String {
    let text = v.as_ref().map_or("none".to_owned(), Value::to_string);
    if text.chars().count() > 80 { format!("{}…", text.chars().take(80).collect::<String>()) } else { text }
}

/// The migration of a legacy text (`None` if it is not a legacy flow).
fn migrate(source: &str) -> Option<String> {
    let analysis = fdl::analyze(source);
    let flow = analysis.document.as_ref()?.as_legacy()?;
    Some(fdl::migrate::migrate_legacy(flow, "migrated_flow"))
}

/// A richer input than `{}`: the fields legacy samples read most, so that choices, foreach
/// collections and mappings see values.
fn rich_input() -> Value {
    json!({"items": [{"id": 1, "name": "a"}, {"id": 2, "name": "b"}], "name": "n", "id": "x-1", "status": "ok", "count": 2})
}

fn cases() -> Vec<Case> {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut cases = Vec::new();
    let mut from_dir = |dir: &Path, prefix: &str| {
        let mut paths = Vec::new();
        yaml_files(dir, &mut paths);
        paths.sort();
        for p in paths {
            let source = std::fs::read_to_string(&p).unwrap();
            let label = format!("{prefix}{}", p.strip_prefix(dir).unwrap_or(&p).display());
            cases.push(Case { label, source, inputs: vec![json!({}), rich_input()], mocks: None });
        }
    };
    from_dir(&manifest.join("../../tests/corpus/realworld"), "realworld/");
    if let Some(shared) = shared_corpus() {
        from_dir(&shared, "corpus/");
    }
    from_dir(&manifest.join("../fdl/tests/fixtures"), "fixtures/");
    let golden = manifest.join("tests/golden");
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&golden).unwrap().map(|e| e.unwrap().path()).collect();
    dirs.sort();
    for dir in dirs {
        let Ok(source) = std::fs::read_to_string(dir.join("workflow.yaml")) else { continue };
        let input: Value = std::fs::read_to_string(dir.join("input.json"))
            .map_or_else(|_| json!({}), |t| serde_json::from_str(&t).unwrap());
        let mocks = std::fs::read_to_string(dir.join("mocks.yaml")).ok();
        let label = format!("golden/{}", dir.file_name().unwrap().to_string_lossy());
        cases.push(Case { label, source, inputs: vec![input], mocks });
    }
    cases
}

#[test]
fn migrated_legacy_flows_run_as_the_legacy_flows() {
    let known: BTreeMap<&str, &str> = KNOWN_DIFFERENCES.iter().copied().collect();
    let mut compared = 0;
    let mut same = 0;
    let mut skipped = 0;
    let mut refused = Vec::new();
    let mut unexpected = Vec::new();
    let mut listed_differing = HashSet::new();
    let mut table = Vec::new();
    for case in cases() {
        let Some(migrated) = migrate(&case.source) else { continue };
        // `MIGRATION_SHOW=<part of a label>` prints those flows' migrations.
        if std::env::var("MIGRATION_SHOW").is_ok_and(|l| case.label.contains(&l)) {
            eprintln!("== {}\n{migrated}", case.label);
        }
        let mut found = Vec::new();
        let mut ran = false;
        for (i, input) in case.inputs.iter().enumerate() {
            // Only flows the linter accepts run (as `flowplay run` runs them).
            let Ok(legacy) = run(&case.source, input, case.mocks.as_deref(), true) else { break };
            ran = true;
            let current = match run(&migrated, input, case.mocks.as_deref(), false) {
                Ok(o) => o,
                Err(e) => {
                    refused.push(format!("{}: {e}\n{migrated}", case.label));
                    found.push(format!("input #{i}: the migration is refused"));
                    break;
                }
            };
            found.extend(differences(&legacy, &current).into_iter().map(|d| format!("input #{i}: {d}")));
        }
        if !ran {
            skipped += 1;
            continue;
        }
        compared += 1;
        let verdict = if found.is_empty() {
            same += 1;
            "same".to_owned()
        } else if let Some(reason) = known.get(case.label.as_str()) {
            listed_differing.insert(case.label.clone());
            let words = NOTES.iter().find(|(r, _)| r == reason).map_or("", |(_, w)| w);
            if !migrated.lines().any(|l| l.trim_start().starts_with("# flowplay:") && l.contains(words)) {
                unexpected.push(format!("{}: differs ({reason}) but its migration has no note saying so", case.label));
            }
            format!("KNOWN ({reason}): {}", found.join("; "))
        } else {
            unexpected.push(format!("{}: {}", case.label, found.join("; ")));
            format!("DIFFERENT: {}", found.join("; "))
        };
        table.push(format!("  {:<60} {verdict}", case.label));
    }
    eprintln!(
        "migration differential: {compared} flows compared, {same} the same, {} known differences, {} unexpected; {skipped} refused by lint (not run)",
        listed_differing.len(),
        unexpected.len()
    );
    for line in &table {
        eprintln!("{line}");
    }
    let mut by_reason: BTreeMap<&str, usize> = BTreeMap::new();
    for label in &listed_differing {
        *by_reason.entry(known[label.as_str()]).or_default() += 1;
    }
    eprintln!("known differences by reason: {by_reason:?}");
    let stale: Vec<&str> = known.keys().copied().filter(|k| !listed_differing.contains(*k)).collect();
    assert!(refused.is_empty(), "the current engine refuses migrations:\n{}", refused.join("\n"));
    assert!(unexpected.is_empty(), "differences not in KNOWN_DIFFERENCES:\n{}", unexpected.join("\n"));
    assert!(stale.is_empty(), "KNOWN_DIFFERENCES lists flows that no longer differ (remove them): {stale:?}");
    assert!(compared >= 30, "expected the corpora's legacy flows, compared {compared}");
}

/// Generated legacy flows (issue 15): small random step trees of passes with mappings, tasks
/// with mocked results and failures, retries and catches (with `goto`), waits, choices with `goto` or
/// nested steps, foreach over an input array and parallels. For every tree:
/// - the migration passes `engine::prepare`;
/// - a migration without any `# flowplay:` note runs exactly as the legacy flow (status,
///   output, error, cause, task calls);
/// - without choices and foreaches (whose paths depend on the data, which the legacy data model
///   carries differently), both runs end alike (status, error) after the same task calls, in
///   the same order, state by state.
mod generated {
    use proptest::prelude::*;
    use serde_json::json;

    #[derive(Clone, Debug)]
    enum Gen {
        /// A pass, with an output mapping when true.
        Pass(bool),
        /// A task: how many first calls fail (`E.Flaky`; 9 = every call, `E.Broken`), a retry
        /// rule's `maxAttempts` on `E.Flaky`, a catch (`FnF.ALL`) with `goto` to the sibling this
        /// many places further (0: no goto), and an output mapping when true.
        Task {
            failures: u8,
            retry: Option<u8>,
            catch: Option<u8>,
            mapped: bool,
        },
        /// A choice on `$.flag`: its branch's nested steps, or a `goto` this many places further.
        Choice {
            steps: Vec<Gen>,
            goto: Option<u8>,
        },
        Foreach(Vec<Gen>),
        Parallel(Vec<Vec<Gen>>),
        /// A wait of this many seconds.
        Wait(u8),
        Succeed,
        Fail,
    }

    fn tree() -> impl Strategy<Value = Vec<Gen>> {
        let leaf = prop_oneof![
            3 => any::<bool>().prop_map(Gen::Pass),
            4 => (prop_oneof![Just(0u8), Just(0), Just(1), Just(2), Just(9)], proptest::option::of(1u8..3), proptest::option::of(0u8..3), any::<bool>())
                .prop_map(|(failures, retry, catch, mapped)| Gen::Task { failures, retry, catch, mapped }),
            1 => (0u8..5).prop_map(Gen::Wait),
            1 => Just(Gen::Succeed),
            1 => Just(Gen::Fail),
        ];
        let step = leaf.prop_recursive(2, 12, 3, |inner| {
            prop_oneof![
                (proptest::collection::vec(inner.clone(), 1..3), proptest::option::of(1u8..3))
                    .prop_map(|(steps, goto)| Gen::Choice { steps, goto }),
                proptest::collection::vec(inner.clone(), 1..3).prop_map(Gen::Foreach),
                proptest::collection::vec(proptest::collection::vec(inner, 1..3), 1..3).prop_map(Gen::Parallel),
            ]
        });
        proptest::collection::vec(step, 1..5)
    }

    /// Renders a step list at `indent`; names are unique (`s1`, `s2`, …); mocks collect the
    /// tasks' mock entries.
    fn render(list: &[Gen], indent: usize, n: &mut usize, mocks: &mut String, out: &mut String) {
        let names: Vec<String> = list
            .iter()
            .map(|_| {
                *n += 1;
                format!("s{n}")
            })
            .collect();
        let pad = " ".repeat(indent);
        let target = |i: usize, ahead: u8| names.get(i + ahead as usize).cloned();
        for (i, g) in list.iter().enumerate() {
            let name = &names[i];
            match g {
                Gen::Pass(mapped) => {
                    out.push_str(&format!("{pad}- type: pass\n{pad}  name: {name}\n"));
                    if *mapped {
                        out.push_str(&format!(
                            "{pad}  outputMappings:\n{pad}    - target: {name}\n{pad}      source: $input.n\n"
                        ));
                    }
                }
                Gen::Task { failures, retry, catch, mapped } => {
                    out.push_str(&format!(
                        "{pad}- type: task\n{pad}  name: {name}\n{pad}  resourceArn: acs:fc:cn-hangzhou:1:services/s/functions/{name}\n"
                    ));
                    if let Some(max) = retry {
                        out.push_str(&format!(
                            "{pad}  retry:\n{pad}    - errors: [E.Flaky]\n{pad}      maxAttempts: {max}\n{pad}      intervalSeconds: 1\n"
                        ));
                    }
                    if let Some(ahead) = catch {
                        out.push_str(&format!("{pad}  catch:\n{pad}    - errors: [FnF.ALL]\n"));
                        if let Some(t) = target(i, *ahead).filter(|_| *ahead > 0) {
                            out.push_str(&format!("{pad}      goto: {t}\n"));
                        }
                    }
                    if *mapped {
                        out.push_str(&format!(
                            "{pad}  outputMappings:\n{pad}    - target: {name}\n{pad}      source: $local.r\n"
                        ));
                    }
                    match failures {
                        0 => mocks.push_str(&format!("    {name}:\n      Result: {{r: {n}}}\n")),
                        9 => mocks.push_str(&format!("    {name}:\n      Error: E.Broken\n      Cause: broken\n")),
                        k => mocks.push_str(&format!(
                            "    {name}:\n      \"0-{}\": {{Error: E.Flaky, Cause: flaky}}\n      \"{k}-999\": {{Result: {{r: {n}}}}}\n",
                            k - 1
                        )),
                    }
                }
                Gen::Choice { steps, goto } => {
                    out.push_str(&format!(
                        "{pad}- type: choice\n{pad}  name: {name}\n{pad}  choices:\n{pad}    - condition: $.flag == true\n"
                    ));
                    match goto.and_then(|a| target(i, a)) {
                        Some(t) => out.push_str(&format!("{pad}      goto: {t}\n")),
                        None => {
                            out.push_str(&format!("{pad}      steps:\n"));
                            render(steps, indent + 8, n, mocks, out);
                        }
                    }
                }
                Gen::Foreach(steps) => {
                    out.push_str(&format!(
                        "{pad}- type: foreach\n{pad}  name: {name}\n{pad}  iterationMapping:\n{pad}    collection: $.items\n{pad}    item: item\n{pad}  steps:\n"
                    ));
                    render(steps, indent + 4, n, mocks, out);
                }
                Gen::Parallel(branches) => {
                    out.push_str(&format!("{pad}- type: parallel\n{pad}  name: {name}\n{pad}  branches:\n"));
                    for b in branches {
                        out.push_str(&format!("{pad}    - steps:\n"));
                        render(b, indent + 8, n, mocks, out);
                    }
                }
                Gen::Wait(seconds) => {
                    out.push_str(&format!("{pad}- type: wait\n{pad}  name: {name}\n{pad}  duration: {seconds}\n"))
                }
                Gen::Succeed => out.push_str(&format!("{pad}- type: succeed\n{pad}  name: {name}\n")),
                Gen::Fail => out.push_str(&format!(
                    "{pad}- type: fail\n{pad}  name: {name}\n{pad}  error: E.Failed\n{pad}  cause: failed\n"
                )),
            }
        }
    }

    fn data_driven(list: &[Gen]) -> bool {
        list.iter().any(|g| match g {
            Gen::Choice { .. } | Gen::Foreach(_) => true,
            Gen::Parallel(bs) => bs.iter().any(|b| data_driven(b)),
            _ => false,
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 64, failure_persistence: None, ..ProptestConfig::default() })]
        #[test]
        fn generated_legacy_flows_migrate_faithfully(list in tree(), flag in any::<bool>()) {
            let (mut n, mut mocks, mut steps) = (0, String::new(), String::new());
            render(&list, 2, &mut n, &mut mocks, &mut steps);
            let source = format!("version: v1\ntype: flow\nsteps:\n{steps}");
            let mocks = format!("Cases:\n  default:\n{}", if mocks.is_empty() { "    {}\n".to_owned() } else { mocks });
            let input = json!({"flag": flag, "n": 1, "items": [1, 2]});
            let legacy = super::run(&source, &input, Some(&mocks), true)
                .unwrap_or_else(|e| panic!("the generated flow is refused: {e}\n{source}"));
            let migrated = super::migrate(&source).expect("a legacy flow");
            let current = super::run(&migrated, &input, Some(&mocks), false)
                .unwrap_or_else(|e| panic!("the current engine refuses the migration: {e}\n{source}\n{migrated}"));
            let noted = migrated.lines().any(|l| l.trim_start().starts_with("# flowplay:"));
            if !noted {
                let d = super::differences(&legacy, &current);
                prop_assert!(d.is_empty(), "{d:?}\n{source}\n{migrated}");
            }
            if !data_driven(&list) {
                let names = |o: &super::Outcome| o.calls.iter().map(|(s, _)| s.clone()).collect::<Vec<_>>();
                prop_assert_eq!(legacy.status, current.status, "{}\n{}", source, migrated);
                prop_assert_eq!(&legacy.error, &current.error, "{}\n{}", source, migrated);
                prop_assert_eq!(names(&legacy), names(&current), "{}\n{}", source, migrated);
            }
        }
    }
}
