//! YAML text → spanned tree → typed model (`fdl::analyze`). Asserts: no panic; every tree
//! node, diagnostic, model constructor and expression span is inside the source, on char
//! boundaries, and converts to line:column; a tree converts to JSON; the tree's depth respects
//! the parse limit.
#![no_main]

use flowplay_fuzz::*;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let source = text(data);
    let source = source.as_ref();
    let analysis = fdl::analyze(source);
    if let Some(root) = &analysis.yaml.root {
        check_tree(source, root, 0);
        let _ = serde_json::to_string(&root.to_json()).expect("tree serializes");
    }
    for c in &analysis.yaml.comments {
        check_span(source, c.span, "comment");
    }
    for d in &analysis.diagnostics {
        check_diagnostic(source, &analysis.line_index, d);
    }
    if let Some(doc) = &analysis.document {
        check_document(source, doc);
    }
    // The raw parser with tight limits must refuse, not fail, on the same input.
    let tight = fdl::yaml::ParseLimits { max_bytes: 512, max_depth: 4, max_alias_nodes: 16 };
    let small = fdl::yaml::parse(source, tight);
    for d in &small.diagnostics {
        check_span(source, d.span, d.code);
    }
    if let Some(root) = &small.root {
        check_tree(source, root, 0);
        assert!(root.count() <= 16 + source.len() + 1, "alias budget exceeded: {} nodes", root.count());
    }
});
