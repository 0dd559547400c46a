use crate::lint::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// A scope must be able to finish: some state reachable from `StartAt` has `End: true` or is
    /// a Succeed or Fail state.
    ///
    /// ## Why
    /// Without one, an execution can only loop until it hits the 5,000-event limit, or fail.
    ///
    /// ## Example
    /// ```yaml
    /// Type: StateMachine
    /// Name: demo
    /// SpecVersion: v1
    /// StartAt: A
    /// States:
    ///   - Type: Pass
    ///     Name: A
    ///     Next: B
    ///   - Type: Pass
    ///     Name: B
    ///     Next: A
    /// ```
    ///
    /// ## Corrected
    /// ```yaml
    /// Type: StateMachine
    /// Name: demo
    /// SpecVersion: v1
    /// StartAt: A
    /// States:
    ///   - Type: Pass
    ///     Name: A
    ///     Next: B
    ///   - Type: Pass
    ///     Name: B
    ///     End: true
    /// ```
    ///
    /// ## Fix
    /// End the scope somewhere: `End: true` on the last state, or a Succeed state.
    pub struct NoTerminalState {
        code: "FDL-S015",
        name: "no-terminal-state",
        category: Structure,
        severity: Warning,
        summary: "scope without a reachable terminal state",
    }
}

impl Rule for NoTerminalState {
    rule_meta!();
    fn check(&self, ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
        let Some(flow) = ctx.document.as_current() else { return };
        for_each_scope(flow, &mut |scope, _, _| {
            let graph = ctx.graph(scope);
            if graph.has_unresolved {
                return; // FDL-S013 reports the broken transition
            }
            let Some(start) = graph.start else { return };
            let reachable = graph.reachable();
            if !reachable.iter().zip(&graph.terminal).any(|(r, t)| *r && *t) {
                let at = scope.start_at.as_ref().map_or(scope.states[start].anchor_span(), |s| s.span);
                out.push(report(&Self::META, at, "no state reachable from here ends the scope (`End: true`, Succeed or Fail); the execution can only loop or fail"));
            }
        });
    }
}
