//! Expressions and constructor templates as they appear in a workflow (spec §6.5, §7).

use compact_str::CompactString;
use serde_json::Value;

use crate::expr::{Expr, ExprError};
use crate::span::Span;

/// An expression written in the document: its text, the span of the YAML scalar that holds it,
/// and the parse result (AST spans already in document coordinates).
#[derive(Clone, Debug, PartialEq)]
pub struct Expression {
    pub text: CompactString,
    pub span: Span,
    pub parsed: Result<Expr, ExprError>,
}

impl Expression {
    pub fn ast(&self) -> Option<&Expr> {
        self.parsed.as_ref().ok()
    }
}

/// A constructor-like map (`InputConstructor`, `OutputConstructor`, `GlobalConstructor`,
/// `Parameters`, `ItemConstructor`, a catcher's `OutputConstructor`).
#[derive(Clone, Debug, PartialEq)]
pub struct Constructor {
    pub span: Span,
    pub fields: Vec<Field>,
}

/// One entry of a constructor or of a nested map inside it.
#[derive(Clone, Debug, PartialEq)]
pub struct Field {
    /// The key as written, e.g. `videoUrl.$`.
    pub raw_key: CompactString,
    /// The key emitted into the result, without a `.$` suffix.
    pub key: CompactString,
    pub key_span: Span,
    /// Whether the key ends in `.$` (its value is an expression).
    pub is_expression: bool,
    pub value: Template,
}

/// A value template: evaluated into JSON by the engine.
#[derive(Clone, Debug, PartialEq)]
pub enum Template {
    /// A constant scalar (string, number, boolean or null), copied as is.
    Literal { value: Value, span: Span },
    /// The value of a `.$` key.
    Expression(Expression),
    /// A nested map; `.$` keys inside are evaluated (spec §6.5 rule 4).
    Object { fields: Vec<Field>, span: Span },
    /// A list; `.$` keys in maps inside it are evaluated too (spec §6.5 rule 5, UNCERTAIN:
    /// we recurse uniformly as the spec recommends).
    Array { items: Vec<Template>, span: Span },
}

impl Template {
    pub fn span(&self) -> Span {
        match self {
            Template::Literal { span, .. } | Template::Object { span, .. } | Template::Array { span, .. } => *span,
            Template::Expression(e) => e.span,
        }
    }

    /// Every expression in this template, depth first.
    pub fn for_each_expression<'a>(&'a self, f: &mut dyn FnMut(&'a Expression)) {
        match self {
            Template::Literal { .. } => {}
            Template::Expression(e) => f(e),
            Template::Object { fields, .. } => fields.iter().for_each(|field| field.value.for_each_expression(f)),
            Template::Array { items, .. } => items.iter().for_each(|t| t.for_each_expression(f)),
        }
    }
}

impl Constructor {
    /// The top-level field with this key (without `.$`).
    pub fn field(&self, key: &str) -> Option<&Field> {
        self.fields.iter().find(|f| f.key == key)
    }

    /// Every expression in this constructor, depth first.
    /// Calls `f` on every expression in this constructor, depth first (no allocation).
    pub fn for_each_expression<'a>(&'a self, f: &mut dyn FnMut(&'a Expression)) {
        for field in &self.fields {
            field.value.for_each_expression(f);
        }
    }

    /// Every field at every depth (for key checks).
    pub fn walk_fields<'a>(&'a self, f: &mut dyn FnMut(&'a Field, &'a [Field])) {
        fn walk<'a>(fields: &'a [Field], f: &mut dyn FnMut(&'a Field, &'a [Field])) {
            for field in fields {
                f(field, fields);
                match &field.value {
                    Template::Object { fields: inner, .. } => walk(inner, f),
                    Template::Array { items, .. } => {
                        for item in items {
                            if let Template::Object { fields: inner, .. } = item {
                                walk(inner, f);
                            }
                        }
                    }
                    _ => {}
                }
            }
        }
        walk(&self.fields, f);
    }
}
