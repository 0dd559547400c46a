use crate::lint::rules::near_miss;
use crate::lint::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// `SpecVersion` is present and is `v1`, the only version that exists.
    ///
    /// ## Example
    /// ```yaml
    /// Type: StateMachine
    /// Name: demo
    /// SpecVersion: "1.0"
    /// StartAt: A
    /// States:
    ///   - Type: Pass
    ///     Name: A
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
    ///     End: true
    /// ```
    ///
    /// ## Fix
    /// `SpecVersion: v1`.
    ///
    /// ## Fix safety
    /// Safe: `v1` is the only version, so any other value is rejected, and this is the only reading.
    pub struct SpecVersion {
        code: "FDL-S002",
        name: "spec-version",
        category: Structure,
        severity: Error,
        summary: "`SpecVersion` missing or not `v1`",
    }
}

impl Rule for SpecVersion {
    rule_meta!();
    fn check(&self, ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
        let Some(flow) = ctx.document.as_current() else { return };
        // A misspelled key is the cause; FDL-S010 reports it with the rename.
        let misspelled = near_miss::in_scope(&flow.scope, true, "SpecVersion").is_some();
        match &flow.spec_version {
            None if misspelled => {}
            None => out.push(report(
                &Self::META,
                flow.type_.as_ref().map_or(Span::empty(flow.span.start), |t| t.span),
                "the workflow has no `SpecVersion`; write `SpecVersion: v1`",
            )),
            Some(v) if v.value != "v1" => out.push(
                report(
                    &Self::META,
                    v.span,
                    format!("`SpecVersion` must be `v1` (the only version), not `{}`", v.value),
                )
                .with_fix(Fix::replace("write `v1`", v.span, "v1", Applicability::Safe)),
            ),
            Some(_) => {}
        }
    }
}
