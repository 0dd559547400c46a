use crate::expr::{ExprKind, lookup_function};
use crate::lint::context::ExpressionSite;
use crate::lint::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// Calls of documented functions pass the number of arguments the function takes.
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
    ///     OutputConstructor:
    ///       sum.$: intAdd($Input.a)
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
    ///     OutputConstructor:
    ///       sum.$: intAdd($Input.a, 1)
    ///     End: true
    /// ```
    ///
    /// ## Fix
    /// Pass the arguments of the signature shown in the message.
    pub struct WrongArity {
        code: "FDL-E015",
        name: "wrong-argument-count",
        category: Expression,
        severity: Error,
        summary: "wrong number of arguments to a function",
    }
}

impl Rule for WrongArity {
    rule_meta!();
    fn check(&self, ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
        for &ExpressionSite { expression: e, .. } in ctx.expressions() {
            let Some(ast) = e.ast() else { continue };
            ast.walk(&mut |node| {
                let ExprKind::Call { name, args, .. } = &node.kind else { return };
                let Some(spec) = lookup_function(name) else { return };
                let n = args.len();
                if n < spec.min_args || spec.max_args.is_some_and(|m| n > m) {
                    let expected = match spec.max_args {
                        Some(m) if m == spec.min_args => format!("{m}"),
                        Some(m) => format!("{} to {m}", spec.min_args),
                        None => format!("at least {}", spec.min_args),
                    };
                    out.push(report(
                        &Self::META,
                        node.span,
                        format!(
                            "`{name}` takes {expected} argument(s), got {n}: {name}{}",
                            spec.signature.split(" ->").next().unwrap_or("")
                        ),
                    ));
                }
            });
        }
    }
}
