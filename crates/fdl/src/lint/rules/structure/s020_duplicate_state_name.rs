use crate::lint::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// State names are unique within a scope: `Next`, `StartAt` and the execution
    /// history refer to states by name.
    ///
    /// ## Example
    /// ```yaml
    /// Type: StateMachine
    /// Name: demo
    /// SpecVersion: v1
    /// StartAt: Step
    /// States:
    ///   - Type: Pass
    ///     Name: Step
    ///     Next: Step2
    ///   - Type: Pass
    ///     Name: Step
    ///     End: true
    ///   - Type: Pass
    ///     Name: Step2
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
    /// Rename one of them.
    pub struct DuplicateStateName {
        code: "FDL-S020",
        name: "duplicate-state-name",
        category: Structure,
        severity: Error,
        summary: "duplicate state name in one scope",
    }
}

impl Rule for DuplicateStateName {
    rule_meta!();
    fn check(&self, ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
        let Some(flow) = ctx.document.as_current() else { return };
        for_each_scope(flow, &mut |scope, _, _| {
            for (i, state) in scope.states.iter().enumerate() {
                let Some(name) = &state.name else { continue };
                let first =
                    scope.state_index(&name.value).filter(|&f| f != i).and_then(|f| scope.states[f].name.as_ref());
                if let Some(first) = first {
                    out.push(
                        report(
                            &Self::META,
                            name.span,
                            format!("another state of this scope is already called `{}`", name.value),
                        )
                        .with_label(first.span, "first defined here"),
                    );
                }
            }
        });
    }
}
