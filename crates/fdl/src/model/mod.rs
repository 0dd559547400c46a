//! The typed model of a workflow, for both dialects, with a span on every node.
//!
//! The model is lenient: a missing or mistyped field is `None`, never an error here. Lowering
//! (`crate::lower`) reports value-type problems; the lint rules report everything else. Every
//! key a state or flow was written with is kept in `keys` (unknown ones included) so that schema
//! rules can point at them.

mod current;
pub mod fields;
mod legacy;
mod template;
pub mod visit;

pub use current::*;
pub use legacy::*;
pub use template::*;

use crate::span::Span;
use compact_str::CompactString;

/// A value with the span of its YAML node.
#[derive(Clone, Debug, PartialEq)]
pub struct Spanned<T> {
    pub value: T,
    pub span: Span,
}

impl<T> Spanned<T> {
    pub fn new(value: T, span: Span) -> Self {
        Self { value, span }
    }
}

impl Spanned<CompactString> {
    pub fn as_str(&self) -> &str {
        &self.value
    }
}

/// A key as written, with the spans of the key and of its value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeySpan {
    pub name: CompactString,
    pub key: Span,
    pub value: Span,
}

/// Finds a key by name in a `keys` list.
pub fn find_key<'a>(keys: &'a [KeySpan], name: &str) -> Option<&'a KeySpan> {
    keys.iter().find(|k| k.name == name)
}

/// Which of the two YAML dialects a document is written in (spec §1).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dialect {
    /// `Type: StateMachine`, `SpecVersion: v1`, `States:` list.
    Current,
    /// `version: v1beta1`, `type: flow`, `steps:` list.
    Legacy,
}

/// A lowered workflow document.
#[derive(Clone, Debug, PartialEq)]
pub enum Document {
    Current(Flow),
    Legacy(LegacyFlow),
}

impl Document {
    pub fn dialect(&self) -> Dialect {
        match self {
            Document::Current(_) => Dialect::Current,
            Document::Legacy(_) => Dialect::Legacy,
        }
    }

    pub fn as_current(&self) -> Option<&Flow> {
        match self {
            Document::Current(flow) => Some(flow),
            Document::Legacy(_) => None,
        }
    }

    pub fn as_legacy(&self) -> Option<&LegacyFlow> {
        match self {
            Document::Legacy(flow) => Some(flow),
            Document::Current(_) => None,
        }
    }
}
