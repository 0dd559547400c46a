use crate::expr::Root;
use crate::lint::context::PathSite;
use crate::lint::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// Paths start from a known variable: `$Input`, `$Output`, `$Context`, `$Global` or `$Item`
    ///. Names are case-sensitive.
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
    ///       id.$: $Inputs.id
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
    ///       id.$: $Context.Execution.Input.id
    ///     End: true
    /// ```
    ///
    /// ## Fix
    /// Use the suggested variable. (Legacy-dialect roots such as `$input` have their own rule,
    /// FDL-E011.)
    ///
    /// ## Fix safety
    /// Safe when the variable differs from one only in letter case (`$INPUT` → `$Input`): the
    /// expression is rejected, and no other variable reads the same. Unsafe otherwise: a guess
    /// between variables holding different data.
    pub struct UnknownRoot {
        code: "FDL-E010",
        name: "unknown-variable",
        category: Expression,
        severity: Error,
        summary: "unknown `$` variable",
    }
}

const ROOTS: [&str; 5] = ["Input", "Output", "Context", "Global", "Item"];

impl Rule for UnknownRoot {
    rule_meta!();
    fn check(&self, ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
        for &PathSite { path, .. } in ctx.expression_paths() {
            let Root::Other(name) = &path.root else { continue };
            if super::e011_legacy_path::is_legacy_root(name) {
                continue;
            }
            let mut d = report(
                &Self::META,
                path.root_span,
                format!("`${name}` is not a variable; use $Input, $Output, $Context, $Global or $Item"),
            );
            if let Some(s) = did_you_mean(name, ROOTS) {
                d = d.with_help(format!("did you mean `${s}`?")).with_fix(Fix::replace(
                    format!("write `${s}`"),
                    path.root_span,
                    format!("${s}"),
                    correction(name, s, ROOTS),
                ));
            }
            out.push(d);
        }
    }
}
