use crate::lint::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// `Next` on a Succeed or Fail state.
    ///
    /// ## Why
    /// Succeed and Fail end their scope; nothing can follow them.
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
    ///     Detail: it broke
    ///     Next: B
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
    ///   - Type: Fail
    ///     Name: A
    ///     Code: Boom
    ///     Detail: it broke
    /// ```
    ///
    /// ## Fix
    /// Remove `Next`, or change the state to a Pass if the flow should go on.
    pub struct NextOnTerminal {
        code: "FDL-S034",
        name: "next-on-succeed-or-fail",
        category: Structure,
        severity: Error,
        summary: "`Next` on Succeed/Fail",
    }
}

impl Rule for NextOnTerminal {
    rule_meta!();
    fn check(&self, ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
        let Some(flow) = ctx.document.as_current() else { return };
        for_each_state(flow, &mut |state, _, _| {
            if !matches!(state.kind, StateKind::Succeed | StateKind::Fail(_)) {
                return;
            }
            if let Some(key) = state.key("Next") {
                let t = state.state_type().map_or("", StateType::as_str);
                out.push(
                    report(&Self::META, key.key, format!("a {t} state ends its scope; it cannot have `Next`"))
                        .with_help("remove `Next`, or use a Pass state to continue"),
                );
            }
        });
    }
}
