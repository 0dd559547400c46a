use super::s030_missing_next_or_end::append_key;
use crate::lint::rules::near_miss;
use crate::lint::rules::prelude::*;
use crate::print::quote_if_needed;

declare_rule! {
    /// ## What it checks
    /// A Choice has a non-empty `Branches` list, a `Default`, and every branch has `Condition`
    /// and `Next`. A misspelled key (`Defualt`, `Nxt` in a branch) is left to FDL-S007, which
    /// reports it as the cause with the rename.
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
    ///     Branches: []
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
    /// Add the missing parts. A Choice with no branches is a disguised `Next`: use a Pass.
    ///
    /// For a missing `Default` the likely target is the state written right after the Choice
    /// when nothing else leads to it (the author read the list as falling through); the fix adds
    /// `Default: <that state>`. It is unsafe: it decides where unmatched input goes. That state is
    /// then not reported as unreachable (FDL-S014): the missing `Default` is the cause.
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
        for_each_state(flow, &mut |state, scope, _| {
            let StateKind::Choice(choice) = &state.kind else { return };
            let name = state.name().unwrap_or("this Choice");
            match choice.branches_span {
                None if near_miss::in_state(state, "Branches").is_some() => {}
                None => out.push(report(&Self::META, state.anchor_span(), format!("Choice `{name}` has no `Branches`"))),
                Some(span) if choice.branches.is_empty() => out.push(report(&Self::META, span, format!("Choice `{name}` has an empty `Branches` list; use a Pass with `Next` if there is nothing to decide"))),
                Some(_) => {}
            }
            if choice.default.is_none() && near_miss::in_state(state, "Default").is_none() {
                let mut d = report(
                    &Self::META,
                    state.anchor_span(),
                    format!(
                        "Choice `{name}` has no `Default`; it is required and names the state to go to when no condition holds"
                    ),
                );
                let graph = ctx.graph(scope);
                let index = scope.states.iter().position(|s| std::ptr::eq(s, state));
                let likely = index.and_then(|i| graph.assumed_default(i)).and_then(|t| scope.states[t].name());
                if let Some(target) = likely {
                    d = d.with_help(format!(
                        "`{target}` follows this Choice and nothing else leads to it: `Default: {target}`?"
                    ));
                    if let Some(edit) = append_key(ctx.source, state, &format!("Default: {}", quote_if_needed(target)))
                    {
                        d = d.with_fix(Fix::unsafe_(format!("add `Default: {target}`"), vec![edit]));
                    }
                }
                out.push(d);
            }
            for branch in &choice.branches {
                let at = Span::new(branch.span.start, branch.span.start);
                if branch.condition.is_none()
                    && !branch.keys.iter().any(|k| k.name == "Condition")
                    && near_miss::in_choice_branch(branch, "Condition").is_none()
                {
                    out.push(report(&Self::META, at, "this branch has no `Condition`"));
                }
                if branch.next.is_none()
                    && !branch.keys.iter().any(|k| k.name == "Next")
                    && near_miss::in_choice_branch(branch, "Next").is_none()
                {
                    out.push(report(&Self::META, at, "this branch has no `Next`"));
                }
            }
        });
    }
}
