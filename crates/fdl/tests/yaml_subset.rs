//! The fast scanner alone (`fdl::yaml::parse_subset`), which is how the embed package reads YAML
//! (built without granit for its size budget): every real workflow must be read, and anything
//! outside the subset must get one error saying where and what. Runs in both builds.

use std::path::Path;

use fdl::yaml::{ParseLimits, parse_subset};

#[path = "support/files.rs"]
mod files;

/// Documents with YAML the scanner does not read on purpose (aliases), and why they are fine.
const OUTSIDE_SUBSET: &[&str] = &[];

#[test]
fn every_valid_workflow_is_read_without_granit() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut paths = Vec::new();
    files::yaml_files(&root.join("../../static/examples"), &mut paths);
    let mut fixtures = Vec::new();
    files::yaml_files(&root.join("tests/fixtures"), &mut fixtures);
    paths.extend(fixtures.into_iter().filter(|p| p.ends_with("valid.yaml")));
    let corpus = root.join("../../../shared/corpus/valid");
    if corpus.is_dir() {
        files::yaml_files(&corpus, &mut paths);
    } else {
        assert!(std::env::var_os("CI").is_none(), "../shared/corpus is missing (CI is set)");
        eprintln!("yaml_subset: ../shared/corpus is absent; skipping it");
    }
    assert!(paths.len() > 100, "too few documents found ({})", paths.len());
    let mut unread = Vec::new();
    for path in &paths {
        let source = std::fs::read_to_string(path).expect("readable");
        let doc = parse_subset(&source, ParseLimits::default());
        let refused = doc.diagnostics.iter().any(|d| matches!(d.code, "FDL-P001" | "FDL-P005"));
        let expected = OUTSIDE_SUBSET.iter().any(|s| path.ends_with(s));
        if refused != expected {
            unread.push(format!("{}: {:?}", path.display(), doc.diagnostics.first().map(|d| &d.message)));
        }
    }
    assert!(unread.is_empty(), "read differently than expected without granit:\n{}", unread.join("\n"));
}

#[test]
fn refusals_are_located_and_explained() {
    let cases = [
        ("unclosed quote", "a: 'x\nb: 1\n"),
        ("bad indentation", "a:\n  b: 1\n   c: 2\n"),
        ("less indented", "  a: 1\nb: 2\n"),
        ("mapping in a plain value", "Next: a: b\n"),
        ("missing colon space", "a:\n  b:1\n  c: 2\n"),
        ("item among entries", "a: 1\n- b\n"),
        ("tab in indentation", "a:\n\tb: 1\n"),
        ("tab after a colon", "a:\tb\n"),
        ("anchor on a key", "&x a: 1\n"),
        ("alias to an unknown anchor", "a: 1\nb: *x\n"),
        ("verbatim tag", "a: !<tag:yaml.org,2002:str> 1\n"),
        ("explicit key", "? a\n: 1\n"),
        ("document end marker", "a: 1\n...\n"),
        ("plain scalar over lines in a flow list", "a: [one\n  two]\n"),
        ("unclosed flow", "a: {b: 1\n"),
        ("bad escape", "a: \"\\q\"\n"),
        ("empty block scalar", "a: |\nb: 1\n"),
        ("indentation indicator", "a: |2\n   x\n"),
        ("reserved indicator", "a: @x\n"),
        ("control character", "a: b\u{7}\n"),
        ("multi-byte location", "名字: '值\n"),
    ];
    let mut rendered = String::new();
    for (name, source) in cases {
        let doc = parse_subset(source, ParseLimits::default());
        assert!(doc.root.is_none(), "{name}: read, not refused");
        assert_eq!(doc.diagnostics.len(), 1, "{name}: {:?}", doc.diagnostics);
        rendered.push_str(&format!("## {name}\n{}\n", fdl::report::render_plain(source, &doc.diagnostics)));
    }
    insta::assert_snapshot!(rendered);
}

#[test]
fn aliases_expand_within_the_budget() {
    let doc = parse_subset("a: &x {b: [1, 2]}\nc: *x\n", ParseLimits::default());
    assert!(doc.diagnostics.is_empty());
    let root = doc.root.expect("read");
    let map = root.as_map().expect("a mapping");
    assert_eq!(map[0].value.count(), map[1].value.count());
    assert_eq!((map[1].value.span.start, map[1].value.span.end), (21, 23));
    // An alias bomb: each level doubles the nodes.
    let block_bomb: String = (1..20)
        .map(|i| format!("a{i}: &a{i}\n  - *a{}\n  - *a{}\n", i - 1, i - 1))
        .fold(String::from("a0: &a0 [x, x]\n"), |acc, level| acc + &level);
    let doc = parse_subset(&block_bomb, ParseLimits::default());
    assert_eq!(doc.diagnostics.first().map(|d| d.code), Some("FDL-P006"), "{:?}", doc.diagnostics);
    assert!(doc.root.is_none());
}

#[test]
fn a_second_document_is_reported_and_ignored() {
    let doc = parse_subset("---\na: 1\n---\nb: [\n", ParseLimits::default());
    assert!(doc.root.is_some());
    let codes: Vec<_> = doc.diagnostics.iter().map(|d| (d.code, d.span.start, d.span.end)).collect();
    assert_eq!(codes, [("FDL-P007", 9, 12)]);
}

#[test]
fn crlf_is_read_and_a_lone_cr_is_located() {
    let doc = parse_subset("a: 1\r\nb: |\r\n  x\r\n", ParseLimits::default());
    assert!(doc.diagnostics.is_empty() && doc.root.is_some(), "{:?}", doc.diagnostics);
    let doc = parse_subset("a: 1\rb: 2\r\n", ParseLimits::default());
    let first = doc.diagnostics.first().expect("an error");
    assert_eq!((first.code, first.span.start), ("FDL-P001", 4));
    assert!(first.message.contains("carriage return without a line feed"), "{}", first.message);
}

#[test]
fn nesting_beyond_the_limit_is_too_deep() {
    let deep: String = (0..70).map(|i| format!("{}k{i}:\n", "  ".repeat(i))).collect::<String>() + "x";
    let doc = parse_subset(&deep, ParseLimits::default());
    let codes: Vec<_> = doc.diagnostics.iter().map(|d| d.code).collect();
    assert_eq!(codes, ["FDL-P005"]);
    let limits = ParseLimits { max_depth: 3, ..ParseLimits::default() };
    let doc = parse_subset("a: {b: [c, [d]]}\n", limits);
    assert_eq!(doc.diagnostics.first().map(|d| d.code), Some("FDL-P005"));
    assert!(parse_subset("a: {b: [c]}\n", limits).diagnostics.is_empty());
}

#[test]
fn oversized_documents_are_refused_first() {
    let limits = ParseLimits { max_bytes: 8, ..ParseLimits::default() };
    let doc = parse_subset("a: 1\nb: 2\nc: 3\n", limits);
    assert_eq!(doc.diagnostics.first().map(|d| d.code), Some("FDL-P004"));
}
