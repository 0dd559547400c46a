//! What a rule can read: the source, the YAML tree, the model and the options.

use std::cell::{OnceCell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;

use super::rules::graph::ScopeGraph;
use crate::expr::Path;
use crate::model::visit::{Place, for_each_expression};
use crate::model::{Document, Expression, Scope, State};
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

impl ExecutionMode {
    /// `Standard` or `Express`, in any case; empty means Standard.
    pub fn parse(text: &str) -> Option<Self> {
        match text.to_ascii_lowercase().as_str() {
            "" | "standard" => Some(Self::Standard),
            "express" => Some(Self::Express),
            _ => None,
        }
    }

    /// The longest an execution may run in this mode, in seconds (spec §11: Standard 1 year,
    /// Express 5 minutes); root `Timeout` may lower it, never raise it.
    pub fn max_execution_seconds(self) -> i64 {
        match self {
            Self::Standard => 365 * 24 * 3600,
            Self::Express => 300,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Standard => "Standard",
            Self::Express => "Express",
        }
    }
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
    /// The flow's expressions and their paths, listed once and shared by the expression rules.
    pub expression_sites: OnceCell<ExpressionSites<'a>>,
}

/// An expression of the flow and where it is written.
#[derive(Clone, Copy)]
pub struct ExpressionSite<'a> {
    pub expression: &'a Expression,
    pub place: Place,
    pub state: &'a State,
}

/// A path (`$Input.a`) inside an expression of the flow, and where that expression is written.
#[derive(Clone, Copy)]
pub struct PathSite<'a> {
    pub path: &'a Path,
    pub place: Place,
    pub state: &'a State,
}

#[derive(Default)]
pub struct ExpressionSites<'a> {
    expressions: Vec<ExpressionSite<'a>>,
    paths: Vec<PathSite<'a>>,
}

impl<'a> LintContext<'a> {
    /// Every expression of a current-dialect flow with its place, in document order of states
    /// (empty for the legacy dialect). Listed on first use.
    pub fn expressions(&self) -> &[ExpressionSite<'a>] {
        &self.sites().expressions
    }

    /// Every path in those expressions, with the place of its expression.
    pub fn expression_paths(&self) -> &[PathSite<'a>] {
        &self.sites().paths
    }

    fn sites(&self) -> &ExpressionSites<'a> {
        self.expression_sites.get_or_init(|| {
            let mut sites = ExpressionSites::default();
            if let Some(flow) = self.document.as_current() {
                for_each_expression(flow, &mut |expression, place, state| {
                    sites.expressions.push(ExpressionSite { expression, place, state });
                    if let Some(ast) = expression.ast() {
                        ast.for_each_path(&mut |path| sites.paths.push(PathSite { path, place, state }));
                    }
                });
            }
            sites
        })
    }

    /// The state graph of `scope` (a scope of `document`), built on first use.
    pub fn graph(&self, scope: &Scope) -> Rc<ScopeGraph> {
        let key = scope as *const Scope as usize;
        if let Some(g) = self.graphs.0.borrow().get(&key) {
            return Rc::clone(g);
        }
        let graph = Rc::new(ScopeGraph::new(scope, self.source));
        self.graphs.0.borrow_mut().insert(key, Rc::clone(&graph));
        graph
    }
}

/// Scope address → its graph. Addresses are stable: the document outlives the context.
#[derive(Default)]
pub struct GraphCache(RefCell<HashMap<usize, Rc<ScopeGraph>>>);
