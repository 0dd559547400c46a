//! The state graph of one scope, for reachability checks.

use crate::model::{Scope, StateKind};

pub struct ScopeGraph {
    /// Successor indices per state (unresolved targets dropped).
    pub edges: Vec<Vec<usize>>,
    /// Whether each state ends the scope (`End: true`, Succeed, Fail) or has no way on (a
    /// missing `Next`, reported by FDL-S030, is treated as an end so it is not reported twice).
    pub terminal: Vec<bool>,
    pub start: Option<usize>,
    /// Whether some transition names no state of the scope (FDL-S013). Reachability rules then
    /// stay quiet: the graph is incomplete and their findings would only echo that error.
    pub has_unresolved: bool,
}

impl ScopeGraph {
    pub fn new(scope: &Scope) -> Self {
        let n = scope.states.len();
        let (mut edges, mut terminal) = (Vec::with_capacity(n), Vec::with_capacity(n));
        let mut has_unresolved = false;
        for s in &scope.states {
            let mut successors = Vec::new();
            s.for_each_transition(&mut |t| match scope.state_index(&t.target.value) {
                Some(j) => successors.push(j),
                None => has_unresolved = true,
            });
            edges.push(successors);
            terminal.push(
                s.is_end()
                    || matches!(s.kind, StateKind::Succeed | StateKind::Fail(_) | StateKind::Unknown)
                    || (s.next.is_none() && !matches!(s.kind, StateKind::Choice(_))),
            );
        }
        let start = scope.start_at.as_ref().and_then(|s| scope.state_index(&s.value));
        Self { edges, terminal, start, has_unresolved }
    }

    /// States reachable from `StartAt`.
    pub fn reachable(&self) -> Vec<bool> {
        let mut seen = vec![false; self.edges.len()];
        let mut stack: Vec<usize> = self.start.into_iter().collect();
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
