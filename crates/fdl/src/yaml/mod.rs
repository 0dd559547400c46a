//! YAML with spans: a tree of our own built from `granit-parser` events, so every key and value
//! keeps its byte range and comments are available for suppressions and fixes.

mod parse;
mod tree;

pub use parse::{Comment, ParseLimits, YamlDocument, parse};
pub use tree::{Entry, Node, NodeKind, Scalar, ScalarStyle, ScalarValue};
