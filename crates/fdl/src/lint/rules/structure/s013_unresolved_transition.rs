use crate::lint::rules::prelude::*;
use crate::print::quote_if_needed;

declare_rule! {
    /// ## What it checks
    /// Every transition target (`Next`, a Choice's `Default` and branch `Next`, a catcher's
    /// `Next`) names a state of the same scope. You cannot jump into or out of a
    /// Parallel branch or a Map processor.
    ///
    /// ## Example
    /// ```yaml
    /// Type: StateMachine
    /// Name: demo
    /// SpecVersion: v1
    /// StartAt: A
    /// States:
    ///   - Type: Pass
    ///     Name: A
    ///     Next: b
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
    ///   - Type: Pass
    ///     Name: A
    ///     Next: B
    ///   - Type: Pass
    ///     Name: B
    ///     End: true
    /// ```
    ///
    /// ## Fix
    /// Name an existing state of the scope; the fix picks the closest spelling.
    ///
    /// ## Fix safety
    /// Safe when the target differs from one state's name only in letter case (names are
    /// case-sensitive, so the workflow is rejected, and no other state reads the same). Unsafe
    /// otherwise: a closer spelling is a guess at which state comes next.
    pub struct UnresolvedTransition {
        code: "FDL-S013",
        name: "unresolved-transition",
        category: Structure,
        severity: Error,
        summary: "transition target does not name a state of the same scope",
    }
}

impl Rule for UnresolvedTransition {
    rule_meta!();
    fn check(&self, ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
        let Some(flow) = ctx.document.as_current() else { return };
        // Every state name of the flow, listed when a first transition is unresolved.
        let mut all_names: Option<std::collections::HashMap<&str, Span>> = None;
        for_each_scope(flow, &mut |scope, _, _| {
            // The shared state graph knows whether anything is unresolved here.
            if !ctx.graph(scope).has_unresolved {
                return;
            }
            let mut names: Option<Vec<&str>> = None;
            for state in &scope.states {
                for t in state.transitions() {
                    if scope.state(&t.target.value).is_some() {
                        continue;
                    }
                    let mut d = report(
                        &Self::META,
                        t.target.span,
                        format!(
                            "{} names `{}`, but no state of this scope has that name",
                            t.via.describe(),
                            t.target.value
                        ),
                    );
                    let names = names.get_or_insert_with(|| scope.states.iter().filter_map(State::name).collect());
                    let all_names = all_names.get_or_insert_with(|| {
                        let mut all = std::collections::HashMap::new();
                        for_each_state(flow, &mut |s, _, _| {
                            if let Some(n) = &s.name {
                                all.entry(n.value.as_str()).or_insert(n.span);
                            }
                        });
                        all
                    });
                    if let Some(elsewhere) = all_names.get(t.target.value.as_str()) {
                        d = d.with_label(*elsewhere, "a state of another scope has this name; transitions cannot leave or enter a branch or processor");
                    } else if let Some(s) = did_you_mean(&t.target.value, names.iter().copied()) {
                        d = d.with_help(format!("did you mean `{s}`?")).with_fix(Fix::replace(
                            format!("write `{s}`"),
                            t.target.span,
                            quote_if_needed(s),
                            correction(&t.target.value, s, names.iter().copied()),
                        ));
                    } else if !names.is_empty() {
                        d = d.with_help(format!("states in this scope: {}", names.join(", ")));
                    }
                    out.push(d);
                }
            }
        });
    }
}
