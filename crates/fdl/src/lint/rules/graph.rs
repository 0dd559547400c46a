//! The state graph of one scope, for reachability checks.
//!
//! The graph is the flow as its author meant it, so that the reachability rules report real
//! dead ends and not echoes of another finding: a misspelled transition (`Nxt: Done`, reported
//! by FDL-S007) is read as the transition it stands for, a transition to a name that several
//! states share (FDL-S020) leads to all of them, and a Choice without `Default` (FDL-S050) goes on
//! to its likely default (see [`ScopeGraph::assumed_default`]).

use std::collections::HashMap;

use super::near_miss;
use crate::model::{KeySpan, Scope, State, StateKind};

pub struct ScopeGraph {
    /// Successor indices per state (unresolved targets dropped).
    pub edges: Vec<Vec<usize>>,
    /// Whether each state ends the scope (`End: true`, Succeed, Fail) or has no way on (a
    /// missing `Next`, reported by FDL-S030, is treated as an end so it is not reported twice).
    pub terminal: Vec<bool>,
    pub start: Option<usize>,
    /// Every state named by `StartAt` (more than one when the name is duplicated).
    starts: Vec<usize>,
    /// Whether some transition names no state of the scope (FDL-S013). Reachability rules then
    /// stay quiet: the graph is incomplete and their findings would only echo that error.
    pub has_unresolved: bool,
    /// (Choice, state) pairs: the state a Choice without `Default` most likely meant.
    assumed_defaults: Vec<(usize, usize)>,
}

impl ScopeGraph {
    /// `source` is the text the scope was read from (for the values of misspelled keys).
    pub fn new(scope: &Scope, source: &str) -> Self {
        let n = scope.states.len();
        let (mut edges, mut terminal) = (Vec::with_capacity(n), Vec::with_capacity(n));
        let mut has_unresolved = false;
        let targets = Targets::new(scope);
        for s in &scope.states {
            let mut successors = Vec::new();
            s.for_each_transition(&mut |t| match targets.of(&t.target.value) {
                Some(js) => successors.extend_from_slice(js),
                None => has_unresolved = true,
            });
            for key in misspelled_transitions(s) {
                let target = near_miss::scalar_text(source, key).and_then(|name| targets.of(name));
                successors.extend_from_slice(target.unwrap_or_default());
            }
            edges.push(successors);
            terminal.push(
                s.is_end()
                    || matches!(s.kind, StateKind::Succeed | StateKind::Fail(_) | StateKind::Unknown)
                    || (s.next.is_none() && !matches!(s.kind, StateKind::Choice(_))),
            );
        }
        let starts: Vec<usize> =
            scope.start_at.as_ref().and_then(|s| targets.of(&s.value)).unwrap_or_default().to_vec();
        let assumed_defaults = assumed_defaults(scope, &edges, &starts);
        for &(choice, target) in &assumed_defaults {
            edges[choice].push(target);
        }
        Self { edges, terminal, start: starts.first().copied(), starts, has_unresolved, assumed_defaults }
    }

    /// The state a Choice (index `choice`) without `Default` most likely meant: the one written
    /// right after it, when that is not `StartAt` and no transition leads to it. As written it is
    /// dead code; the author read the list as falling through. The graph follows that edge, so
    /// the missing `Default` (FDL-S050, which suggests it) is reported and not the dead state.
    pub fn assumed_default(&self, choice: usize) -> Option<usize> {
        self.assumed_defaults.iter().find(|(c, _)| *c == choice).map(|(_, t)| *t)
    }

    /// States reachable from `StartAt`.
    pub fn reachable(&self) -> Vec<bool> {
        let mut seen = vec![false; self.edges.len()];
        let mut stack: Vec<usize> = self.starts.clone();
        while let Some(i) = stack.pop() {
            if std::mem::replace(&mut seen[i], true) {
                continue;
            }
            stack.extend(self.edges[i].iter().copied().filter(|j| !seen[*j]));
        }
        seen
    }

    /// States from which a terminal state can be reached.
    pub fn can_finish(&self) -> Vec<bool> {
        let n = self.edges.len();
        let mut reverse = vec![Vec::new(); n];
        for (i, succ) in self.edges.iter().enumerate() {
            for &j in succ {
                reverse[j].push(i);
            }
        }
        let mut ok = vec![false; n];
        let mut stack: Vec<usize> = (0..n).filter(|i| self.terminal[*i]).collect();
        while let Some(i) = stack.pop() {
            if std::mem::replace(&mut ok[i], true) {
                continue;
            }
            stack.extend(reverse[i].iter().copied().filter(|j| !ok[*j]));
        }
        ok
    }
}

/// Name → the states of the scope with that name. Only duplicated names (rare) get an entry of
/// their own; the others are read from the scope's index.
struct Targets<'a> {
    scope: &'a Scope,
    duplicated: HashMap<&'a str, Vec<usize>>,
}

impl<'a> Targets<'a> {
    fn new(scope: &'a Scope) -> Self {
        let mut duplicated: HashMap<&str, Vec<usize>> = HashMap::new();
        let named = scope.states.iter().filter(|s| s.name().is_some()).count();
        if named > scope.name_index.len() {
            for (i, s) in scope.states.iter().enumerate() {
                if let Some(name) = s.name() {
                    duplicated.entry(name).or_default().push(i);
                }
            }
            duplicated.retain(|_, v| v.len() > 1);
        }
        Self { scope, duplicated }
    }

    fn of(&self, name: &str) -> Option<&[usize]> {
        match self.duplicated.get(name) {
            Some(all) => Some(all),
            None => self.scope.name_index.get(name).map(std::slice::from_ref),
        }
    }
}

/// The keys of `state` that are misspellings of a transition it lacks (`Nxt` for `Next`, and the
/// same in its Choice branches and catchers).
fn misspelled_transitions(state: &State) -> Vec<&KeySpan> {
    // Only absent transitions are looked for: almost every state has its own, so this costs
    // nothing on a correct flow.
    let mut keys: Vec<&KeySpan> = Vec::new();
    if state.next.is_none() && !state.is_end() {
        keys.extend(near_miss::in_state(state, "Next"));
    }
    if let StateKind::Choice(choice) = &state.kind {
        if choice.default.is_none() {
            keys.extend(near_miss::in_state(state, "Default"));
        }
        let open = choice.branches.iter().filter(|b| b.next.is_none());
        keys.extend(open.filter_map(|b| near_miss::in_choice_branch(b, "Next")));
    }
    let open = state.catch.iter().filter(|c| c.next.is_none());
    keys.extend(open.filter_map(|c| near_miss::in_catcher(c, "Next")));
    keys
}

/// See [`ScopeGraph::assumed_default`]; `edges` are the transitions as written.
fn assumed_defaults(scope: &Scope, edges: &[Vec<usize>], starts: &[usize]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for (i, s) in scope.states.iter().enumerate() {
        let StateKind::Choice(choice) = &s.kind else { continue };
        if choice.default.is_some() || s.key("Default").is_some() || near_miss::in_state(s, "Default").is_some() {
            continue;
        }
        let next = i + 1;
        if next < scope.states.len() && !starts.contains(&next) && !edges.iter().any(|e| e.contains(&next)) {
            out.push((i, next));
        }
    }
    out
}
