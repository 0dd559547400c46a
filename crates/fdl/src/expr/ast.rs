//! The expression AST (spec §7.3). Spans are byte offsets, relative to the expression text when
//! parsed and moved into document coordinates by `Expr::map_spans`.

use std::fmt;

use serde_json::Value;

use crate::span::Span;

#[derive(Clone, Debug, PartialEq)]
pub struct Expr {
    pub kind: ExprKind,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub enum ExprKind {
    /// A string, number, boolean or null literal.
    Literal(Value),
    Path(Path),
    Not(Box<Expr>),
    Compare {
        op: CompareOp,
        lhs: Box<Expr>,
        rhs: Box<Expr>,
    },
    And(Box<Expr>, Box<Expr>),
    Or(Box<Expr>, Box<Expr>),
    Call {
        name: String,
        name_span: Span,
        args: Vec<Expr>,
    },
    Array(Vec<Expr>),
    Object(Vec<(String, Span, Expr)>),
    /// Member access and indexing after a primary that is not a variable:
    /// `stringToJson($Output.Body).Data[0]` (spec §7.3 `postfix`). After a variable the
    /// segments belong to its `Path`.
    Access {
        target: Box<Expr>,
        segments: Vec<Segment>,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CompareOp {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

impl CompareOp {
    pub fn as_str(self) -> &'static str {
        match self {
            CompareOp::Eq => "==",
            CompareOp::Ne => "!=",
            CompareOp::Lt => "<",
            CompareOp::Le => "<=",
            CompareOp::Gt => ">",
            CompareOp::Ge => ">=",
        }
    }
}

/// The variable a path starts from (spec §6.2).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Root {
    Input,
    Output,
    Context,
    Global,
    Item,
    /// A bare `$` (`$`, `$.x`, `$[0]`): the legacy dialect's JSONPath root.
    Dollar,
    /// Any other `$name`, kept verbatim (without the `$`) so the linter can explain it
    /// (`$input`, `$local`, `$context` are legacy roots).
    Other(String),
}

impl Root {
    pub fn from_name(name: &str) -> Root {
        match name {
            "Input" => Root::Input,
            "Output" => Root::Output,
            "Context" => Root::Context,
            "Global" => Root::Global,
            "Item" => Root::Item,
            "" => Root::Dollar,
            other => Root::Other(other.to_owned()),
        }
    }

    /// The root as written, with its `$`.
    pub fn text(&self) -> String {
        match self {
            Root::Input => "$Input".into(),
            Root::Output => "$Output".into(),
            Root::Context => "$Context".into(),
            Root::Global => "$Global".into(),
            Root::Item => "$Item".into(),
            Root::Dollar => "$".into(),
            Root::Other(name) => format!("${name}"),
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Path {
    pub root: Root,
    pub root_span: Span,
    pub segments: Vec<Segment>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Segment {
    pub kind: SegmentKind,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub enum SegmentKind {
    /// `.name`
    Field(String),
    /// `[3]`
    Index(i64),
    /// `["key"]`
    Key(String),
}

impl Expr {
    /// Moves every span through `f` (e.g. from text offsets to document offsets).
    pub fn map_spans(&mut self, f: &dyn Fn(Span) -> Span) {
        self.span = f(self.span);
        match &mut self.kind {
            ExprKind::Literal(_) => {}
            ExprKind::Path(p) => {
                p.root_span = f(p.root_span);
                for s in &mut p.segments {
                    s.span = f(s.span);
                }
            }
            ExprKind::Not(e) => e.map_spans(f),
            ExprKind::Compare { lhs, rhs, .. } | ExprKind::And(lhs, rhs) | ExprKind::Or(lhs, rhs) => {
                lhs.map_spans(f);
                rhs.map_spans(f);
            }
            ExprKind::Call { name_span, args, .. } => {
                *name_span = f(*name_span);
                args.iter_mut().for_each(|a| a.map_spans(f));
            }
            ExprKind::Array(items) => items.iter_mut().for_each(|a| a.map_spans(f)),
            ExprKind::Object(entries) => {
                for (_, span, value) in entries {
                    *span = f(*span);
                    value.map_spans(f);
                }
            }
            ExprKind::Access { target, segments } => {
                target.map_spans(f);
                for s in segments {
                    s.span = f(s.span);
                }
            }
        }
    }

    /// Calls `f` on this node and every node below it, parents first.
    pub fn walk<'a>(&'a self, f: &mut dyn FnMut(&'a Expr)) {
        f(self);
        match &self.kind {
            ExprKind::Literal(_) | ExprKind::Path(_) => {}
            ExprKind::Not(e) | ExprKind::Access { target: e, .. } => e.walk(f),
            ExprKind::Compare { lhs, rhs, .. } | ExprKind::And(lhs, rhs) | ExprKind::Or(lhs, rhs) => {
                lhs.walk(f);
                rhs.walk(f);
            }
            ExprKind::Call { args, .. } | ExprKind::Array(args) => args.iter().for_each(|a| a.walk(f)),
            ExprKind::Object(entries) => entries.iter().for_each(|(_, _, v)| v.walk(f)),
        }
    }

    /// Every path in the expression.
    pub fn paths(&self) -> Vec<&Path> {
        let mut out = Vec::new();
        self.for_each_path(&mut |p| out.push(p));
        out
    }

    /// Calls `f` on every path in the expression, left to right (no allocation).
    pub fn for_each_path<'a>(&'a self, f: &mut dyn FnMut(&'a Path)) {
        self.walk(&mut |e| {
            if let ExprKind::Path(p) = &e.kind {
                f(p);
            }
        });
    }

    /// How deeply function calls nest: `a(b(c()))` is 3, no call is 0.
    pub fn max_call_depth(&self) -> usize {
        let below = |e: &Expr| e.max_call_depth();
        match &self.kind {
            ExprKind::Literal(_) | ExprKind::Path(_) => 0,
            ExprKind::Not(e) | ExprKind::Access { target: e, .. } => below(e),
            ExprKind::Compare { lhs, rhs, .. } | ExprKind::And(lhs, rhs) | ExprKind::Or(lhs, rhs) => {
                below(lhs).max(below(rhs))
            }
            ExprKind::Call { args, .. } => 1 + args.iter().map(below).max().unwrap_or(0),
            ExprKind::Array(items) => items.iter().map(below).max().unwrap_or(0),
            ExprKind::Object(entries) => entries.iter().map(|(_, _, v)| below(v)).max().unwrap_or(0),
        }
    }

    /// Whether the expression evidently yields a boolean: a comparison, `!`, `&&`, `||`, a
    /// boolean literal or a call of a function documented to return one.
    pub fn is_boolean_shaped(&self) -> bool {
        match &self.kind {
            ExprKind::Compare { .. } | ExprKind::Not(_) | ExprKind::And(..) | ExprKind::Or(..) => true,
            ExprKind::Literal(Value::Bool(_)) => true,
            ExprKind::Call { name, .. } => super::functions::lookup_function(name).is_some_and(|f| f.returns_bool),
            _ => false,
        }
    }
}

fn write_string(f: &mut fmt::Formatter<'_>, s: &str) -> fmt::Result {
    write!(f, "{}", serde_json::to_string(s).map_err(|_| fmt::Error)?)
}

fn is_ident(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c.is_alphabetic() || c == '_') && chars.all(|c| c.is_alphanumeric() || c == '_')
}

impl fmt::Display for Segment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            SegmentKind::Field(name) if is_ident(name) => write!(f, ".{name}"),
            SegmentKind::Field(name) | SegmentKind::Key(name) => {
                f.write_str("[")?;
                write_string(f, name)?;
                f.write_str("]")
            }
            SegmentKind::Index(i) => write!(f, "[{i}]"),
        }
    }
}

impl fmt::Display for Path {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.root.text())?;
        self.segments.iter().try_for_each(|s| write!(f, "{s}"))
    }
}

/// Canonical text: fully parenthesised binary operators, JSON string literals. Parsing the
/// output gives an equal AST (modulo spans).
impl fmt::Display for Expr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            ExprKind::Literal(Value::String(s)) => write_string(f, s),
            ExprKind::Literal(v) => write!(f, "{v}"),
            ExprKind::Path(p) => write!(f, "{p}"),
            ExprKind::Not(e) => write!(f, "!({e})"),
            ExprKind::Compare { op, lhs, rhs } => write!(f, "({lhs} {} {rhs})", op.as_str()),
            ExprKind::And(l, r) => write!(f, "({l} && {r})"),
            ExprKind::Or(l, r) => write!(f, "({l} || {r})"),
            ExprKind::Call { name, args, .. } => {
                write!(f, "{name}(")?;
                for (i, a) in args.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{a}")?;
                }
                f.write_str(")")
            }
            ExprKind::Array(items) => {
                f.write_str("[")?;
                for (i, a) in items.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{a}")?;
                }
                f.write_str("]")
            }
            ExprKind::Object(entries) => {
                f.write_str("{")?;
                for (i, (k, _, v)) in entries.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write_string(f, k)?;
                    write!(f, ": {v}")?;
                }
                f.write_str("}")
            }
            ExprKind::Access { target, segments } => {
                // Calls, arrays and objects end in a bracket; anything else is parenthesised
                // so the segments cannot attach to a part of it.
                match target.kind {
                    ExprKind::Call { .. } | ExprKind::Array(_) | ExprKind::Object(_) => write!(f, "{target}")?,
                    _ => write!(f, "({target})")?,
                }
                segments.iter().try_for_each(|s| write!(f, "{s}"))
            }
        }
    }
}
