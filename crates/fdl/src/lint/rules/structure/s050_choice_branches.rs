use crate::lint::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// A Choice has a non-empty `Branches` list, a `Default`, and every branch has `Condition`
    /// and `Next` (spec §5.3).
    ///
    /// ## Example
    /// ```yaml
    /// - Type: Choice
    ///   Name: Route
    ///   Branches: []
    /// ```
    ///
    /// ## Fix
    /// Add the missing parts. A Choice with no branches is a disguised `Next`: use a Pass.
    pub struct ChoiceBranches {
        code: "FDL-S050",
        name: "choice-shape",
        category: Structure,
        severity: Error,
        summary: "Choice without branches, without `Default`, or with an incomplete branch",
    }
}

impl Rule for ChoiceBranches {
    rule_meta!();
    fn check(&self, ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
        let Some(flow) = ctx.document.as_current() else { return };
        for_each_state(flow, &mut |state, _, _| {
            let StateKind::Choice(choice) = &state.kind else { return };
            let name = state.name().unwrap_or("this Choice");
            match choice.branches_span {
                None => out.push(report(&Self::META, state.anchor_span(), format!("Choice `{name}` has no `Branches`"))),
                Some(span) if choice.branches.is_empty() => out.push(report(&Self::META, span, format!("Choice `{name}` has an empty `Branches` list; use a Pass with `Next` if there is nothing to decide"))),
                Some(_) => {}
            }
            if choice.default.is_none() {
                out.push(report(&Self::META, state.anchor_span(), format!("Choice `{name}` has no `Default`; it is required and names the state to go to when no condition holds")));
            }
            for branch in &choice.branches {
                let at = Span::new(branch.span.start, branch.span.start);
                if branch.condition.is_none() && !branch.keys.iter().any(|k| k.name == "Condition") {
                    out.push(report(&Self::META, at, "this branch has no `Condition`"));
                }
                if branch.next.is_none() && !branch.keys.iter().any(|k| k.name == "Next") {
                    out.push(report(&Self::META, at, "this branch has no `Next`"));
                }
            }
        });
    }
}
