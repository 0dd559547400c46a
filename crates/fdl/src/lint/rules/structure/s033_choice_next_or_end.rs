use super::s031_redundant_end::whole_line;
use crate::lint::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// `Next` or `End` on a Choice state.
    ///
    /// ## Why
    /// A Choice moves on through its branches' `Next` and its `Default` only.
    ///
    /// ## Example
    /// ```yaml
    /// Type: StateMachine
    /// Name: demo
    /// SpecVersion: v1
    /// StartAt: Route
    /// States:
    ///   - Type: Choice
    ///     Name: Route
    ///     Branches:
    ///       - Condition: $Input.ok == true
    ///         Next: Done
    ///     Default: Done
    ///     Next: Done
    ///   - Type: Succeed
    ///     Name: Done
    /// ```
    ///
    /// ## Corrected
    /// ```yaml
    /// Type: StateMachine
    /// Name: demo
    /// SpecVersion: v1
    /// StartAt: Route
    /// States:
    ///   - Type: Choice
    ///     Name: Route
    ///     Branches:
    ///       - Condition: $Input.ok == true
    ///         Next: Done
    ///     Default: Done
    ///   - Type: Succeed
    ///     Name: Done
    /// ```
    ///
    /// ## Fix
    /// Remove it; use `Default` for the fall-through target.
    ///
    /// ## Fix safety
    /// The workflow is rejected either way. Safe: removing `End` when the Choice has a `Default`
    /// (every path leaves through a branch or `Default`, so `End` can mean nothing), and removing a
    /// `Next` that names the `Default` state. Unsafe: renaming `Next` to `Default` (the author may
    /// have meant a branch, or no fall-through), removing `End` without a `Default`, and removing a
    /// `Next` that names another state than `Default` (which of the two was meant is a guess).
    pub struct ChoiceNextOrEnd {
        code: "FDL-S033",
        name: "choice-next-or-end",
        category: Structure,
        severity: Error,
        summary: "`Next` or `End` on a Choice",
    }
}

impl Rule for ChoiceNextOrEnd {
    rule_meta!();
    fn check(&self, ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
        let Some(flow) = ctx.document.as_current() else { return };
        for_each_state(flow, &mut |state, _, _| {
            let StateKind::Choice(choice) = &state.kind else { return };
            for key in state.keys.iter().filter(|k| k.name == "Next" || k.name == "End") {
                let mut d = report(
                    &Self::META,
                    key.key,
                    format!("a Choice does not take `{}`; it continues through its branches and `Default`", key.name),
                );
                if key.name == "Next" && choice.default.is_none() {
                    d = d.with_help("rename it to `Default`").with_fix(Fix::replace(
                        "rename to `Default`",
                        key.key,
                        "Default",
                        Applicability::Unsafe,
                    ));
                } else if let Some(span) = whole_line(ctx.source, key.key.start, key.value.end) {
                    // Safe only where the key cannot mean anything the rest does not say.
                    let meaningless = match (&choice.default, key.name.as_str()) {
                        (Some(_), "End") => true,
                        (Some(d), _) => key.value.slice(ctx.source).trim() == d.span.slice(ctx.source).trim(),
                        (None, _) => false,
                    };
                    let applicability = if meaningless { Applicability::Safe } else { Applicability::Unsafe };
                    d = d.with_fix(Fix::replace(format!("remove `{}`", key.name), span, "", applicability));
                }
                out.push(d);
            }
        });
    }
}
