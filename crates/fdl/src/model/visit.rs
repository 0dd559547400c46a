//! Walks over a flow: every scope and state at every depth, and every constructor and expression
//! with the place it is written in. Used by the lint rules, the real-mode write check, the
//! playground and the fuzz targets.

use super::{Constructor, Expression, Flow, Scope, State, StateKind};

/// Calls `f` for every scope of the flow (root first, then nested, depth first), with the state
/// that owns it (`None` for the root) and whether it is inside a Map processor.
pub fn for_each_scope<'a>(flow: &'a Flow, f: &mut dyn FnMut(&'a Scope, Option<&'a State>, bool)) {
    fn walk<'a>(
        scope: &'a Scope,
        owner: Option<&'a State>,
        in_map: bool,
        f: &mut dyn FnMut(&'a Scope, Option<&'a State>, bool),
    ) {
        f(scope, owner, in_map);
        for state in &scope.states {
            let is_map = matches!(state.kind, StateKind::Map(_));
            for child in state.child_scopes() {
                walk(child, Some(state), in_map || is_map, f);
            }
        }
    }
    walk(&flow.scope, None, false, f);
}

/// Calls `f` for every state at every depth, with its scope and whether it is inside a Map processor.
pub fn for_each_state<'a>(flow: &'a Flow, f: &mut dyn FnMut(&'a State, &'a Scope, bool)) {
    for_each_scope(flow, &mut |scope, _, in_map| {
        for state in &scope.states {
            f(state, scope, in_map);
        }
    });
}

/// The place an expression or constructor is written in (spec §6.2, §7.1).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place {
    InputConstructor,
    OutputConstructor,
    GlobalConstructor,
    Parameters,
    ItemConstructor,
    /// A catcher's `OutputConstructor`.
    CatchOutputConstructor,
    ItemsPath,
    Condition,
    WaitSeconds,
}

impl Place {
    pub fn describe(self) -> &'static str {
        match self {
            Place::InputConstructor => "InputConstructor",
            Place::OutputConstructor => "OutputConstructor",
            Place::GlobalConstructor => "GlobalConstructor",
            Place::Parameters => "Parameters",
            Place::ItemConstructor => "ItemConstructor",
            Place::CatchOutputConstructor => "a catcher's OutputConstructor",
            Place::ItemsPath => "ItemsPath",
            Place::Condition => "a Choice Condition",
            Place::WaitSeconds => "Seconds.$",
        }
    }
}

/// Every constructor of the flow with its place and state.
pub fn for_each_constructor<'a>(flow: &'a Flow, f: &mut dyn FnMut(&'a Constructor, Place, &'a State)) {
    for_each_state(flow, &mut |state, _, _| {
        let mut visit = |c: &'a Option<Constructor>, place| {
            if let Some(c) = c {
                f(c, place, state);
            }
        };
        visit(&state.input_constructor, Place::InputConstructor);
        visit(&state.output_constructor, Place::OutputConstructor);
        visit(&state.global_constructor, Place::GlobalConstructor);
        match &state.kind {
            StateKind::Task(t) => visit(&t.parameters, Place::Parameters),
            StateKind::Map(m) => visit(&m.item_constructor, Place::ItemConstructor),
            _ => {}
        }
        for c in &state.catch {
            visit(&c.output_constructor, Place::CatchOutputConstructor);
        }
    });
}

/// Every expression of the flow with its place and state.
pub fn for_each_expression<'a>(flow: &'a Flow, f: &mut dyn FnMut(&'a Expression, Place, &'a State)) {
    for_each_constructor(flow, &mut |c, place, state| {
        c.for_each_expression(&mut |e| f(e, place, state));
    });
    for_each_state(flow, &mut |state, _, _| match &state.kind {
        StateKind::Map(m) => {
            if let Some(e) = &m.items_path {
                f(e, Place::ItemsPath, state);
            }
        }
        StateKind::Choice(c) => {
            for b in &c.branches {
                if let Some(e) = &b.condition {
                    f(e, Place::Condition, state);
                }
            }
        }
        StateKind::Wait(w) => {
            if let Some(e) = &w.seconds_expr {
                f(e, Place::WaitSeconds, state);
            }
        }
        _ => {}
    });
}
