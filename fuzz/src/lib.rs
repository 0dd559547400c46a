//! Shared checks for the fuzz targets: every span a hostile document produces must lie inside
//! the source, on UTF-8 character boundaries, and convert to a line:column position.

use fdl::expr::{Expr, ExprKind};
use fdl::model::{Constructor, Document, Expression, Template};
use fdl::yaml::{Node, NodeKind};
use fdl::{Diagnostic, LineIndex, Span};

/// Fuzz input as text: invalid UTF-8 is replaced (U+FFFD) so every input exercises the parser.
pub fn text(data: &[u8]) -> std::borrow::Cow<'_, str> {
    String::from_utf8_lossy(data)
}

/// A span is ordered, inside `source` and on character boundaries.
#[track_caller]
pub fn check_span(source: &str, span: Span, what: &str) {
    assert!(span.start <= span.end, "{what}: inverted span {span:?}");
    assert!(span.end as usize <= source.len(), "{what}: span {span:?} past the end ({} bytes)", source.len());
    assert!(
        source.is_char_boundary(span.start as usize) && source.is_char_boundary(span.end as usize),
        "{what}: span {span:?} not on a char boundary"
    );
}

/// The span converts to a 1-based line:column inside the document.
#[track_caller]
pub fn check_position(source: &str, index: &LineIndex, offset: u32, what: &str) {
    let p = index.position(source, offset);
    assert!(p.line >= 1 && p.line as usize <= index.line_count(), "{what}: line {} out of range", p.line);
    assert!(p.column >= 1 && p.column_utf16 >= p.column, "{what}: bad column {p:?}");
    // line:column maps back to the same offset (except the `\n` of a `\r\n`, which is inside
    // the line break and clamps to the end of the line).
    let o = p.offset as usize;
    let in_crlf = o > 0 && source.as_bytes().get(o) == Some(&b'\n') && source.as_bytes()[o - 1] == b'\r';
    if !in_crlf {
        assert_eq!(index.offset_of(source, p.line, p.column), p.offset, "{what}: {p:?} does not round-trip");
    }
}

/// Every span of a diagnostic (main, labels, fix edits) is valid and locatable.
#[track_caller]
pub fn check_diagnostic(source: &str, index: &LineIndex, d: &Diagnostic) {
    assert!(d.code.starts_with("FDL-"), "odd code {}", d.code);
    check_span(source, d.span, d.code);
    check_position(source, index, d.span.start, d.code);
    check_position(source, index, d.span.end, d.code);
    for label in &d.labels {
        check_span(source, label.span, d.code);
    }
    if let Some(fix) = &d.fix {
        assert!(!fix.edits.is_empty(), "{}: fix without edits", d.code);
        for e in &fix.edits {
            check_span(source, e.span, &format!("{} fix", d.code));
        }
    }
}

/// Every node and key of the spanned YAML tree.
pub fn check_tree(source: &str, node: &Node, depth: usize) {
    assert!(depth <= 1_000, "tree deeper than the parser allows");
    check_span(source, node.span, "yaml node");
    match &node.kind {
        NodeKind::Scalar(_) => {}
        NodeKind::Seq(items) => items.iter().for_each(|n| check_tree(source, n, depth + 1)),
        NodeKind::Map(entries) => entries.iter().for_each(|e| {
            check_tree(source, &e.key, depth + 1);
            check_tree(source, &e.value, depth + 1);
        }),
    }
}

/// Every span of an expression AST (in document coordinates).
pub fn check_expr(source: &str, expr: &Expr) {
    expr.walk(&mut |e| {
        check_span(source, e.span, "expression node");
        match &e.kind {
            ExprKind::Path(p) => {
                check_span(source, p.root_span, "path root");
                p.segments.iter().for_each(|s| check_span(source, s.span, "path segment"));
            }
            ExprKind::Call { name_span, .. } => check_span(source, *name_span, "call name"),
            ExprKind::Object(members) => members.iter().for_each(|(_, s, _)| check_span(source, *s, "object key")),
            _ => {}
        }
    });
}

pub fn check_expression(source: &str, e: &Expression) {
    check_span(source, e.span, "expression");
    match &e.parsed {
        Ok(ast) => check_expr(source, ast),
        Err(err) => check_span(source, err.span, "expression error"),
    }
}

fn check_template(source: &str, t: &Template) {
    check_span(source, t.span(), "template");
    match t {
        Template::Literal { .. } => {}
        Template::Expression(e) => check_expression(source, e),
        Template::Object { fields, .. } => fields.iter().for_each(|f| {
            check_span(source, f.key_span, "field key");
            check_template(source, &f.value);
        }),
        Template::Array { items, .. } => items.iter().for_each(|t| check_template(source, t)),
    }
}

pub fn check_constructor(source: &str, c: &Constructor) {
    check_span(source, c.span, "constructor");
    c.fields.iter().for_each(|f| {
        check_span(source, f.key_span, "field key");
        check_template(source, &f.value);
    });
}

/// Spans of the lowered model: states, keys, constructors and every expression in them.
pub fn check_document(source: &str, doc: &Document) {
    match doc {
        Document::Current(flow) => {
            fdl::model::visit::for_each_constructor(flow, &mut |c, _, _| {
                check_constructor(source, c)
            });
            fdl::model::visit::for_each_expression(flow, &mut |e, _, _| {
                check_expression(source, e)
            });
        }
        Document::Legacy(_) => {}
    }
}

/// The fixed execution input the expression and engine targets evaluate against.
pub fn sample_input() -> serde_json::Value {
    serde_json::json!({
        "a": {"b": [10, 20, {"c": "d"}]},
        "s": "héllo, wörld",
        "n": 3,
        "f": -2.5,
        "ok": true,
        "none": null,
        "items": [1, "two", {"three": 3}, [4]],
        "b64": "Rm5G",
        "json": "{\"k\": [1, 2]}"
    })
}
