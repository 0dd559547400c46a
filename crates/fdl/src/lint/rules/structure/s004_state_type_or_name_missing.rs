use crate::lint::rules::near_miss;
use crate::lint::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// Every state has a `Type` and a `Name`.
    ///
    /// ## Example
    /// ```yaml
    /// Type: StateMachine
    /// Name: demo
    /// SpecVersion: v1
    /// StartAt: A
    /// States:
    ///   - Type: Pass
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
    ///     End: true
    /// ```
    ///
    /// ## Fix
    /// Add the missing key; names are how `StartAt`, `Next` and the history refer to states.
    pub struct StateTypeOrNameMissing {
        code: "FDL-S004",
        name: "state-type-or-name-missing",
        category: Structure,
        severity: Error,
        summary: "state without `Type` or `Name`",
    }
}

impl Rule for StateTypeOrNameMissing {
    rule_meta!();
    fn check(&self, ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
        let Some(flow) = ctx.document.as_current() else { return };
        for_each_state(flow, &mut |state, _, _| {
            let at = Span::new(state.span.start, state.span.start);
            if state.key("Type").is_none() && near_miss::in_state(state, "Type").is_none() {
                let what = state.name().map_or_else(|| "this state".to_owned(), |n| format!("state `{n}`"));
                out.push(report(
                    &Self::META,
                    state.name.as_ref().map_or(at, |n| n.span),
                    format!(
                        "{what} has no `Type`; write one of Task, Pass, Choice, Parallel, Map, Wait, Succeed, Fail"
                    ),
                ));
            }
            if state.key("Name").is_none() && near_miss::in_state(state, "Name").is_none() {
                out.push(report(
                    &Self::META,
                    state.type_.as_ref().map_or(at, |t| t.span),
                    "this state has no `Name`; every state needs a name unique in its scope",
                ));
            }
        });
    }
}
