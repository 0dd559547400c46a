use crate::lint::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// A Fail state without `Detail`.
    ///
    /// ## Why
    /// The field table marks `Detail` required, but the published example omits it,
    /// so this is a warning: the failure will carry no human-readable cause.
    ///
    /// ## Example
    /// ```yaml
    /// Type: StateMachine
    /// Name: demo
    /// SpecVersion: v1
    /// StartAt: A
    /// States:
    ///   - Type: Fail
    ///     Name: A
    ///     Code: Boom
    /// ```
    ///
    /// ## Corrected
    /// ```yaml
    /// Type: StateMachine
    /// Name: demo
    /// SpecVersion: v1
    /// StartAt: A
    /// States:
    ///   - Type: Fail
    ///     Name: A
    ///     Code: Boom
    ///     Detail: it broke
    /// ```
    ///
    /// ## Fix
    /// Add `Detail: <what went wrong>`.
    pub struct FailWithoutDetail {
        code: "FDL-S060",
        name: "fail-without-detail",
        category: Structure,
        severity: Warning,
        summary: "Fail without `Detail`",
    }
}

impl Rule for FailWithoutDetail {
    rule_meta!();
    fn check(&self, ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
        let Some(flow) = ctx.document.as_current() else { return };
        for_each_state(flow, &mut |state, _, _| {
            if let StateKind::Fail(fail) = &state.kind
                && fail.detail.is_none()
                && state.key("Detail").is_none()
            {
                let name = state.name().unwrap_or("this Fail state");
                out.push(report(
                    &Self::META,
                    state.anchor_span(),
                    format!("Fail `{name}` has no `Detail`; the error will carry no cause"),
                ));
            }
        });
    }
}
