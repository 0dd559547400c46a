//! `JsonDiagnostic::write_json` (the embed wasm's JSON, written without serde_json) gives the
//! same text as `serde_json::to_string`, on every diagnostic of every fixture and example and on
//! strings with every character class JSON escapes, so the two cannot drift apart.

use std::path::PathBuf;

use fdl::report::{JsonDiagnostic, JsonEdit, JsonFix, JsonLabel, JsonRange, write_json_string};
use fdl::{Applicability, LineIndex, LintConfig, Position, Severity};

#[path = "support/files.rs"]
mod files;
use files::yaml_files;

fn assert_same(d: &JsonDiagnostic) {
    let mut ours = String::new();
    d.write_json(&mut ours);
    assert_eq!(ours, serde_json::to_string(d).unwrap());
}

#[test]
fn writer_matches_serde_json_on_every_fixture() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    yaml_files(&root.join("tests/fixtures"), &mut files);
    yaml_files(&root.join("../../static/examples"), &mut files);
    assert!(files.len() > 150, "{} files", files.len());
    let (mut total, mut labels, mut helps, mut fixes) = (0, 0, 0, 0);
    for path in &files {
        let source = std::fs::read_to_string(path).unwrap();
        let index = LineIndex::new(&source);
        let catalog: &dyn fdl::lint::ApiCatalog = catalog::Catalog::embedded();
        for catalog in [None, Some(catalog)] {
            for d in fdl::Linter::new(LintConfig::default()).with_catalog(catalog).lint(&source).diagnostics {
                let d = JsonDiagnostic::new(&source, &index, &d);
                assert_same(&d);
                total += 1;
                labels += usize::from(!d.labels.is_empty());
                helps += usize::from(d.help.is_some());
                fixes += usize::from(d.fix.is_some());
            }
        }
    }
    // Every optional part of the shape was exercised (`rule: null` is, below).
    assert!(total > 200 && labels > 0 && helps > 0 && fixes > 0, "{total} {labels} {helps} {fixes}");
}

#[test]
fn writer_escapes_strings_as_serde_json_does() {
    let mut all: String = (0u8..0x80).map(char::from).collect();
    all.push_str("é 开始 😀 \u{2028}\u{2029} \u{feff} \\\" end");
    for s in [String::new(), all.clone(), "\"".into(), "\\".into(), "\u{0}".into(), "\u{1f}x".into()] {
        let mut ours = String::new();
        write_json_string(&mut ours, &s);
        assert_eq!(ours, serde_json::to_string(&s).unwrap());
    }
    let p = |n| Position { line: n, column: n + 1, column_utf16: n + 2, offset: u32::MAX - n };
    let range = JsonRange { start: p(0), end: p(7) };
    let d = JsonDiagnostic {
        code: all.clone(),
        rule: None,
        severity: Severity::Warning,
        message: all.clone(),
        range: range.clone(),
        labels: vec![
            JsonLabel { message: all.clone(), range: range.clone() },
            JsonLabel { message: String::new(), range: range.clone() },
        ],
        help: Some(all.clone()),
        fix: Some(JsonFix {
            message: all.clone(),
            applicability: Applicability::Unsafe,
            edits: vec![
                JsonEdit { range: range.clone(), replacement: all.clone() },
                JsonEdit { range: range.clone(), replacement: String::new() },
            ],
        }),
    };
    assert_same(&d);
    let d = JsonDiagnostic {
        rule: Some("r".into()),
        severity: Severity::Info,
        labels: Vec::new(),
        help: None,
        fix: Some(JsonFix { message: "m".into(), applicability: Applicability::Safe, edits: Vec::new() }),
        ..d
    };
    assert_same(&d);
    assert_same(&JsonDiagnostic { severity: Severity::Error, fix: None, ..d });
}
