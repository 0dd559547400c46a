use crate::expr::{ExprKind, lookup_function, suggest_function};
use crate::lint::context::ExpressionSite;
use crate::lint::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// Function calls name a built-in function. Names are case-sensitive.
    ///
    /// ## Why
    /// The documented function list is incomplete, so an unknown name is a warning, with a
    /// did-you-mean when it is close to a known one. Functions flowplay implements but the
    /// documentation does not show (`toBase64`, `jsonToString`, `toJSON`) are reported as info.
    /// The built-in functions, with their signatures and examples, are listed on the functions
    /// page (`flowplay functions --markdown`, docs/functions.md in the repository).
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
    ///       n.$: lenght($Input.items)
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
    ///       n.$: length($Input.items)
    ///     End: true
    /// ```
    ///
    /// ## Fix
    /// Use the suggested name.
    ///
    /// ## Fix safety
    /// Always unsafe, even when the name differs from one function's only in letter case
    /// (`Length` → `length`): the finding is a warning, so the workflow deploys, and the fix changes
    /// what it does at run time (the call fails today and returns a value after the fix). Other
    /// names are a guess between functions that compute different things.
    pub struct UnknownFunction {
        code: "FDL-E014",
        name: "unknown-function",
        category: Expression,
        severity: Warning,
        summary: "unknown or undocumented function name",
    }
}

impl Rule for UnknownFunction {
    rule_meta!();
    fn check(&self, ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
        for &ExpressionSite { expression: e, .. } in ctx.expressions() {
            let Some(ast) = e.ast() else { continue };
            ast.walk(&mut |node| {
                let ExprKind::Call { name, name_span, .. } = &node.kind else { return };
                match lookup_function(name) {
                    Some(spec) if !spec.documented => out.push(Diagnostic::info(
                        Self::META.code,
                        *name_span,
                        format!(
                            "`{name}` is not in the documented function list; flowplay runs it, but CloudFlow may not"
                        ),
                    )),
                    Some(_) => {}
                    None => {
                        let mut d =
                            report(&Self::META, *name_span, format!("`{name}` is not a known built-in function"));
                        match suggest_function(name) {
                            Some(s) => {
                                d = d.with_help(format!("did you mean `{s}`?")).with_fix(Fix::replace(
                                    format!("write `{s}`"),
                                    *name_span,
                                    s,
                                    // Never `correction(..)`'s Safe: see "Fix safety" above.
                                    Applicability::Unsafe,
                                ));
                            }
                            None => {
                                d = d.with_help(
                                    ["the built-in functions are listed at ", crate::FUNCTIONS_DOC_URL].concat(),
                                )
                            }
                        }
                        out.push(d);
                    }
                }
            });
        }
    }
}
