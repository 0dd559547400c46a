use crate::lint::rules::near_miss;
use crate::lint::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// Every scope has a non-empty `States` list.
    ///
    /// ## Example
    /// ```yaml
    /// Type: StateMachine
    /// Name: demo
    /// SpecVersion: v1
    /// StartAt: A
    /// States: []
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
    ///     End: true
    /// ```
    ///
    /// ## Fix
    /// Add at least one state.
    pub struct EmptyStates {
        code: "FDL-S012",
        name: "empty-states",
        category: Structure,
        severity: Error,
        summary: "`States` missing or empty",
    }
}

impl Rule for EmptyStates {
    rule_meta!();
    fn check(&self, ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
        let Some(flow) = ctx.document.as_current() else { return };
        for_each_scope(flow, &mut |scope, owner, _| {
            if !scope.states.is_empty() || near_miss::in_scope(scope, owner.is_none(), "States").is_some() {
                return;
            }
            match scope.states_span {
                Some(span) => {
                    out.push(report(&Self::META, span, "`States` is empty; a scope needs at least one state"))
                }
                None => out.push(report(
                    &Self::META,
                    scope.keys.first().map_or(Span::empty(scope.span.start), |k| k.key),
                    "this scope has no `States` list",
                )),
            }
        });
    }
}
