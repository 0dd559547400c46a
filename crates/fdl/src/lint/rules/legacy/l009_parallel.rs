use super::walk::for_each_step;
use crate::lint::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// A legacy parallel has a non-empty `branches` list of at most 100 branches.
    ///
    /// ## Example
    /// ```yaml
    /// version: v1
    /// type: flow
    /// steps:
    ///   - type: parallel
    ///     name: a
    ///     branches: []
    /// ```
    ///
    /// ## Corrected
    /// ```yaml
    /// version: v1
    /// type: flow
    /// steps:
    ///   - type: parallel
    ///     name: a
    ///     branches:
    ///       - steps:
    ///           - type: pass
    ///             name: b
    /// ```
    ///
    /// ## Fix
    /// Add branches (`- steps: […]`), or use a foreach for many identical branches.
    pub struct LegacyParallel {
        code: "FDL-L009",
        name: "legacy-parallel",
        category: Legacy,
        severity: Error,
        summary: "parallel without `branches`, or more than 100",
    }
}

impl Rule for LegacyParallel {
    rule_meta!();
    fn check(&self, ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
        let Some(flow) = ctx.document.as_legacy() else { return };
        for_each_step(flow, &mut |step, _| {
            let StepKind::Parallel(p) = &step.kind else { return };
            match p.branches_span {
                None => out.push(report(&Self::META, step.anchor_span(), "this parallel has no `branches`")),
                Some(s) if p.branches.is_empty() => out.push(report(&Self::META, s, "`branches` is empty")),
                Some(s) if p.branches.len() > 100 => out.push(report(
                    &Self::META,
                    s,
                    format!("{} branches; legacy flows allow at most 100", p.branches.len()),
                )),
                _ => {}
            }
        });
    }
}
