use crate::lint::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// A Choice `Condition` that cannot produce a boolean: a bare path, a number or a string.
    ///
    /// ## Why
    /// What the service does with a non-boolean condition is not documented; most likely
    /// the execution fails. A bare path such as `$Input.ok` is only safe when the value is
    /// always a boolean.
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
    ///       - Condition: $Input.ok
    ///         Next: Done
    ///     Default: Done
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
    /// Compare explicitly: `$Input.ok == true`.
    ///
    /// ## Fix safety
    /// Unsafe: what the service does with a non-boolean condition is not documented; if it treats a
    /// truthy value (a non-empty string, a number) as true, `== true` changes which branch is taken.
    pub struct ConditionNotBoolean {
        code: "FDL-E020",
        name: "condition-not-boolean",
        category: Expression,
        severity: Warning,
        summary: "`Condition` cannot evidently produce a boolean",
    }
}

impl Rule for ConditionNotBoolean {
    rule_meta!();
    fn check(&self, ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
        let Some(flow) = ctx.document.as_current() else { return };
        for_each_state(flow, &mut |state, _, _| {
            let StateKind::Choice(choice) = &state.kind else { return };
            for b in &choice.branches {
                let Some(ast) = b.condition.as_ref().and_then(Expression::ast) else { continue };
                if !ast.is_boolean_shaped() {
                    let mut d = report(
                        &Self::META,
                        ast.span,
                        "this condition is not a comparison or a boolean expression; write e.g. `… == true`",
                    );
                    if matches!(ast.kind, crate::expr::ExprKind::Path(_) | crate::expr::ExprKind::Access { .. }) {
                        d = d.with_fix(Fix::unsafe_(
                            "compare with `true`",
                            vec![TextEdit { span: Span::empty(ast.span.end), replacement: " == true".into() }],
                        ));
                    }
                    out.push(d);
                }
            }
        });
    }
}
