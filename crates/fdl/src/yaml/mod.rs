//! YAML with spans: a tree of our own built from `granit-parser` events, so every key and value
//! keeps its byte range and comments are available for suppressions and fixes. A fast scanner
//! builds the same tree for the common block-style subset and defers to granit otherwise.

mod fast;
mod parse;
mod tree;

#[cfg(feature = "full-yaml")]
pub use parse::parse_full;
pub use parse::{Comment, ParseLimits, YamlDocument, parse, parse_subset};
pub use tree::{Entry, Node, NodeKind, Scalar, ScalarStyle, ScalarValue};

/// The fast scanner alone (`None` when it defers to granit), for the differential tests.
#[doc(hidden)]
pub fn parse_fast(source: &str, limits: ParseLimits) -> Option<YamlDocument> {
    fast::parse(source, limits, false).ok()
}
