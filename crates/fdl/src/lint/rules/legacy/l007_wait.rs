use super::walk::for_each_step;
use crate::lint::rules::near_miss;
use crate::lint::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// A legacy wait has exactly one of `duration` (seconds or an input path) and `timestamp`
    /// (RFC 3339 or an input path).
    ///
    /// ## Example
    /// ```yaml
    /// version: v1
    /// type: flow
    /// steps:
    ///   - type: wait
    ///     name: a
    /// ```
    ///
    /// ## Corrected
    /// ```yaml
    /// version: v1
    /// type: flow
    /// steps:
    ///   - type: wait
    ///     name: a
    ///     duration: 5
    /// ```
    ///
    /// ## Fix
    /// Keep one of the two.
    pub struct LegacyWait {
        code: "FDL-L007",
        name: "legacy-wait",
        category: Legacy,
        severity: Error,
        summary: "wait with neither or both of `duration`/`timestamp`",
    }
}

impl Rule for LegacyWait {
    rule_meta!();
    fn check(&self, ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
        let Some(flow) = ctx.document.as_legacy() else { return };
        for_each_step(flow, &mut |step, _| {
            let StepKind::Wait(w) = &step.kind else { return };
            match (&w.duration, &w.timestamp) {
                // A misspelled `duraton` is reported by FDL-L013 with the rename.
                (None, None)
                    if near_miss::in_step(step, "duration").is_some()
                        || near_miss::in_step(step, "timestamp").is_some() => {}
                (None, None) => out.push(report(
                    &Self::META,
                    step.anchor_span(),
                    "this wait has neither `duration` nor `timestamp`",
                )),
                (Some(_), Some(t)) => {
                    out.push(report(&Self::META, t.span, "write either `duration` or `timestamp`, not both"))
                }
                _ => {}
            }
        });
    }
}
