use crate::lint::context::ExpressionSite;
use crate::lint::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// Every expression parses: the values of `.$` keys, `ItemsPath`, `Condition` and
    /// `Seconds.$`. The error is underlined at the exact place inside the value.
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
    ///     InputConstructor:
    ///       ok.$: length($Input.items) >
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
    ///     InputConstructor:
    ///       id.$: $Input.id
    ///       ok.$: length($Input.items) > 0
    ///     End: true
    /// ```
    ///
    /// ## Fix
    /// Complete the expression (`$Input.status == "ready"`). Strings need quotes; variables start
    /// with `$`; compare with `==`, combine with `&&`/`||`.
    pub struct InvalidExpression {
        code: "FDL-E001",
        name: "invalid-expression",
        category: Expression,
        severity: Error,
        summary: "an expression does not parse",
    }
}

impl Rule for InvalidExpression {
    rule_meta!();
    fn check(&self, ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
        for &ExpressionSite { expression: e, place, .. } in ctx.expressions() {
            if let Err(err) = &e.parsed {
                out.push(
                    report(
                        &Self::META,
                        err.span,
                        format!("invalid expression in {}: {}", place.describe(), err.message),
                    )
                    .with_label(e.span, "in this expression"),
                );
            }
        }
    }
}
