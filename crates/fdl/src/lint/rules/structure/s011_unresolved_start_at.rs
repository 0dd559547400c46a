use crate::lint::rules::near_miss;
use crate::lint::rules::prelude::*;
use crate::print::quote_if_needed;

declare_rule! {
    /// ## What it checks
    /// Every scope (the root, each Parallel branch, each Map processor) has a `StartAt` that names
    /// one of the states of that same scope.
    ///
    /// ## Example
    /// ```yaml
    /// Type: StateMachine
    /// Name: demo
    /// SpecVersion: v1
    /// StartAt: Start
    /// States:
    ///   - Type: Pass
    ///     Name: Hello
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
    /// Name an existing state; the fix picks the closest spelling, or the first state.
    ///
    /// ## Fix safety
    /// Safe when `StartAt` differs from one state's name only in letter case (names are
    /// case-sensitive, so the workflow is rejected, and no other state reads the same). Unsafe
    /// otherwise: a closer spelling, or the only state of the scope, is a guess at where the flow
    /// was meant to start (the state may be the one misnamed).
    pub struct UnresolvedStartAt {
        code: "FDL-S011",
        name: "unresolved-start-at",
        category: Structure,
        severity: Error,
        summary: "`StartAt` missing or does not name a state of its scope",
    }
}

impl Rule for UnresolvedStartAt {
    rule_meta!();
    fn check(&self, ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
        let Some(flow) = ctx.document.as_current() else { return };
        for_each_scope(flow, &mut |scope, owner, _| {
            let names: Vec<&str> = scope.states.iter().filter_map(State::name).collect();
            let first = names.first().copied();
            match &scope.start_at {
                // A misspelled `StratAt` is reported by FDL-S007/FDL-S010 with the rename.
                None if near_miss::in_scope(scope, owner.is_none(), "StartAt").is_some() => {}
                None => {
                    let where_ =
                        owner.and_then(State::name).map_or("the workflow".to_owned(), |n| format!("a scope of `{n}`"));
                    let at = scope.keys.first().map_or(Span::empty(scope.span.start), |k| k.key);
                    let mut d = report(
                        &Self::META,
                        at,
                        format!("{where_} has no `StartAt`; it must name the first state to run"),
                    );
                    if let Some(first) = first {
                        d = d.with_help(format!("add `StartAt: {first}`"));
                    }
                    out.push(d);
                }
                // Its states are under a misspelled `States` key, reported by FDL-S007/FDL-S010.
                Some(_) if near_miss::in_scope(scope, owner.is_none(), "States").is_some() => {}
                Some(start) if scope.state(&start.value).is_none() => {
                    let suggestion = did_you_mean(&start.value, names.iter().copied());
                    let mut d = report(
                        &Self::META,
                        start.span,
                        format!("`StartAt` names `{}`, but no state of this scope has that name", start.value),
                    );
                    if let Some(s) = suggestion.or(if names.len() == 1 { first } else { None }) {
                        d = d.with_help(format!("did you mean `{s}`?")).with_fix(Fix::replace(
                            format!("write `{s}`"),
                            start.span,
                            quote_if_needed(s),
                            correction(&start.value, s, names.iter().copied()),
                        ));
                    } else if !names.is_empty() {
                        d = d.with_help(format!("states in this scope: {}", names.join(", ")));
                    }
                    out.push(d);
                }
                Some(_) => {}
            }
        });
    }
}
