use crate::lint::rules::prelude::*;
use crate::model::visit::for_each_constructor;

declare_rule! {
    /// ## What it checks
    /// A map with both `k` and `k.$`.
    ///
    /// ## Why
    /// Both produce the key `k`; which value wins is not documented.
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
    ///       id: 1
    ///       id.$: $Input.id
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
    ///       other: 1
    ///     End: true
    /// ```
    ///
    /// ## Fix
    /// Keep one of the two.
    pub struct KeyAndExpressionKey {
        code: "FDL-E003",
        name: "key-and-expression-key",
        category: Expression,
        severity: Error,
        summary: "both `k` and `k.$` in the same map",
    }
}

impl Rule for KeyAndExpressionKey {
    rule_meta!();
    fn check(&self, ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
        let Some(flow) = ctx.document.as_current() else { return };
        for_each_constructor(flow, &mut |c, _, _| {
            c.walk_fields(&mut |field, siblings| {
                if !field.is_expression {
                    return;
                }
                if let Some(plain) = siblings.iter().find(|s| !s.is_expression && s.key == field.key) {
                    out.push(
                        report(
                            &Self::META,
                            field.key_span,
                            format!(
                                "`{}` and `{}` both produce the key `{}`; keep one",
                                field.raw_key, plain.raw_key, field.key
                            ),
                        )
                        .with_label(plain.key_span, "the literal key is here"),
                    );
                }
            });
        });
    }
}
