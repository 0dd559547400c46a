//! Engine throughput, with issue 15's budgets (each printed with its figure):
//! - a 100,000-state Pass chain with full history details and data-flow traces (what the
//!   playground and `flowplay run --history` show): ≥ 1,000,000 transitions/s;
//! - the same chain with details off: ≥ 3,000,000 transitions/s;
//! - an inline Map over 10,000 items with a mocked Task (full history): ≤ 100 ms;
//! - a legacy 1,000-step chain runs as fast as its migration (ratio ≤ 1).
//!
//! The machine it runs on is shared and noisy, so the scenarios run interleaved, round after
//! round, and each prints its min and median; each is also given as a ratio to a fixed
//! baseline workload (allocating and dropping JSON values, no engine code) measured in the same
//! rounds, which compares runs made under different load.
//!
//! Run: `cargo bench -p engine --bench engine_throughput [-- [--rounds N] [SCENARIO...]]`.
//! Scenarios: baseline, chain-full, chain-lean, map, legacy-chain, legacy-migrated. For
//! instruction counts: `valgrind --tool=callgrind --toggle-collect=*timed* target/release/deps/engine_throughput-*
//! --rounds 1 chain-full` (two runs: the warm-up and the timed one).

use std::cell::OnceCell;
use std::time::Instant;

use serde_json::{Value, json};

fn lint(source: &str) -> fdl::model::Document {
    let mut config = fdl::LintConfig::default();
    config.limits.max_bytes = 64 * 1024 * 1024;
    let report = fdl::Linter::new(config).lint(source);
    assert!(!report.has_errors(), "{:?}", report.diagnostics.first());
    report.analysis.document.expect("a workflow")
}

fn current(source: &str) -> fdl::model::Flow {
    match lint(source) {
        fdl::model::Document::Current(f) => f,
        _ => panic!("not a current-dialect workflow"),
    }
}

const CHAIN_STATES: usize = 100_000;
const MAP_ITEMS: usize = 10_000;
const LEGACY_STEPS: usize = 1_000;

fn pass_chain() -> fdl::model::Flow {
    let mut src = String::from("Type: StateMachine\nName: chain\nSpecVersion: v1\nStartAt: S0\nStates:\n");
    for i in 0..CHAIN_STATES {
        let next = if i + 1 == CHAIN_STATES { "    End: true\n".to_owned() } else { format!("    Next: S{}\n", i + 1) };
        src.push_str(&format!("  - Type: Pass\n    Name: S{i}\n{next}"));
    }
    current(&src)
}

fn inline_map() -> fdl::model::Flow {
    current(
        "Type: StateMachine\nName: m\nSpecVersion: v1\nStartAt: M\nStates:\n  - Type: Map\n    Name: M\n    ItemsPath: $Input.items\n    MaxConcurrency: 40\n    Processor:\n      StartAt: T\n      States:\n        - Type: Task\n          Name: T\n          Action: FC:InvokeFunction\n          Parameters:\n            resourceArn: acs:fc:cn-hangzhou:1:functions/f/LATEST\n            invocationType: Sync\n            body.$: $Input\n          OutputConstructor:\n            id.$: $Output.body.id\n          End: true\n    End: true\n",
    )
}

/// A legacy chain of steps that move data: every step maps `$input.n` in and out, and every
/// tenth is a task (echoed by the mock) whose `serviceParams` read its input.
fn legacy_chain_source() -> String {
    let mut src = String::from("version: v1\ntype: flow\nsteps:\n");
    for i in 0..LEGACY_STEPS {
        if i % 10 == 9 {
            src.push_str(&format!(
                "  - type: task\n    name: s{i}\n    resourceArn: acs:fc:cn-hangzhou:1:services/s/functions/f\n    inputMappings:\n      - target: n\n        source: $input.n\n    serviceParams:\n      n: $.n\n    outputMappings:\n      - target: n\n        source: $local.n\n"
            ));
        } else {
            src.push_str(&format!(
                "  - type: pass\n    name: s{i}\n    inputMappings:\n      - target: n\n        source: $input.n\n    outputMappings:\n      - target: n\n        source: $input.n\n"
            ));
        }
    }
    src
}

/// What the scenarios run, each built once when first needed (so that callgrind, counting one
/// scenario, does not build the others).
#[derive(Default)]
struct Workloads {
    chain: OnceCell<fdl::model::Flow>,
    map: OnceCell<(fdl::model::Flow, Value)>,
    legacy: OnceCell<(fdl::model::LegacyFlow, fdl::model::Flow)>,
}

impl Workloads {
    fn chain(&self) -> &fdl::model::Flow {
        self.chain.get_or_init(pass_chain)
    }

    /// The Map flow and its input.
    fn map(&self) -> &(fdl::model::Flow, Value) {
        self.map.get_or_init(|| {
            let items: Vec<_> = (0..MAP_ITEMS).map(|i| json!({"id": i})).collect();
            (inline_map(), json!({ "items": items }))
        })
    }

    /// The legacy chain and its migration.
    fn legacy(&self) -> &(fdl::model::LegacyFlow, fdl::model::Flow) {
        self.legacy.get_or_init(|| {
            let legacy = match lint(&legacy_chain_source()) {
                fdl::model::Document::Legacy(f) => f,
                _ => panic!("not a legacy workflow"),
            };
            let migrated = current(&fdl::migrate::migrate_legacy(&legacy, "migrated_chain"));
            (legacy, migrated)
        })
    }
}

fn unlimited(record_details: bool) -> engine::EngineOptions {
    engine::EngineOptions {
        max_transitions: usize::MAX,
        max_events: usize::MAX,
        max_payload_bytes: usize::MAX,
        max_map_items: usize::MAX,
        record_details,
        ..Default::default()
    }
}

/// The service's limits, with a transition budget that lets a 1,000-step chain through (the
/// legacy and migrated runs differ in nothing else).
fn service_limits() -> engine::EngineOptions {
    engine::EngineOptions { max_transitions: 10 * LEGACY_STEPS, max_events: usize::MAX, ..Default::default() }
}

/// One run, timed: the engine's run and the drop of its result (what a host pays), not the
/// input's preparation. What it did: its transitions and events, and whether traces were kept.
/// Not inlined, so that callgrind can count it alone (`--toggle-collect=*timed*`).
#[inline(never)]
fn timed(flow: engine::Runnable<'_>, input: Value, opts: &engine::EngineOptions) -> (f64, (usize, usize, usize)) {
    let invoker = engine::MockInvoker::echo();
    let t = Instant::now();
    let e = futures::executor::block_on(engine::run(flow, input, &invoker, opts));
    assert_eq!(e.status, engine::ExecutionStatus::Succeeded, "{:?} {:?}", e.error, e.cause);
    let did = (e.transitions, e.events.len(), e.traces.len());
    drop(e);
    (t.elapsed().as_secs_f64(), did)
}

/// The fixed reference workload: builds and drops 200,000 small JSON objects (allocation and
/// hashing, as the engine's own work), no engine code.
#[inline(never)]
fn timed_baseline() -> (f64, usize) {
    let t = Instant::now();
    let values: Vec<Value> = (0..200_000).map(|i| json!({"input": {"k": i, "name": format!("S{i}")}})).collect();
    let n = values.iter().filter(|v| v["input"]["k"].as_i64().is_some()).count();
    drop(std::hint::black_box(values));
    (t.elapsed().as_secs_f64(), n)
}

#[derive(Clone, Copy, PartialEq)]
enum Scenario {
    Baseline,
    ChainFull,
    ChainLean,
    Map,
    LegacyChain,
    LegacyMigrated,
}

const ALL: [(Scenario, &str); 6] = [
    (Scenario::Baseline, "baseline"),
    (Scenario::ChainFull, "chain-full"),
    (Scenario::ChainLean, "chain-lean"),
    (Scenario::Map, "map"),
    (Scenario::LegacyChain, "legacy-chain"),
    (Scenario::LegacyMigrated, "legacy-migrated"),
];

/// Runs one scenario once: its time, and what it did (transitions or events) for the report.
fn once(w: &Workloads, s: Scenario) -> (f64, usize) {
    match s {
        Scenario::Baseline => timed_baseline(),
        Scenario::ChainFull | Scenario::ChainLean => {
            let (secs, (transitions, _, traces)) =
                timed(w.chain().into(), json!({"k": 1}), &unlimited(s == Scenario::ChainFull));
            assert_eq!(transitions, CHAIN_STATES);
            assert_eq!(traces, if s == Scenario::ChainFull { CHAIN_STATES } else { 0 }, "traces follow details");
            (secs, transitions)
        }
        Scenario::Map => {
            let (flow, input) = w.map();
            let (secs, (_, events, _)) = timed(flow.into(), input.clone(), &unlimited(true));
            (secs, events)
        }
        Scenario::LegacyChain | Scenario::LegacyMigrated => {
            let (legacy, migrated) = w.legacy();
            let flow = if s == Scenario::LegacyChain { legacy.into() } else { migrated.into() };
            let (secs, (transitions, _, _)) = timed(flow, json!({"n": 1}), &service_limits());
            (secs, transitions)
        }
    }
}

fn median(sorted: &[f64]) -> f64 {
    sorted[sorted.len() / 2]
}

fn main() {
    let mut rounds = 7;
    let mut chosen = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--rounds" => rounds = args.next().and_then(|n| n.parse().ok()).expect("--rounds N"),
            "--bench" => {}
            name => match ALL.iter().find(|(_, n)| *n == name) {
                Some((s, _)) => chosen.push(*s),
                None => panic!("unknown scenario `{name}`; scenarios: {:?}", ALL.map(|(_, n)| n)),
            },
        }
    }
    if chosen.is_empty() {
        chosen = ALL.iter().map(|(s, _)| *s).collect();
    }
    let w = Workloads::default();
    // One warm-up round, then the timed rounds, interleaved.
    let mut times: Vec<Vec<f64>> = vec![Vec::new(); ALL.len()];
    let mut did = vec![0usize; ALL.len()];
    for round in 0..=rounds {
        for s in &chosen {
            let i = ALL.iter().position(|(x, _)| x == s).unwrap_or(0);
            let (secs, what) = once(&w, *s);
            did[i] = what;
            if round > 0 {
                times[i].push(secs);
            }
        }
    }
    for t in &mut times {
        t.sort_by(f64::total_cmp);
    }
    let at = |s: Scenario| ALL.iter().position(|(x, _)| *x == s).unwrap_or(0);
    let timed = |s: Scenario| !times[at(s)].is_empty();
    let stats = |s: Scenario| (times[at(s)][0], median(&times[at(s)]));
    let base = timed(Scenario::Baseline).then(|| stats(Scenario::Baseline).1);
    let vs_base = |med: f64| base.map_or(String::new(), |b| format!("; {:.2}× baseline", med / b));
    println!("{rounds} rounds (min / median)");
    if let Some(b) = base {
        let (min, _) = stats(Scenario::Baseline);
        println!("baseline (200,000 JSON values built and dropped): {:.1} / {:.1} ms", min * 1e3, b * 1e3);
    }
    for (s, what, budget) in [
        (Scenario::ChainFull, "full history details and traces", 1_000_000.0),
        (Scenario::ChainLean, "details and traces off", 3_000_000.0),
    ] {
        if !timed(s) {
            continue;
        }
        let (min, med) = stats(s);
        let per_s = |secs: f64| CHAIN_STATES as f64 / secs;
        println!(
            "pass chain, {what}: {:.2} / {:.2} M transitions/s ({:.1} / {:.1} ms){}; budget ≥ {:.0} M/s: {}",
            per_s(min) / 1e6,
            per_s(med) / 1e6,
            min * 1e3,
            med * 1e3,
            vs_base(med),
            budget / 1e6,
            if per_s(med) >= budget { "met" } else { "NOT met" }
        );
    }
    if timed(Scenario::Map) {
        let (min, med) = stats(Scenario::Map);
        println!(
            "inline Map over {MAP_ITEMS} items with a mocked Task, full history: {:.1} / {:.1} ms ({} events){}; budget ≤ 100 ms: {}",
            min * 1e3,
            med * 1e3,
            did[at(Scenario::Map)],
            vs_base(med),
            if med <= 0.1 { "met" } else { "NOT met" }
        );
    }
    for (s, what) in [(Scenario::LegacyChain, "legacy"), (Scenario::LegacyMigrated, "its migration")] {
        if timed(s) {
            let (min, med) = stats(s);
            println!(
                "{LEGACY_STEPS}-step chain, {what}: {:.3} / {:.3} ms ({} transitions){}",
                min * 1e3,
                med * 1e3,
                did[at(s)],
                vs_base(med)
            );
        }
    }
    if timed(Scenario::LegacyChain) && timed(Scenario::LegacyMigrated) {
        let (legacy, migrated) = (stats(Scenario::LegacyChain), stats(Scenario::LegacyMigrated));
        let ratio = legacy.1 / migrated.1;
        println!(
            "legacy / migrated time: {:.2} (mins), {ratio:.2} (medians); budget ≤ 1.00 (same speed): {}",
            legacy.0 / migrated.0,
            if ratio <= 1.0 { "met" } else { "NOT met" }
        );
    }
}
