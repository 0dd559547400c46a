//! Semantic tokens for expressions (`.$` values, `Condition`, `ItemsPath`, `Seconds.$`): the
//! variables, members, function calls and literals of each, from the parsed expression's spans
//! (document coordinates already). An expression that does not parse gets none.

use fdl::Span;
use fdl::expr::{Expr, ExprKind, Segment, SegmentKind};
use fdl::model::Document;
use serde_json::Value;

/// What a token is, for the editor's colours.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum TokenKind {
    /// `$Input`, `$Context`, …
    Variable,
    /// `.a`, `.b` after a variable or a call.
    Property,
    /// A built-in function's name in a call.
    Function,
    String,
    Number,
    /// `true`, `false`, `null`.
    Keyword,
}

impl TokenKind {
    /// Every kind, in the order of its index (the protocol's legend).
    pub const ALL: [TokenKind; 6] = [
        TokenKind::Variable,
        TokenKind::Property,
        TokenKind::Function,
        TokenKind::String,
        TokenKind::Number,
        TokenKind::Keyword,
    ];
}

/// The tokens of every expression of a current-dialect document, sorted by position.
pub fn semantic_tokens(document: &Document) -> Vec<(Span, TokenKind)> {
    let Some(flow) = document.as_current() else { return Vec::new() };
    let mut out = Vec::new();
    fdl::model::visit::for_each_expression(flow, &mut |expression, _, _| {
        if let Some(ast) = expression.ast() {
            walk(ast, &mut out);
        }
    });
    out.retain(|(span, _)| !span.is_empty());
    out.sort();
    out.dedup();
    out
}

fn walk(e: &Expr, out: &mut Vec<(Span, TokenKind)>) {
    match &e.kind {
        ExprKind::Literal(value) => out.push((e.span, literal(value))),
        ExprKind::Path(path) => {
            out.push((path.root_span, TokenKind::Variable));
            fields(&path.segments, out);
        }
        ExprKind::Not(inner) => walk(inner, out),
        ExprKind::Compare { lhs, rhs, .. } | ExprKind::And(lhs, rhs) | ExprKind::Or(lhs, rhs) => {
            walk(lhs, out);
            walk(rhs, out);
        }
        ExprKind::Call { name_span, args, .. } => {
            out.push((*name_span, TokenKind::Function));
            args.iter().for_each(|a| walk(a, out));
        }
        ExprKind::Array(items) => items.iter().for_each(|a| walk(a, out)),
        ExprKind::Object(entries) => {
            for (_, key, value) in entries {
                out.push((*key, TokenKind::Property));
                walk(value, out);
            }
        }
        ExprKind::Access { target, segments } => {
            walk(target, out);
            fields(segments, out);
        }
    }
}

/// The names of `.name` segments (their spans start at the dot).
fn fields(segments: &[Segment], out: &mut Vec<(Span, TokenKind)>) {
    for segment in segments {
        if let SegmentKind::Field(name) = &segment.kind {
            let start = segment.span.end.saturating_sub(name.len() as u32).max(segment.span.start);
            out.push((Span::new(start, segment.span.end), TokenKind::Property));
        }
    }
}

fn literal(value: &Value) -> TokenKind {
    match value {
        Value::String(_) => TokenKind::String,
        Value::Number(_) => TokenKind::Number,
        _ => TokenKind::Keyword,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(src: &str) -> Vec<(&str, TokenKind)> {
        let document = fdl::analyze(src).document.unwrap();
        semantic_tokens(&document).into_iter().map(|(span, kind)| (span.slice(src), kind)).collect()
    }

    const FLOW: &str = "Type: StateMachine\nName: d\nSpecVersion: v1\nStartAt: C\nStates:\n  - Type: Choice\n    Name: C\n    Branches:\n      - Condition: $Input.状态 == \"ready\" && length($Input.items) > 2\n        Next: P\n    Default: P\n  - Type: Pass\n    Name: P\n    OutputConstructor:\n      ok.$: $Context.Current.Input.ok\n      n: $Input.notAnExpression\n    End: true\n";

    #[test]
    fn variables_members_functions_and_literals() {
        use TokenKind::*;
        assert_eq!(
            tokens(FLOW),
            [
                ("$Input", Variable),
                ("状态", Property),
                ("\"ready\"", String),
                ("length", Function),
                ("$Input", Variable),
                ("items", Property),
                ("2", Number),
                ("$Context", Variable),
                ("Current", Property),
                ("Input", Property),
                ("ok", Property),
            ]
        );
    }

    #[test]
    fn no_tokens_for_broken_expressions_or_the_legacy_dialect() {
        let broken = FLOW.replace("length($Input.items) > 2", "length($Input.items");
        assert!(!tokens(&broken).iter().any(|(_, k)| *k == TokenKind::Function), "{:?}", tokens(&broken));
        assert!(tokens("version: v1\ntype: flow\nsteps:\n  - type: pass\n    name: a\n").is_empty());
    }
}
