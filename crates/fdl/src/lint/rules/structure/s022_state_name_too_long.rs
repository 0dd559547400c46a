use crate::lint::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// State names longer than 128 characters, or empty.
    ///
    /// ## Why
    /// The service does not document a limit for state names ; 128 is the
    /// limit of every other CloudFlow name, so longer names are risky.
    ///
    /// ## Example
    /// ```yaml
    /// Type: StateMachine
    /// Name: demo
    /// SpecVersion: v1
    /// StartAt: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa
    /// States:
    ///   - Type: Pass
    ///     Name: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa
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
    /// Shorten the name; put prose in `Description`.
    pub struct StateNameTooLong {
        code: "FDL-S022",
        name: "state-name-length",
        category: Structure,
        severity: Warning,
        summary: "state name empty or longer than 128 characters",
    }
}

pub const MAX_STATE_NAME_CHARS: usize = 128;

impl Rule for StateNameTooLong {
    rule_meta!();
    fn check(&self, ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
        let Some(flow) = ctx.document.as_current() else { return };
        for_each_state(flow, &mut |state, _, _| {
            let Some(name) = &state.name else { return };
            let len = name.value.chars().count();
            if len == 0 || name.value.trim().is_empty() {
                out.push(report(&Self::META, name.span, "state names must not be empty"));
            } else if len > MAX_STATE_NAME_CHARS {
                out.push(report(
                    &Self::META,
                    name.span,
                    format!("this state name has {len} characters; keep names within {MAX_STATE_NAME_CHARS}"),
                ));
            }
        });
    }
}
