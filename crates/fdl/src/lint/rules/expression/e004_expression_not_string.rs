use crate::lint::rules::prelude::*;
use crate::model::visit::for_each_constructor;

declare_rule! {
    /// ## What it checks
    /// The value of a `.$` key is a string (the expression text).
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
    ///       count.$: 3
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
    ///       count: 3
    ///     End: true
    /// ```
    ///
    /// ## Fix
    /// Drop the `.$` to write a constant (`count: 3`), or write an expression string.
    ///
    /// ## Fix safety
    /// Safe: the workflow is rejected, and the value is a constant scalar, so either reading (a
    /// constant, or an expression of that constant) gives the same value.
    pub struct ExpressionNotString {
        code: "FDL-E004",
        name: "expression-not-a-string",
        category: Expression,
        severity: Error,
        summary: "`.$` value is not a string",
    }
}

impl Rule for ExpressionNotString {
    rule_meta!();
    fn check(&self, ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
        let Some(flow) = ctx.document.as_current() else { return };
        for_each_constructor(flow, &mut |c, _, _| {
            c.walk_fields(&mut |field, _| {
                if field.is_expression && !matches!(field.value, Template::Expression(_)) {
                    let mut d = report(
                        &Self::META,
                        field.value.span(),
                        format!("the value of `{}` must be an expression string", field.raw_key),
                    );
                    if matches!(field.value, Template::Literal { .. }) {
                        d = d.with_help(format!("for a constant, drop the suffix: `{}`", field.key)).with_fix(
                            Fix::replace(
                                format!("rename to `{}`", field.key),
                                field.key_span,
                                field.key.clone(),
                                Applicability::Safe,
                            ),
                        );
                    }
                    out.push(d);
                }
            });
        });
    }
}
