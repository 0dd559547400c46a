use crate::lint::rules::near_miss;
use crate::lint::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// A Parallel has a non-empty `Branches` list of scopes.
    ///
    /// ## Example
    /// ```yaml
    /// Type: StateMachine
    /// Name: demo
    /// SpecVersion: v1
    /// StartAt: A
    /// States:
    ///   - Type: Parallel
    ///     Name: A
    ///     Branches: []
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
    ///   - Type: Parallel
    ///     Name: A
    ///     Branches:
    ///       - StartAt: B0
    ///         States:
    ///           - Type: Pass
    ///             Name: B0
    ///             End: true
    ///       - StartAt: B1
    ///         States:
    ///           - Type: Pass
    ///             Name: B1
    ///             End: true
    ///     End: true
    /// ```
    ///
    /// ## Fix
    /// Add branches (`- StartAt: …\n  States: […]`), or use a Pass if there is nothing to run.
    pub struct ParallelBranches {
        code: "FDL-PA01",
        name: "parallel-branches",
        category: StateSpecific,
        severity: Error,
        summary: "Parallel without `Branches` or with an empty list",
    }
}

impl Rule for ParallelBranches {
    rule_meta!();
    fn check(&self, ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
        let Some(flow) = ctx.document.as_current() else { return };
        for_each_state(flow, &mut |state, _, _| {
            let StateKind::Parallel(p) = &state.kind else { return };
            let name = state.name().unwrap_or("this Parallel");
            match p.branches_span {
                // A misspelling (FDL-S007 reports it with the rename) is the cause.
                None if near_miss::in_state(state, "Branches").is_some() => {}
                None => {
                    out.push(report(&Self::META, state.anchor_span(), format!("Parallel `{name}` has no `Branches`")))
                }
                Some(span) if p.branches.is_empty() => {
                    out.push(report(&Self::META, span, format!("Parallel `{name}` has an empty `Branches` list")))
                }
                _ => {}
            }
        });
    }
}
