use crate::lint::rules::near_miss;
use crate::lint::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// A Wait has exactly one of `Seconds` and `Seconds.$`. (`UntilDateTime`, an
    /// old alternative, counts as a duration too; FDL-C002 warns about it.)
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
    /// `Seconds: 10`, or `Seconds.$: $Input.delay`.
    pub struct WaitDuration {
        code: "FDL-W001",
        name: "wait-duration",
        category: StateSpecific,
        severity: Error,
        summary: "Wait without `Seconds`/`Seconds.$`, or with both",
    }
}

impl Rule for WaitDuration {
    rule_meta!();
    fn check(&self, ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
        let Some(flow) = ctx.document.as_current() else { return };
        for_each_state(flow, &mut |state, _, _| {
            if !matches!(state.kind, StateKind::Wait(_)) {
                return;
            }
            let (s, e, u) = (state.key("Seconds"), state.key("Seconds.$"), state.key("UntilDateTime"));
            let name = state.name().unwrap_or("this Wait");
            match (s, e) {
                // A misspelling (FDL-S007 reports it with the rename) is the cause.
                (None, None) if u.is_none() && near_miss::in_state(state, "Seconds").is_some() => {}
                (None, None) if u.is_none() => out.push(report(
                    &Self::META,
                    state.anchor_span(),
                    format!("Wait `{name}` has no `Seconds`; write `Seconds: <n>` or `Seconds.$: <expression>`"),
                )),
                (Some(a), Some(b)) => out.push(
                    report(&Self::META, b.key, "write either `Seconds` or `Seconds.$`, not both")
                        .with_label(a.key, "`Seconds` is here"),
                ),
                _ => {}
            }
        });
    }
}
