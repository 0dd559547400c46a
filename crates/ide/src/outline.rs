//! The document's outline: the state tree (for an editor's outline and breadcrumbs) and the
//! folding ranges of its blocks.

use fdl::Span;
use fdl::model::{Document, Scope, State, Step, StepList};
use fdl::yaml::{Node, NodeKind};

/// What a symbol stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SymbolKind {
    /// The workflow itself.
    Flow,
    /// A state (current dialect) or a step (legacy).
    State,
    /// A Parallel branch or a legacy choice/branch body: a group of states.
    Branch,
}

/// One node of the state tree.
#[derive(Clone, Debug, PartialEq)]
pub struct Symbol {
    pub name: String,
    /// The state's type, as written.
    pub detail: Option<String>,
    pub kind: SymbolKind,
    /// The whole state.
    pub span: Span,
    /// Its name (what the editor selects).
    pub selection: Span,
    pub children: Vec<Symbol>,
}

/// The state tree: states in document order, the states of their branches and processors below
/// them. Unnamed states are listed as `(unnamed)`.
pub fn document_symbols(document: &Document) -> Vec<Symbol> {
    match document {
        Document::Current(flow) => scope_symbols(&flow.scope),
        Document::Legacy(flow) => list_symbols(&flow.steps),
    }
}

fn scope_symbols(scope: &Scope) -> Vec<Symbol> {
    scope.states.iter().map(state_symbol).collect()
}

fn state_symbol(state: &State) -> Symbol {
    let scopes = state.child_scopes();
    let children = if scopes.len() > 1 {
        scopes
            .iter()
            .enumerate()
            .map(|(i, scope)| Symbol {
                name: format!("Branch {}", i + 1),
                detail: None,
                kind: SymbolKind::Branch,
                span: scope.span,
                selection: Span::empty(scope.span.start),
                children: scope_symbols(scope),
            })
            .collect()
    } else {
        scopes.iter().flat_map(scope_symbols).collect()
    };
    Symbol {
        name: state.name().unwrap_or("(unnamed)").to_owned(),
        detail: state.type_.as_ref().map(|t| t.value.to_string()),
        kind: SymbolKind::State,
        span: state.span,
        selection: state.anchor_span(),
        children,
    }
}

fn list_symbols(list: &StepList) -> Vec<Symbol> {
    list.steps.iter().map(step_symbol).collect()
}

fn step_symbol(step: &Step) -> Symbol {
    let lists: Vec<&StepList> = step.child_lists().into_iter().filter(|l| l.present).collect();
    let children = if lists.len() > 1 {
        lists
            .iter()
            .enumerate()
            .map(|(i, list)| Symbol {
                name: format!("Branch {}", i + 1),
                detail: None,
                kind: SymbolKind::Branch,
                span: list.span,
                selection: Span::empty(list.span.start),
                children: list_symbols(list),
            })
            .collect()
    } else {
        lists.iter().flat_map(|l| list_symbols(l)).collect()
    };
    Symbol {
        name: step.name().unwrap_or("(unnamed)").to_owned(),
        detail: step.type_.as_ref().map(|t| t.value.to_string()),
        kind: SymbolKind::State,
        span: step.span,
        selection: step.anchor_span(),
        children,
    }
}

/// Folding ranges: every mapping entry and sequence item whose value spans several lines, as
/// 0-based `(first line, last line)` pairs, outermost first.
pub fn folding_ranges(root: &Node, index: &fdl::LineIndex) -> Vec<(u32, u32)> {
    let mut out = Vec::new();
    fold(root, None, index, &mut out);
    out
}

fn fold(node: &Node, start: Option<u32>, index: &fdl::LineIndex, out: &mut Vec<(u32, u32)>) {
    let children: Vec<(u32, &Node)> = match &node.kind {
        NodeKind::Scalar(_) => Vec::new(),
        NodeKind::Map(entries) => entries.iter().map(|e| (e.key.span.start, &e.value)).collect(),
        NodeKind::Seq(items) => items.iter().map(|item| (item.span.start, item)).collect(),
    };
    if let Some(start) = start {
        let (first, last) = (index.line_of(start), index.line_of(node.span.end.saturating_sub(1).max(node.span.start)));
        if last > first {
            out.push((first as u32, last as u32));
        }
    }
    for (child_start, child) in children {
        fold(child, Some(child_start), index, out);
    }
}

#[cfg(test)]
mod tests;
