use crate::lint::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// A state with both `End: true` and `Next`.
    ///
    /// ## Why
    /// The documentation does not say which one the service follows; the safe reading is that
    /// the definition is ambiguous. `End: false` with `Next` is fine.
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
    ///     End: true
    ///   - Type: Pass
    ///     Name: B
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
    /// Keep `Next` to continue, or `End: true` to end the scope, not both.
    pub struct EndWithNext {
        code: "FDL-S032",
        name: "end-with-next",
        category: Structure,
        severity: Error,
        summary: "`End: true` together with `Next`",
    }
}

impl Rule for EndWithNext {
    rule_meta!();
    fn check(&self, ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
        let Some(flow) = ctx.document.as_current() else { return };
        for_each_state(flow, &mut |state, _, _| {
            if let (Some(end), Some(next)) = (&state.end, &state.next)
                && end.value
                && !matches!(state.kind, StateKind::Choice(_) | StateKind::Succeed | StateKind::Fail(_))
            {
                out.push(
                    report(&Self::META, end.span, "`End: true` and `Next` contradict each other; keep one")
                        .with_label(next.span, "`Next` is here"),
                );
            }
        });
    }
}
