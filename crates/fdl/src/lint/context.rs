//! What a rule can read: the source, the YAML tree, the model and the options.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use super::rules::graph::ScopeGraph;
use crate::model::{Document, Scope};
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
    /// State graphs built once per scope and shared by the reachability rules.
    pub graphs: GraphCache,
}

impl LintContext<'_> {
    /// The state graph of `scope` (a scope of `document`), built on first use.
    pub fn graph(&self, scope: &Scope) -> Rc<ScopeGraph> {
        let key = scope as *const Scope as usize;
        if let Some(g) = self.graphs.0.borrow().get(&key) {
            return Rc::clone(g);
        }
        let graph = Rc::new(ScopeGraph::new(scope));
        self.graphs.0.borrow_mut().insert(key, Rc::clone(&graph));
        graph
    }
}

/// Scope address → its graph. Addresses are stable: the document outlives the context.
#[derive(Default)]
pub struct GraphCache(RefCell<HashMap<usize, Rc<ScopeGraph>>>);
