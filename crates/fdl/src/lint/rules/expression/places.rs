//! Where expressions and constructors appear, so rules can check what each place allows.

use crate::lint::rules::for_each_state;
use crate::model::{Constructor, Expression, Flow, State, StateKind};

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
