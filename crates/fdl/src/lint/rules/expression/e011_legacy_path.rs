use crate::expr::Root;
use crate::lint::context::PathSite;
use crate::lint::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// Legacy-dialect paths in a current-dialect workflow: `$input`, `$local`, `$context`, `$.x`.
    ///
    /// ## Why
    /// They belong to the old `type: flow` dialect; the current one uses `$Input`, `$Output`
    /// (a Task's result, the legacy `$local`) and `$Context`. A 2026 doc page
    /// shows `$input` in an example; that is a documentation error.
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
    ///       name.$: $input.username
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
    ///       name.$: $Input.username
    ///     End: true
    /// ```
    ///
    /// ## Fix
    /// `$input.x` → `$Input.x`; `$.x` → `$Input.x`; `$local.x` → `$Output.x` (in an
    /// OutputConstructor); `$context.task.token` → `$Context.Current.TaskToken`.
    ///
    /// ## Fix safety
    /// Safe: `$input` → `$Input` and `$.x` → `$Input.x`, the same data under the current dialect's
    /// name, in an expression the current dialect rejects. Unsafe: `$local` → `$Output` (the legacy
    /// `$local` is not `$Output` in every place) and `$context` → `$Context` (the fields below it are
    /// named differently).
    pub struct LegacyPath {
        code: "FDL-E011",
        name: "legacy-path",
        category: Expression,
        severity: Error,
        summary: "legacy path (`$input`, `$local`, `$context`, `$.`) in the current dialect",
    }
}

pub fn is_legacy_root(name: &str) -> bool {
    matches!(name, "input" | "local" | "context")
}

impl Rule for LegacyPath {
    rule_meta!();
    fn check(&self, ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
        for &PathSite { path, .. } in ctx.expression_paths() {
            let replacement = match &path.root {
                Root::Other(n) if n == "input" => "$Input",
                Root::Other(n) if n == "local" => "$Output",
                Root::Other(n) if n == "context" => "$Context",
                Root::Dollar => "$Input",
                _ => continue,
            };
            let written = path.root.text();
            let safe = replacement == "$Input" || replacement == "$Context";
            let applicability = if safe && !matches!(path.root, Root::Other(ref n) if n == "context") {
                Applicability::Safe
            } else {
                Applicability::Unsafe
            };
            out.push(
                report(
                    &Self::META,
                    path.root_span,
                    format!("`{written}` is a legacy-dialect path; the current dialect writes `{replacement}`"),
                )
                .with_fix(Fix::replace(
                    format!("write `{replacement}`"),
                    path.root_span,
                    replacement,
                    applicability,
                )),
            );
        }
    }
}
