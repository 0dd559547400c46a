use crate::lint::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// States that no path from the scope's `StartAt` reaches (through `Next`, Choice branches
    /// and `Default`, or catchers' `Next`).
    ///
    /// ## Why
    /// An unreachable state never runs; it is usually a transition that was forgotten or renamed.
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
    ///     End: true
    ///   - Type: Pass
    ///     Name: Orphan
    ///     End: true
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
    /// Add a transition to it, or remove it.
    pub struct UnreachableState {
        code: "FDL-S014",
        name: "unreachable-state",
        category: Structure,
        severity: Warning,
        summary: "state not reachable from `StartAt`",
    }
}

impl Rule for UnreachableState {
    rule_meta!();
    fn check(&self, ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
        let Some(flow) = ctx.document.as_current() else { return };
        for_each_scope(flow, &mut |scope, _, _| {
            let graph = ctx.graph(scope);
            if graph.has_unresolved {
                return; // FDL-S013 reports the broken transition
            }
            if graph.start.is_none() {
                return; // FDL-S011 already reports the scope
            }
            for (state, reachable) in scope.states.iter().zip(graph.reachable()) {
                if !reachable {
                    let name = state.name().unwrap_or("this state");
                    out.push(report(
                        &Self::META,
                        state.anchor_span(),
                        format!("`{name}` is never reached from `StartAt`; no transition leads to it"),
                    ));
                }
            }
        });
    }
}
