use crate::lint::rules::prelude::*;
use crate::model::visit::for_each_constructor;

declare_rule! {
    /// ## What it checks
    /// A constructor key without the `.$` suffix whose string value looks like an expression
    /// (starts with `$`, or is a function call such as `uuid()`).
    ///
    /// ## Why
    /// Without `.$` the value is copied literally: `name: $Input.x` yields the string
    /// `"$Input.x"`.
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
    ///       orderId: $Input.id
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
    ///       orderId.$: $Input.id
    ///       note: cost is $5
    ///     End: true
    /// ```
    ///
    /// ## Fix
    /// Add `.$` to the key: `orderId.$: $Input.id`.
    ///
    /// ## Fix safety
    /// Unsafe: the value is copied literally today; with `.$` it is evaluated, which changes the
    /// output (and may fail).
    pub struct LiteralLooksLikeExpression {
        code: "FDL-E002",
        name: "literal-looks-like-expression",
        category: Expression,
        severity: Warning,
        summary: "a key without `.$` whose value looks like an expression",
    }
}

fn looks_like_expression(text: &str) -> bool {
    let t = text.trim();
    if t.starts_with("$Input")
        || t.starts_with("$Output")
        || t.starts_with("$Context")
        || t.starts_with("$Global")
        || t.starts_with("$Item")
    {
        return true;
    }
    // `name(...)` with a known function name.
    t.split_once('(').is_some_and(|(name, rest)| {
        crate::expr::lookup_function(name.trim()).is_some() && rest.trim_end().ends_with(')')
    })
}

impl Rule for LiteralLooksLikeExpression {
    rule_meta!();
    fn check(&self, ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
        let Some(flow) = ctx.document.as_current() else { return };
        for_each_constructor(flow, &mut |c, _, _| {
            c.walk_fields(&mut |field, _| {
                if field.is_expression {
                    return;
                }
                if let Template::Literal { value: serde_json::Value::String(s), .. } = &field.value
                    && looks_like_expression(s)
                {
                    let fixed = format!("{}.$", field.raw_key);
                    out.push(
                        report(
                            &Self::META,
                            field.key_span,
                            format!("`{}` has no `.$`, so its value is the literal text \"{s}\"", field.raw_key),
                        )
                        .with_help(format!("write `{fixed}` to evaluate it as an expression"))
                        .with_fix(Fix::replace(
                            format!("rename to `{fixed}`"),
                            field.key_span,
                            fixed,
                            Applicability::Unsafe,
                        )),
                    );
                }
            });
        });
    }
}
