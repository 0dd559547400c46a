use super::s031_redundant_end::whole_line;
use crate::lint::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// `Next` or `End` on a Choice state.
    ///
    /// ## Why
    /// A Choice moves on through its branches' `Next` and its `Default` only (spec §5.3).
    ///
    /// ## Example
    /// ```yaml
    /// - Type: Choice
    ///   Name: Route
    ///   Branches:
    ///     - Condition: $Input.ok == true
    ///       Next: Done
    ///   Default: Done
    ///   Next: Done
    /// ```
    ///
    /// ## Fix
    /// Remove it; use `Default` for the fall-through target.
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
                        Applicability::Safe,
                    ));
                } else if let Some(span) = whole_line(ctx.source, key.key.start, key.value.end) {
                    d = d.with_fix(Fix::replace(format!("remove `{}`", key.name), span, "", Applicability::Safe));
                }
                out.push(d);
            }
        });
    }
}
