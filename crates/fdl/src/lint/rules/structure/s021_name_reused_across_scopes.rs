use crate::lint::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// The same state name used in two different scopes (for example in the root and inside a
    /// Parallel branch).
    ///
    /// ## Why
    /// The documentation does not say whether the service accepts it; it also makes the execution
    /// history ambiguous, since events name states only by `StepName`.
    ///
    /// ## Example
    /// ```yaml
    /// Type: StateMachine
    /// Name: demo
    /// SpecVersion: v1
    /// StartAt: Fan
    /// States:
    ///   - Type: Parallel
    ///     Name: Fan
    ///     Branches:
    ///       - StartAt: Left
    ///         States:
    ///           - Type: Pass
    ///             Name: Left
    ///             End: true
    ///       - StartAt: Fan
    ///         States:
    ///           - Type: Pass
    ///             Name: Fan
    ///             End: true
    ///     End: true
    /// ```
    ///
    /// ## Corrected
    /// ```yaml
    /// Type: StateMachine
    /// Name: demo
    /// SpecVersion: v1
    /// StartAt: Fan
    /// States:
    ///   - Type: Parallel
    ///     Name: Fan
    ///     Branches:
    ///       - StartAt: Left
    ///         States:
    ///           - Type: Pass
    ///             Name: Left
    ///             End: true
    ///       - StartAt: Right
    ///         States:
    ///           - Type: Pass
    ///             Name: Right
    ///             End: true
    ///     End: true
    /// ```
    ///
    /// ## Fix
    /// Give the states distinct names.
    pub struct NameReusedAcrossScopes {
        code: "FDL-S021",
        name: "name-reused-across-scopes",
        category: Structure,
        severity: Warning,
        summary: "same state name in different scopes",
    }
}

impl Rule for NameReusedAcrossScopes {
    rule_meta!();
    fn check(&self, ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
        let Some(flow) = ctx.document.as_current() else { return };
        if flow.scope.states.iter().all(|s| s.child_scopes().is_empty()) {
            return; // one scope: nothing to reuse a name across
        }
        // Name → (first span, the scope it was first seen in).
        let mut seen: std::collections::HashMap<&str, (Span, *const Scope)> = std::collections::HashMap::new();
        for_each_state(flow, &mut |state, scope, _| {
            let Some(name) = &state.name else { return };
            let scope_ptr: *const Scope = scope;
            match seen.get(name.value.as_str()) {
                Some((first, first_scope)) if *first_scope != scope_ptr => out.push(
                    report(
                        &Self::META,
                        name.span,
                        format!("`{}` is also the name of a state in another scope", name.value),
                    )
                    .with_label(*first, "also used here"),
                ),
                Some(_) => {}
                None => {
                    seen.insert(name.value.as_str(), (name.span, scope_ptr));
                }
            }
        });
    }
}
