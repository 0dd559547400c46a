//! What a rule can read: the source, the YAML tree, the model and the options.

use crate::model::Document;
use crate::span::LineIndex;
use crate::yaml::{Comment, Node};

/// The flow's execution mode, an attribute outside the YAML (spec §2, §11). Unknown by default:
/// rules that depend on it then assume Standard.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ExecutionMode {
    #[default]
    Standard,
    Express,
}

pub struct LintContext<'a> {
    pub source: &'a str,
    pub line_index: &'a LineIndex,
    pub root: &'a Node,
    pub comments: &'a [Comment],
    pub document: &'a Document,
    pub execution_mode: ExecutionMode,
    /// The OpenAPI catalog, when the caller has one (the CLI does; the embed package does not).
    pub catalog: Option<&'a dyn super::ApiCatalog>,
}
