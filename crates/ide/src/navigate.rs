//! Go to definition, find references and rename of state names (current dialect: every
//! `StartAt`, `Next`, `Default`, branch and catcher `Next` in the state's scope) and step names
//! (legacy dialect: every `goto` among the step's siblings). Each scope — the root, a Parallel
//! branch, a Map processor, a legacy branch or loop body — has its own names, as the linter says.

use fdl::Span;
use fdl::model::{Document, Flow, LegacyFlow, Scope, StepList};

/// The names defined and referred to in one scope.
#[derive(Default)]
struct NameScope<'a> {
    definitions: Vec<(&'a str, Span)>,
    references: Vec<(&'a str, Span)>,
}

fn name_scopes(document: &Document) -> Vec<NameScope<'_>> {
    let mut out = Vec::new();
    match document {
        Document::Current(flow) => current_scopes(flow, &mut out),
        Document::Legacy(flow) => legacy_scopes(flow, &mut out),
    }
    out
}

fn current_scopes<'a>(flow: &'a Flow, out: &mut Vec<NameScope<'a>>) {
    fdl::model::visit::for_each_scope(flow, &mut |scope: &'a Scope, _, _| {
        let mut names = NameScope::default();
        if let Some(start) = &scope.start_at {
            names.references.push((start.as_str(), start.span));
        }
        for state in &scope.states {
            if let Some(name) = &state.name {
                names.definitions.push((name.as_str(), name.span));
            }
            state.for_each_transition(&mut |t| names.references.push((t.target.as_str(), t.target.span)));
        }
        out.push(names);
    });
}

fn legacy_scopes<'a>(flow: &'a LegacyFlow, out: &mut Vec<NameScope<'a>>) {
    fn walk<'a>(list: &'a StepList, out: &mut Vec<NameScope<'a>>) {
        let mut names = NameScope::default();
        for step in &list.steps {
            if let Some(name) = &step.name {
                names.definitions.push((name.as_str(), name.span));
            }
            names.references.extend(step.gotos().into_iter().map(|g| (g.as_str(), g.span)));
        }
        out.push(names);
        for step in &list.steps {
            for child in step.child_lists() {
                walk(child, out);
            }
        }
    }
    walk(&flow.steps, out);
}

/// Whether the cursor at `offset` is on `span` (its end included: the cursor after a name).
fn touches(span: Span, offset: u32) -> bool {
    span.start <= offset && offset <= span.end
}

/// The scope and name of the definition or reference at `offset`, with the span under the cursor.
fn name_at<'a, 'd>(scopes: &'a [NameScope<'d>], offset: u32) -> Option<(&'a NameScope<'d>, &'d str, Span)> {
    scopes.iter().find_map(|scope| {
        scope
            .definitions
            .iter()
            .chain(&scope.references)
            .find(|(_, span)| touches(*span, offset))
            .map(|&(name, span)| (scope, name, span))
    })
}

/// The span of the name of the state that the name at `offset` refers to (or defines).
pub fn definition(document: &Document, offset: u32) -> Option<Span> {
    let scopes = name_scopes(document);
    let (scope, name, _) = name_at(&scopes, offset)?;
    scope.definitions.iter().find(|(n, _)| *n == name).map(|&(_, span)| span)
}

/// Every span naming the same state as the name at `offset`, in document order; the definition
/// among them when `include_definition`.
pub fn references(document: &Document, offset: u32, include_definition: bool) -> Vec<Span> {
    let scopes = name_scopes(document);
    let Some((scope, name, _)) = name_at(&scopes, offset) else { return Vec::new() };
    let mut spans: Vec<Span> = scope
        .references
        .iter()
        .chain(scope.definitions.iter().filter(|_| include_definition))
        .filter(|(n, _)| *n == name)
        .map(|&(_, span)| span)
        .collect();
    spans.sort();
    spans.dedup();
    spans
}

/// A rename: the edits that make it, as (span, replacement) pairs in document order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rename {
    pub edits: Vec<(Span, String)>,
}

/// Why a rename is refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RenameError {
    /// The cursor is not on a state name or a reference to one.
    NotAName,
    /// The new name is empty or only blanks.
    EmptyName,
    /// Another state of the same scope already has this name.
    Clash { name: String },
}

impl std::fmt::Display for RenameError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RenameError::NotAName => f.write_str("the cursor is not on a state name"),
            RenameError::EmptyName => f.write_str("a state name cannot be empty"),
            RenameError::Clash { name } => write!(f, "a state named `{name}` already exists in this scope"),
        }
    }
}

impl std::error::Error for RenameError {}

/// The span of the name at `offset` when it can be renamed (for the editor's prepare step).
pub fn rename_target(document: &Document, offset: u32) -> Option<Span> {
    let scopes = name_scopes(document);
    name_at(&scopes, offset).map(|(_, _, span)| span)
}

/// Renames the state named at `offset`, with its definition and every reference in its scope;
/// the new name is quoted when YAML needs it.
pub fn rename(document: &Document, offset: u32, new_name: &str) -> Result<Rename, RenameError> {
    let scopes = name_scopes(document);
    let (scope, name, _) = name_at(&scopes, offset).ok_or(RenameError::NotAName)?;
    if new_name.trim().is_empty() {
        return Err(RenameError::EmptyName);
    }
    if new_name != name && scope.definitions.iter().any(|(n, _)| *n == new_name) {
        return Err(RenameError::Clash { name: new_name.to_owned() });
    }
    let written = fdl::print::quote_if_needed(new_name);
    let edits = references(document, offset, true).into_iter().map(|span| (span, written.clone())).collect();
    Ok(Rename { edits })
}

#[cfg(test)]
mod tests;
