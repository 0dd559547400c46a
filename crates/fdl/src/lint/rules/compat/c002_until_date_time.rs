use crate::lint::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// `UntilDateTime` on a Wait state.
    ///
    /// ## Why
    /// Only the Dec 2023 revision documents it; later ones have `Seconds` and
    /// `Seconds.$` only, so the service may ignore or reject it.
    ///
    /// ## Example
    /// ```yaml
    /// Type: StateMachine
    /// Name: demo
    /// SpecVersion: v1
    /// StartAt: A
    /// States:
    ///   - Type: Wait
    ///     Name: A
    ///     UntilDateTime: 2023-10-02T15:04:05Z
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
    ///   - Type: Wait
    ///     Name: A
    ///     Seconds: 5
    ///     End: true
    /// ```
    ///
    /// ## Fix
    /// Compute the remaining seconds and use `Seconds.$`.
    pub struct UntilDateTime {
        code: "FDL-C002",
        name: "until-date-time",
        category: Compatibility,
        severity: Warning,
        summary: "`UntilDateTime` (no longer documented)",
    }
}

impl Rule for UntilDateTime {
    rule_meta!();
    fn check(&self, ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
        let Some(flow) = ctx.document.as_current() else { return };
        for_each_state(flow, &mut |state, _, _| {
            if let (StateKind::Wait(_), Some(key)) = (&state.kind, state.key("UntilDateTime")) {
                out.push(report(
                    &Self::META,
                    key.key,
                    "`UntilDateTime` is no longer documented; use `Seconds` or `Seconds.$`",
                ));
            }
        });
    }
}
