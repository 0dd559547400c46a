use crate::expr::MAX_CALL_DEPTH;
use crate::lint::context::ExpressionSite;
use crate::lint::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// Built-in function calls nest at most 10 deep.
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
    ///       s.$: toArray(toArray(toArray(toArray(toArray(toArray(toArray(toArray(toArray(toArray(toArray(1)))))))))))
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
    ///       s.$: toArray(toArray(toArray(toArray(toArray(toArray(toArray(toArray(toArray(toArray(1))))))))))
    ///     End: true
    /// ```
    ///
    /// ## Fix
    /// Split the computation over several states or constructor keys.
    pub struct CallNesting {
        code: "FDL-E016",
        name: "function-nesting-too-deep",
        category: Expression,
        severity: Error,
        summary: "more than 10 nested function calls",
    }
}

impl Rule for CallNesting {
    rule_meta!();
    fn check(&self, ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
        for &ExpressionSite { expression: e, .. } in ctx.expressions() {
            let Some(ast) = e.ast() else { continue };
            let depth = ast.max_call_depth();
            if depth > MAX_CALL_DEPTH {
                out.push(report(
                    &Self::META,
                    ast.span,
                    format!("function calls nest {depth} deep here; CloudFlow allows at most {MAX_CALL_DEPTH}"),
                ));
            }
        }
    }
}
