//! Trust on real workflows (issue 13): public workflow definitions nobody on the team wrote,
//! collected under `tests/corpus/realworld` (see its README). Linted as `flowplay lint` lints them:
//! - every file the source presents as working has no error and no warning, except the reviewed
//!   ones: false positives (a user would not agree) in `known-false-positives.tsv`, which only
//!   shrinks (fix the rule, then delete the entry), and warnings a user would agree with in
//!   `known-warnings.tsv`; every entry of both must still fire;
//! - every problem listed in `expected.tsv` for a broken file is an error on its line;
//! - `--fix` (and `--fix --unsafe-fixes`) never makes a file worse: the result parses into a
//!   document, has no finding the original did not have (counted per code), and a second run
//!   changes nothing. Files where the unsafe fixes are known to break this are listed, reviewed, in
//!   `known-bad-unsafe-fixes.tsv` (shrink-only, as the false positives).
//!
//! `cargo test -p flowplay-tests --test realworld -- --nocapture` prints a summary of the findings.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use fdl::Severity;
use flowplay_tests::{Linted, ReviewedGate, fix_source, lint_file, lint_source, read_tsv, realworld_dir};

struct Entry {
    file: String,
    dialect: String,
    working: bool,
}

/// `index.tsv`: file, dialect (current|legacy), presented (working|broken), note.
fn index() -> Vec<Entry> {
    read_tsv(&realworld_dir().join("index.tsv"), 3)
        .into_iter()
        .map(|row| {
            let working = match row[2].as_str() {
                "working" => true,
                "broken" => false,
                other => panic!("index.tsv: {}: presented must be working or broken, got {other}", row[0]),
            };
            Entry { file: row[0].clone(), dialect: row[1].clone(), working }
        })
        .collect()
}

fn path(file: &str) -> PathBuf {
    realworld_dir().join(file)
}

#[test]
fn the_index_lists_every_file_once_with_its_dialect() {
    let entries = index();
    let listed: BTreeSet<&str> = entries.iter().map(|e| e.file.as_str()).collect();
    assert_eq!(listed.len(), entries.len(), "index.tsv lists a file twice");
    let mut on_disk: Vec<String> = std::fs::read_dir(realworld_dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".yaml"))
        .collect();
    on_disk.sort();
    let on_disk_set: BTreeSet<&str> = on_disk.iter().map(String::as_str).collect();
    assert_eq!(listed, on_disk_set, "index.tsv and the .yaml files differ");
    assert!(entries.len() >= 40, "issue 13 asks for at least 40 public workflows, found {}", entries.len());
    for entry in &entries {
        let source = std::fs::read_to_string(path(&entry.file)).unwrap();
        assert!(source.starts_with("# source: "), "{}: line 1 must name the source", entry.file);
        let document = fdl::analyze(&source).document;
        let found = match &document {
            Some(d) if d.as_current().is_some() => "current",
            Some(d) if d.as_legacy().is_some() => "legacy",
            _ => "unknown",
        };
        // A broken file may not even lower to a document; its dialect is then what the index says.
        if entry.working || found != "unknown" {
            assert_eq!(found, entry.dialect, "{}: index.tsv says {}, it parses as {found}", entry.file, entry.dialect);
        }
    }
}

#[test]
fn working_files_have_no_error_or_warning_but_the_reviewed_ones() {
    let mut gate = ReviewedGate::new(
        &realworld_dir().join("known-false-positives.tsv"),
        &realworld_dir().join("known-warnings.tsv"),
    );
    let mut by_code: BTreeMap<(&'static str, &'static str), usize> = BTreeMap::new();
    let (mut files, mut broken) = (0, 0);
    for entry in index() {
        let linted = lint_file(&path(&entry.file));
        for d in linted.diagnostics() {
            *by_code.entry((d.severity.as_str(), d.code)).or_default() += 1;
        }
        files += 1;
        if !entry.working {
            broken += 1;
            continue;
        }
        gate.check(&entry.file, &linted);
    }
    print_summary(files, broken, &by_code, gate.false_positive_count());
    gate.finish("tests/corpus/realworld/known-false-positives.tsv or known-warnings.tsv");
}

fn print_summary(files: usize, broken: usize, by_code: &BTreeMap<(&str, &str), usize>, known: usize) {
    let mut by_severity: BTreeMap<&str, usize> = BTreeMap::new();
    for ((severity, _), n) in by_code {
        *by_severity.entry(severity).or_default() += n;
    }
    println!("real-world corpus: {files} files ({} working, {broken} broken)", files - broken);
    println!("findings by severity: {by_severity:?}");
    for ((severity, code), n) in by_code {
        println!("  {code} {severity}: {n}");
    }
    println!("reviewed false positives still tolerated: {known}");
}

#[test]
fn every_expected_problem_in_a_broken_file_is_an_error_on_its_line() {
    let broken: BTreeSet<String> = index().into_iter().filter(|e| !e.working).map(|e| e.file).collect();
    let expected = read_tsv(&realworld_dir().join("expected.tsv"), 3);
    let listed: BTreeSet<String> = expected.iter().map(|row| row[0].clone()).collect();
    assert_eq!(listed, broken, "expected.tsv must list a problem for every broken file and only those");
    let mut missing = Vec::new();
    let mut cache: BTreeMap<String, Linted> = BTreeMap::new();
    for row in &expected {
        let (file, problem) = (&row[0], &row[2]);
        let line: u32 = row[1].parse().expect("line number");
        let linted = cache.entry(file.clone()).or_insert_with(|| lint_file(&path(file)));
        let hit = linted.diagnostics().iter().any(|d| d.severity == Severity::Error && linted.line(d) == line);
        if !hit {
            let found: Vec<String> = linted.diagnostics().iter().map(|d| linted.describe(d)).collect();
            missing.push(format!("{file}:{line} ({problem}) is not reported as an error; found {found:#?}"));
        }
    }
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}

/// What is wrong with `fixed` compared with `original`, if anything: it no longer lowers to a
/// document, it has a finding (by code) the original did not have, or fixing it again changes it.
fn fix_made_worse(original: &Linted, fixed: &str, include_unsafe: bool) -> Option<String> {
    let after = lint_source(fixed.to_owned());
    if after.report.analysis.document.is_none() {
        return Some("the fixed text no longer lowers to a workflow".to_owned());
    }
    let count = |l: &Linted| {
        let mut by_code: BTreeMap<&'static str, usize> = BTreeMap::new();
        for d in l.diagnostics() {
            *by_code.entry(d.code).or_default() += 1;
        }
        by_code
    };
    let (before, now) = (count(original), count(&after));
    let new: Vec<String> = after
        .diagnostics()
        .iter()
        .filter(|d| now[d.code] > before.get(d.code).copied().unwrap_or(0))
        .map(|d| after.describe(d))
        .collect();
    if !new.is_empty() {
        return Some(format!("new findings after the fix:\n    {}", new.join("\n    ")));
    }
    let again = fix_source(fixed, include_unsafe);
    (again != fixed).then(|| "a second --fix changes the file again (no fixed point)".to_owned())
}

#[test]
fn fixes_never_make_a_file_worse() {
    let known: BTreeSet<String> = read_tsv(&realworld_dir().join("known-bad-unsafe-fixes.tsv"), 2)
        .into_iter()
        .map(|row| row[0].clone())
        .collect();
    let mut failures = Vec::new();
    let mut still_bad = BTreeSet::new();
    for entry in index() {
        let original = lint_file(&path(&entry.file));
        for include_unsafe in [false, true] {
            let fixed = fix_source(&original.source, include_unsafe);
            if fixed == original.source {
                continue;
            }
            let Some(problem) = fix_made_worse(&original, &fixed, include_unsafe) else { continue };
            if include_unsafe && known.contains(&entry.file) {
                still_bad.insert(entry.file.clone());
            } else {
                let mode = if include_unsafe { "--fix --unsafe-fixes" } else { "--fix" };
                failures.push(format!("{} ({mode}): {problem}", entry.file));
            }
        }
    }
    let stale: Vec<&String> = known.difference(&still_bad).collect();
    assert!(failures.is_empty(), "fixes that make a real-world file worse:\n{}", failures.join("\n"));
    assert!(
        stale.is_empty(),
        "known-bad-unsafe-fixes.tsv entries whose unsafe fixes are now fine; delete them: {stale:?}"
    );
}
