use crate::expr::ExprKind;
use crate::lint::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// A Map `ItemsPath` that is a literal instead of an expression yielding an array.
    ///
    /// ## Why
    /// A constant string, number, boolean or null is never an array, so the Map fails when it
    /// starts; the engine refuses it, and so does the linter (an error).
    ///
    /// ## Example
    /// ```yaml
    /// Type: StateMachine
    /// Name: demo
    /// SpecVersion: v1
    /// StartAt: Loop
    /// States:
    ///   - Type: Map
    ///     Name: Loop
    ///     ItemsPath: items
    ///     Processor:
    ///       StartAt: Each
    ///       States:
    ///         - Type: Pass
    ///           Name: Each
    ///           End: true
    ///     GlobalConstructor:
    ///       count.$: length($Output.Items)
    ///     End: true
    /// ```
    ///
    /// ## Corrected
    /// ```yaml
    /// Type: StateMachine
    /// Name: demo
    /// SpecVersion: v1
    /// StartAt: Loop
    /// States:
    ///   - Type: Map
    ///     Name: Loop
    ///     ItemsPath: $Input.items
    ///     Processor:
    ///       StartAt: Each
    ///       States:
    ///         - Type: Pass
    ///           Name: Each
    ///           End: true
    ///     GlobalConstructor:
    ///       count.$: length($Output.Items)
    ///     End: true
    /// ```
    ///
    /// ## Fix
    /// Point at the array: `ItemsPath: $Input.items`.
    ///
    /// ## Fix safety
    /// Unsafe: `$Input.<name>` is a guess at where the array is.
    pub struct ItemsPathLiteral {
        code: "FDL-E021",
        name: "items-path-literal",
        category: Expression,
        severity: Error,
        summary: "`ItemsPath` is a literal rather than an expression",
    }
}

impl Rule for ItemsPathLiteral {
    rule_meta!();
    fn check(&self, ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
        let Some(flow) = ctx.document.as_current() else { return };
        for_each_state(flow, &mut |state, _, _| {
            let StateKind::Map(map) = &state.kind else { return };
            let Some(items) = &map.items_path else { return };
            match &items.parsed {
                Ok(ast) if matches!(ast.kind, ExprKind::Literal(_)) => {
                    out.push(report(
                        &Self::META,
                        items.span,
                        "`ItemsPath` is a constant; it must be an expression yielding an array, e.g. `$Input.items`",
                    ));
                }
                // A bare word such as `items` does not parse; say what was probably meant.
                Err(_)
                    if !items.text.trim_start().starts_with('$')
                        && items.text.chars().all(|c| c.is_alphanumeric() || c == '_' || c == '.') =>
                {
                    let fixed = format!("$Input.{}", items.text.trim());
                    out.push(
                        report(
                            &Self::META,
                            items.span,
                            format!("`ItemsPath` must be an expression yielding an array; did you mean `{fixed}`?"),
                        )
                        .with_fix(Fix::replace(
                            format!("write `{fixed}`"),
                            items.span,
                            fixed,
                            Applicability::Unsafe,
                        )),
                    );
                }
                _ => {}
            }
        });
    }
}
