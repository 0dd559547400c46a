//! Differential tests of the fast YAML scanner against granit (the reference): whenever the fast
//! path accepts a document, it must build exactly what the full parser builds. Checked on every
//! fixture, the public corpus, the examples, the benchmark workflows and generated documents.
#![cfg(feature = "full-yaml")]

use std::path::{Path, PathBuf};

use fdl::yaml::{ParseLimits, parse_fast, parse_full};
use proptest::prelude::*;

/// Whether the fast path took `source`; panics when its result differs from granit's.
fn check(source: &str, limits: ParseLimits, name: &str) -> bool {
    // `parse` refuses oversized documents before trying the fast path.
    if source.len() > limits.max_bytes {
        return false;
    }
    let Some(fast) = parse_fast(source, limits) else { return false };
    let full = parse_full(source, limits);
    let shown: String = source.chars().take(2_000).collect();
    assert_eq!(fast.root, full.root, "root differs for {name}:\n{shown}");
    assert_eq!(fast.comments, full.comments, "comments differ for {name}:\n{shown}");
    assert_eq!(fast.diagnostics, full.diagnostics, "diagnostics differ for {name}:\n{shown}");
    true
}

fn files(dir: &Path, all: bool, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            files(&path, all, out);
        } else if all || path.extension().is_some_and(|e| e == "yaml") {
            out.push(path);
        }
    }
}

#[path = "support/generated.rs"]
mod generated;
use generated::workflow;

#[test]
fn fast_path_matches_granit_on_real_documents() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut paths = Vec::new();
    files(&root.join("tests/fixtures"), false, &mut paths);
    files(&root.join("../../static/examples"), false, &mut paths);
    let corpus = root.join("../../../shared/corpus");
    if corpus.is_dir() {
        files(&corpus, true, &mut paths);
    } else {
        eprintln!("fast_yaml: ../shared/corpus is absent; skipping it");
    }
    let limits = ParseLimits::default();
    let mut taken = 0;
    let mut refused = Vec::new();
    for path in &paths {
        let Ok(source) = std::fs::read_to_string(path) else { continue };
        if check(&source, limits, &path.display().to_string()) {
            taken += 1;
        } else {
            refused.push(path.display().to_string());
        }
    }
    eprintln!("fast_yaml: fast path took {taken} of {} files; refused: {refused:#?}", paths.len());
    assert!(paths.len() > 200, "too few documents found ({})", paths.len());
    assert!(taken * 10 >= paths.len() * 8, "the fast path took only {taken} of {} files", paths.len());

    let mut bench_limits = limits;
    bench_limits.max_bytes = 64 * 1024 * 1024;
    for states in [1, 2, 3, 4, 100, 1_000, 10_000] {
        assert!(check(&workflow(states), bench_limits, &format!("bench {states}")), "bench {states} refused");
    }
}

#[test]
fn fast_path_matches_granit_on_edge_cases() {
    let cases = [
        "",
        "# only a comment\n",
        "a: 1 # c\nb:\nc: \n  # x\nd: yes\n",
        "a :\nb: 1\n",
        "a:\n  - \n  -\n  - x\n",
        "- a: 1\n  b:\n- - x\n  - y\n-   c: d\n",
        "a:\n-\n- x\n",
        "a:\n-   \n  # c  \n- x\n",
        "a:\n-   # c\n- x\n",
        "a:\n-\n  b: 1\n",
        "a:\n- # c\n  b: 1\n",
        "a:\n- b: 1\n  c: 2\nd: 3",
        "a:\n- - x\n  - y\nb: [x, 'y', \"z\"]  # c\nc: []\n",
        "\"a b\" : 1\n'x':\n'it''s': 'it''s'\n",
        "a: \"x\\ty\\u00e9\\x41\\\\\\\"\"\n",
        "a: b#c\nb: c #d\ne: -1\nf: a:b\n",
        "  a: 1\n  b: 2\n",
        "a:\n  b: 1\n# c\n  d: 2\n",
        "a: 1\nb: 2\na: 3\nc:\n  x: on\n  x: off\n  y: [yes, no]\n- q\n",
        "a: 1\nb: 2\na: 3\nc:\n  x: on\n  x: off\n  y: [yes, no]\nz: Off\n",
        "k: 调用\n名字: 值 # 注释\n",
        "-",
        "- \n",
        "a: -\n",
        "a: b: c\n",
        "a: b\n  c\n",
        "a:\n  b\n",
        "a: |\n  x\n",
        "a: &x 1\n",
        "a:\n  - x\n  b: 1\n",
        "a:\n  b: 1\n c: 2\n",
        "---\na: 1\n",
    ];
    for case in cases {
        check(case, ParseLimits::default(), "edge case");
    }
    // Block scalars and one-line flow collections: each must be taken, and equal granit's.
    let taken = [
        "a: |\n  x\n   y\n\n  z\n\n\nb: >-\n  p\n  q\n\n  r\n   s\n  t\nc: 1\n",
        "a:\n  b: |\n    x\n\n  c: 2\n",
        "a: |+\n  x\n\n\n",
        "a: |\n  x",
        "a: |+\n  x",
        "a: >\n  x\n  y",
        "a: |-\n  x\n\n",
        "a: |  # hi\n  x\n# c\nb: 1\n",
        "- |\n  x\n- >\n  y\n  z\n",
        "a:\n- |\n  x\n",
        "a: |\n  x\n \n  \n   \nb: 1\n",
        "a: >\n  x\n   \n  y\n",
        "a: |-\n  x\n  # not comment\n # c\nb: 1\n",
        "a: >\n\n  x\n\n\n  y\n    z\n  w\n",
        "a: >+\n  x\n\n  y\n\n",
        "- a: >-\n    long text\n    folded\n  b: 1\n",
        "a: |\n  中文\n  行\n",
        "a: |\n  x\n    ",
        "a: |\n  x\n  ",
        "a: {b: 1, \"c\": [x, {d: e}], f: }\n",
        "a: {}\nb: [{}, []]\nc: [a:b, x]\n",
        "a: {b: c:d, e: f}\n",
        "a: {b: yes, b: 2}  # dup\n",
        "- {Errors: [FC.Timeout], MaxAttempts: 3}\n- []\n",
        "a: [[1, 2], [3, [4]]]\n",
        "a: ['x', \"y\", {z: 'w'}]\n",
        "a: {'k': \"v\", x y: z}\n",
        // Document markers.
        "---\na: 1\n",
        "# c\n--- # d\n\na: 1\n",
        "---   \n- x\n",
        "a: ---x\nb: '---'\n",
        // Anchors and aliases.
        "a: &x 1\nb: *x\n",
        "a: &x\n  c: 1\nb: *x\nd: &y [1]\ne: *y\n",
        "a: &x\n  - 1\nb: *x # c\n",
        "a: &x\n- 1\nb: *x\n",
        "- &x a\n- *x\n- &y\n  k: v\n- *y\n",
        "a: &x |\n  t\nb: *x\n",
        "a: &x yes\nb: *x\nc: &x no\nd: *x\n",
        "<<: &base {a: 1}\nb:\n  <<: *base\n",
        "a: &a-1.b_c 'q'\nb: *a-1.b_c  # c\n",
        "a: &x # c\n  b: 1\n",
        // Plain scalars over several lines, values alone below their key.
        "a: b\n  c\n\n  d  \n   e\nf: 1\n",
        "- a\n  b\n- c\n",
        "a:\n  b\n  c\n",
        "a: b\n  c:d\n",
        "a: b\n  c # x\nd: 1\n",
        "- k: long\n    text\n  j: 1\n",
        "a:\n  'q'\nb:\n  [1]\nc:\n  x\n",
        "a:\n  &x v\nb: *x\n",
        "-\n  x\n  y\n",
        "a: 长\n  文本\n",
        // Flow collections over several lines.
        "a: [\n  1,\n  2\n]\nb: 1\n",
        "a: {\n  \"x\": 1, # c\n\n  y: [a,\n b]\n  }\n",
        "a:\n  b: [1,\n2]\n",
        "a:\n  b: [1,\n  2]\n",
        "- [a\n  , b]\n",
        "a: {x:\n  1}\n",
        "a: [1, 2\n  ] # c\n",
        "a: [1, 2 # c\n  ]\nb: 2\n",
        "- &x [\n    1]\n- *x\n",
        "a: [\n]\n",
        // Quoted scalars over several lines.
        "a: \"x  \n   y\n\n\n  z\"\nb: 1\n",
        "a: 'x\n  y ''q''\n\n  z  '\n",
        "a: \"x \\\n   y\"\n",
        "a: \"x\n# c\n y\"\n",
        "a:\n  b: \"x\ny\"\n",
        "- \"a\n  b\"\n- c\n",
        "a: \"x\n  \"\n",
        "a: \"\n  x\"\n",
        "a: [\"x\n y\", 'p\n\n q']\n",
        "a: \"\\t\n \\u00e9\" # c\n",
        // Tags.
        "a: !!str 1\nb: !!int \"3\"\nc: !foo x\nd: !!map {x: 1}\ne: ! y\n",
        "- !!str yes\n- !!binary |\n  aGk=\n- !!t x\n- !!null ~\n",
        // A byte order mark at the start.
        "\u{feff}a: 1\nb: 2\n",
        "\u{feff}# c\na: 1\n",
        "\u{feff}---\na: |\n  x\n",
    ];
    for case in taken {
        assert!(check(case, ParseLimits::default(), case), "refused: {case:?}");
        let crlf = case.replace('\n', "\r\n");
        assert!(check(&crlf, ParseLimits::default(), &crlf), "refused: {crlf:?}");
    }
    for case in ["a: 1\r\nb:\r\n  - x # c\r\n\r\n", "a: 1\r\nb: 2\n", "a: |\r\n  x\r\n\r\n  y\r\n"] {
        assert!(check(case, ParseLimits::default(), case), "refused: {case:?}");
    }
    for case in ["a: 1\rb: 2\n", "a: 1\r", "a: 'x\r\n'\n"] {
        check(case, ParseLimits::default(), case);
    }
    // Taken or refused, but never different from granit.
    let either = [
        "a: |\nb: 1\n",
        "a: >-\n\n",
        "a: |2\n    x\n  y\n",
        "a: |1\n  x\n",
        "a: |\n\n   \n  x\n",
        "a: |\n   \n  x\n",
        "a: |x\n  y\n",
        "a: |\n    x\n  y\n",
        "a: |\n# c\n  x\n",
        "a: [b, ]\n",
        "a: {b: 1, }\n",
        "a: [b: c]\n",
        "a: {b}\n",
        "a: {b:c}\n",
        "a: {\"b\":c}\n",
        "a: [b\n",
        "a: [b] x\n",
        "a: [b]# x\n",
        "a: {b: [c}]\n",
        "a: [-1, - x]\n",
        "a: [x #c]\n",
        "a: [a:]\n",
        "a: [:x]\n",
        "- |\n x\n- y\n",
        "- - |\n    x\n",
        "a:\n  - |\n   x\n",
        "a: >\n  x\n\n   y\n  z\n",
        "--- a\n",
        "---x: 1\n",
        "a: 1\n---\nb: 2\n",
        "---\n---\na: 1\n",
        "a: 1\n...\n",
        "%YAML 1.2\n---\na: 1\n",
        "---#c\na: 1\n",
        "---",
        "--- # c\n\n",
        "---\n---\n",
        "a: &x\nb: 1\n",
        "a: *x\n",
        "a: &x [*x]\n",
        "a: &x &y 1\n",
        "a: &x !!str 1\n",
        "a: &x, 1\n",
        "a: &\n",
        "a: *x y\n",
        "&r a: 1\n",
        "*r : 1\n",
        "a: [&x 1, *x]\n",
        "a: &é 1\nb: *é\n",
        "a: b\n  c # x\n  d\n",
        "a: b\n  - c\n",
        "a: b\n  c: d\n",
        "a: b\n  c:\n",
        "a: b\n\n  # x\n  c\n",
        "a: b\n d\ne: 1\n",
        "a:\n  |\n   x\n",
        "a:\n  - b\n  c\n",
        "a: 'x'\n  y\n",
        "a: [x]\n  y\n",
        "a: |\n  x\n y\n",
        "- a\n - b\n",
        "a: b\n  'c'\n",
        "a: b\n  c\n  ---\n",
        "a: [a\n  b]\n",
        "a: [1,\n---\n]\n",
        "a: [1,\n...\n]\n",
        "a: [1,\n# c\n 2]\n",
        "a: [1,#c\n 2]\n",
        "a: {x\n: 1}\n",
        "a: {x:\n}\n",
        "a: [1\n  # c\n  , 2]\n",
        "a: [1,\n  'x\n  y']\n",
        "a: [\n",
        "a: [1, 2\n  ] x\n",
        "a: [1, 2\n  ]\n  b: 1\n",
        "- [1,\n2]\n- 3\n",
        "a: \"x\n",
        "a: \"x\n\n",
        "a: \"x \\\n\n y\"\n",
        "a: \"x\n---\ny\"\n",
        "a: \"x\n...\n\"\n",
        "\"a\nb\": 1\n",
        "a: {\"k\n\": 1}\n",
        "a: 'x\n  y' z\n",
        "a: \"x\n  y\"\n b: 1\n",
        "a: \"x\r\n  y\"\r\n",
        "a: \"x\\\r\n  y\"\r\n",
        "a: !<tag:yaml.org,2002:str> 1\n",
        "a: !!str\n  b: 1\n",
        "a: !!\n",
        "a: !x!y z\n",
        "a: !!str &x 1\n",
        "a: !!str\n",
        "a: !!seq\n- 1\n",
        "a: [!!str 1]\n",
        "!!str a: 1\n",
        "a: !!str *x\n",
        "a: !é x\n",
        "a: 1\n\u{feff}b: 2\n",
        "\u{feff}\u{feff}a: 1\n",
        "\u{feff}",
    ];
    for case in either {
        check(case, ParseLimits::default(), case);
    }
}

#[test]
fn depth_limit_is_left_to_granit() {
    let deep: String = (0..70).map(|i| format!("{}k{i}:\n", "  ".repeat(i))).collect();
    assert!(parse_fast(&deep, ParseLimits::default()).is_none());
    let shallow: String = (0..10).map(|i| format!("{}k{i}:\n", "  ".repeat(i))).collect();
    assert!(check(&shallow, ParseLimits::default(), "shallow"));
}

/// A generated YAML node; styles ride along so that rendering is deterministic.
#[derive(Clone, Debug)]
enum Gen {
    /// Rendered text of a scalar or one-line flow sequence; empty for an empty value.
    Scalar(String),
    /// Entries and the indentation step of nested blocks.
    Map(Vec<(String, Gen, Deco)>, usize),
    /// Items, the indentation step, and whether it sits at its key's indentation.
    Seq(Vec<(Gen, Deco)>, usize, bool),
    /// A block scalar: its header (`|-`, `>`, …), its lines (extra indentation included; a
    /// line of spaces only is written as it is) and the indentation step of its content.
    Block(String, Vec<String>, usize),
}

/// Decorations of an entry or item: trailing comment, spaces after `:`/`-`, a line before it
/// (blank or comment), and whether a nested block starts on the same line (`- a: 1`).
#[derive(Clone, Debug)]
struct Deco {
    comment: String,
    spaces: usize,
    before: String,
    compact: bool,
}

fn arb_deco() -> impl Strategy<Value = Deco> {
    let comment = prop_oneof![4 => Just(String::new()), 1 => " {1,2}#[a-z #:']{0,5}"];
    let before = prop_oneof![6 => Just(String::new()), 1 => " {0,6}", 1 => " {0,6}#[a-z :]{0,5}"];
    (comment, 1usize..4, before, prop::bool::weighted(0.7)).prop_map(|(comment, spaces, before, compact)| Deco {
        comment,
        spaces,
        before,
        compact,
    })
}

fn arb_key() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "[a-c]",
        2 => "[a-zA-Z_$][a-zA-Z0-9_.$ -]{0,6}[a-z]",
        1 => Just("yes".to_owned()),
        1 => "'[a-z ':#]{0,4}'".prop_map(|s| s.replace('\'', "''").replacen("''", "'", 1)),
        1 => "\"[a-z: #']{0,4}\"",
        1 => "[a-z]{1,3} ?[#:][a-z]{1,3}",
        1 => "调用[a-z]{0,2}",
    ]
}

/// Double-quoted escapes, valid and not (`\q`, a short `\x4`, a line continuation).
const ESCAPES: &[&str] = &[
    r"\\",
    r#"\""#,
    r"\n",
    r"\t",
    r"\x41",
    r"\u00e9",
    r"\U0001F600",
    r"\/",
    r"\ ",
    r"\q",
    r"\x4",
    r"\0",
    r"\e",
    r"\N",
    r"\_",
    r"\L",
    r"\P",
    r"\",
];

fn arb_scalar() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => Just(String::new()),
        6 => "[a-zA-Z0-9_.$][a-zA-Z0-9_.$ :#'\"()=&<>-]{0,12}",
        2 => prop_oneof![Just("yes"), Just("No"), Just("off"), Just("ON"), Just("~"), Just("-1"), Just("1.5"), Just("null")]
            .prop_map(str::to_owned),
        2 => "'[a-z :#\"]{0,6}'",
        1 => "'[a-z]{0,3}''[a-z]{0,3}'",
        2 => "\"[a-z :#']{0,6}\"",
        1 => ("[a-z]{0,2}", prop::sample::select(ESCAPES), "[a-z]{0,2}").prop_map(|(a, e, b)| format!("\"{a}{e}{b}\"")),
        2 => "\\[([a-z-]{1,4}(, ?[a-z'\" ]{1,4}){0,3})?\\]",
        1 => "[#:!&*|>%@`{}\\[\\],?-][a-z]{0,3}",
        1 => "[a-z]{1,3}: ?[a-z]{0,3}",
        1 => "值[a-z]{0,2}",
        3 => arb_flow(),
        1 => "[\"'][a-z ]{0,3}(\n {0,3}[a-z#\\\\ ]{0,3}){1,3}[\"']",
        1 => "[a-z]{1,3}(\n {1,3}[a-z:# -]{1,3}){1,2}",
        1 => "&[ab] [a-z]{1,3}",
        1 => "\\*[ab]",
        1 => "&[ab] \\[[a-z]{1,2}\\]",
    ]
}

/// A flow collection on one line: nested sequences and mappings, odd spacing, empty values.
fn arb_flow() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        4 => "[a-z]{1,4}",
        1 => "'[a-z :]{0,3}'",
        1 => "\"[a-z ]{0,3}\"",
        1 => "[a-z]{1,2}:[a-z/]{1,2}",
        1 => prop_oneof![Just("yes"), Just("-1"), Just("~"), Just(""), Just("a b"), Just("#x"), Just("{"), Just("b]")]
            .prop_map(str::to_owned),
    ];
    let collection = leaf.prop_recursive(3, 12, 3, |inner| {
        let spacing =
            prop_oneof![3 => Just(" "), 1 => Just(""), 1 => Just("  "), 1 => Just("\n  "), 1 => Just(" # c\n   ")];
        prop_oneof![
            (prop::collection::vec(inner.clone(), 0..4), spacing.clone())
                .prop_map(|(items, sp)| format!("[{}]", items.join(&format!(",{sp}")))),
            (prop::collection::vec((inner.clone(), inner), 0..4), spacing, prop::bool::weighted(0.9)).prop_map(
                |(entries, sp, spaced)| {
                    let colon = if spaced { ": " } else { ":" };
                    let entries: Vec<String> = entries.iter().map(|(k, v)| format!("{k}{colon}{v}")).collect();
                    format!("{{{}}}", entries.join(&format!(",{sp}")))
                }
            ),
        ]
    });
    (collection, prop::bool::weighted(0.1))
        .prop_map(|(text, trailing)| if trailing { format!("{text} x") } else { text })
}

/// A block scalar's header and lines.
fn arb_block() -> impl Strategy<Value = Gen> {
    let header = prop::sample::select(vec!["|", ">", "|-", ">-", "|+", ">+", "| # c", ">-  #c", "|2", "|x"]);
    let line = prop_oneof![
        6 => "[a-z][a-z #:]{0,6}",
        2 => " {1,3}[a-z]{1,4}",
        2 => Just(String::new()),
        1 => " {1,5}",
        1 => "#[a-z]{0,3}",
    ];
    (header, prop::collection::vec(line, 1..6), 1usize..4)
        .prop_map(|(header, lines, step)| Gen::Block(header.to_owned(), lines, step))
}

fn arb_node() -> impl Strategy<Value = Gen> {
    prop_oneof![6 => arb_scalar().prop_map(Gen::Scalar), 1 => arb_block()].prop_recursive(5, 48, 4, |inner| {
        prop_oneof![
            (prop::collection::vec((arb_key(), inner.clone(), arb_deco()), 1..4), 1usize..4)
                .prop_map(|(entries, step)| Gen::Map(entries, step)),
            (prop::collection::vec((inner, arb_deco()), 1..4), 1usize..4, prop::bool::ANY)
                .prop_map(|(items, step, indentless)| Gen::Seq(items, step, indentless)),
        ]
    })
}

/// The rest of a `key:` or `-` line holding a scalar (or nothing): spacing, text, comment.
fn scalar_rest(text: &str, deco: &Deco, out: &mut String) {
    if !text.is_empty() {
        out.push_str(&" ".repeat(deco.spaces));
        out.push_str(text);
    }
    out.push_str(&deco.comment);
    out.push('\n');
}

/// The rest of a `key:` or `-` line holding a block scalar, and the scalar's lines.
fn block_rest(header: &str, lines: &[String], indent: usize, deco: &Deco, out: &mut String) {
    out.push_str(&" ".repeat(deco.spaces));
    out.push_str(header);
    out.push('\n');
    for line in lines {
        if !line.trim().is_empty() {
            out.push_str(&" ".repeat(indent));
        }
        out.push_str(line);
        out.push('\n');
    }
}

/// Renders a block node at `indent`; `lead` replaces the indentation of its first line (the
/// line already holds a `- `).
fn render_block(node: &Gen, indent: usize, lead: Option<String>, out: &mut String) {
    let mut lead = lead;
    let mut prefix = |deco: &Deco, out: &mut String| match lead.take() {
        Some(lead) => out.push_str(&lead),
        None => {
            if !deco.before.is_empty() {
                out.push_str(&deco.before);
                out.push('\n');
            }
            out.push_str(&" ".repeat(indent));
        }
    };
    match node {
        Gen::Scalar(text) => {
            prefix(&Deco { comment: String::new(), spaces: 0, before: String::new(), compact: false }, out);
            out.push_str(text);
            out.push('\n');
        }
        Gen::Block(header, lines, step) => {
            let deco = Deco { comment: String::new(), spaces: 0, before: String::new(), compact: false };
            prefix(&deco, out);
            block_rest(header, lines, indent + step, &deco, out);
        }
        Gen::Map(entries, step) => {
            for (key, value, deco) in entries {
                prefix(deco, out);
                out.push_str(key);
                out.push(':');
                match value {
                    Gen::Scalar(text) => scalar_rest(text, deco, out),
                    Gen::Block(header, lines, step) => block_rest(header, lines, indent + step, deco, out),
                    Gen::Seq(_, _, true) => {
                        out.push_str(&deco.comment);
                        out.push('\n');
                        render_block(value, indent, None, out);
                    }
                    _ => {
                        out.push_str(&deco.comment);
                        out.push('\n');
                        render_block(value, indent + step, None, out);
                    }
                }
            }
        }
        Gen::Seq(items, step, _) => {
            for (item, deco) in items {
                prefix(deco, out);
                out.push('-');
                match item {
                    Gen::Scalar(text) => scalar_rest(text, deco, out),
                    Gen::Block(header, lines, step) => block_rest(header, lines, indent + step, deco, out),
                    _ if deco.compact => {
                        render_block(item, indent + 1 + deco.spaces, Some(" ".repeat(deco.spaces)), out);
                    }
                    _ => {
                        out.push_str(&deco.comment);
                        out.push('\n');
                        render_block(item, indent + step, None, out);
                    }
                }
            }
        }
    }
}

/// A block-YAML document: random nesting of mappings and sequences, scalars of every style the
/// fast path knows and some it does not, comments, empty values and odd spacing.
fn arb_doc() -> impl Strategy<Value = String> {
    (arb_node(), 0usize..3).prop_map(|(node, indent)| {
        let mut out = String::new();
        render_block(&node, indent, None, &mut out);
        out
    })
}

/// Lines of YAML-like fragments at random indentation: mostly invalid, for the bail-outs.
fn arb_lines() -> impl Strategy<Value = String> {
    let line =
        (0usize..4, prop::bool::ANY, prop::option::of(arb_key()), 1usize..3, arb_scalar(), " {0,2}(#[a-z]{0,3})?");
    prop::collection::vec(line, 0..16).prop_map(|lines| {
        let mut out = String::new();
        for (level, dash, key, spaces, scalar, comment) in lines {
            out.push_str(&"  ".repeat(level));
            if dash {
                out.push_str("- ");
            }
            if let Some(key) = key {
                out.push_str(&key);
                out.push(':');
                out.push_str(&" ".repeat(spaces));
            }
            out.push_str(&scalar);
            out.push_str(&comment);
            out.push('\n');
        }
        out
    })
}

#[test]
fn generated_documents_often_take_the_fast_path() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let strategy = arb_doc();
    let (mut taken, total) = (0, 1_000);
    for _ in 0..total {
        let Ok(tree) = strategy.new_tree(&mut runner) else { continue };
        taken += usize::from(check(&tree.current(), ParseLimits::default(), "generated"));
    }
    eprintln!("fast_yaml: fast path took {taken} of {total} generated documents");
    // Enough accepted documents for the differential properties to mean something.
    assert!(taken * 4 >= total, "the fast path took only {taken} of {total} generated documents");
}

/// Small edits of a document: insert, delete or replace a few characters anywhere.
fn mutate(doc: &str, at: usize, delete: usize, insert: &str) -> String {
    let mut text = doc.to_owned();
    let at = (0..=at.min(text.len())).rev().find(|i| text.is_char_boundary(*i)).unwrap_or(0);
    let end = (at + delete).min(text.len());
    let end = (end..=text.len()).find(|i| text.is_char_boundary(*i)).unwrap_or(text.len());
    text.replace_range(at..end, insert);
    text
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2048, ..ProptestConfig::default() })]

    #[test]
    fn generated_documents_match_granit(doc in arb_doc()) {
        check(&doc, ParseLimits::default(), "generated");
        check(&doc.replace('\n', "\r\n"), ParseLimits::default(), "generated, CRLF");
    }

    #[test]
    fn line_soup_matches_granit(doc in arb_lines()) {
        check(&doc, ParseLimits::default(), "line soup");
    }

    #[test]
    fn mutated_documents_match_granit(
        doc in arb_doc(),
        at in 0usize..400,
        delete in 0usize..4,
        insert in "[ \\n\\t\\r:#'\"\\[\\]{},&*!|>%@`?\\\\a-z-]{0,3}",
    ) {
        check(&mutate(&doc, at, delete, insert.as_str()), ParseLimits::default(), "mutated");
    }

    #[test]
    fn mutated_workflows_match_granit(at in 0usize..2_000, delete in 0usize..4, insert in "[ \\n:#'\"\\[\\],&a-z-]{0,3}") {
        check(&mutate(&workflow(6), at, delete, insert.as_str()), ParseLimits::default(), "mutated workflow");
    }

    #[test]
    fn small_depth_limits_match_granit(doc in arb_doc(), max_depth in 0usize..8) {
        check(&doc, ParseLimits { max_depth, ..ParseLimits::default() }, "small depth limit");
    }

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,300}") {
        check(&text, ParseLimits::default(), "arbitrary");
    }
}
