use super::walk::for_each_step;
use crate::lint::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// A legacy task has a `resourceArn`, and its `pattern` is `requestResponse` (default),
    /// `sync` or `waitForCallback` (spec §15.4).
    ///
    /// ## Fix
    /// Add the function/queue/flow ARN; use one of the three patterns.
    ///
    /// ## Fix safety
    /// Safe when the pattern differs from one only in letter case. Unsafe otherwise: a guess between
    /// patterns that wait for different things.
    pub struct LegacyTask {
        code: "FDL-L006",
        name: "legacy-task",
        category: Legacy,
        severity: Error,
        summary: "task without `resourceArn`, or `pattern` outside the enum",
    }
}

const PATTERNS: [&str; 3] = ["requestResponse", "sync", "waitForCallback"];

impl Rule for LegacyTask {
    rule_meta!();
    fn check(&self, ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
        let Some(flow) = ctx.document.as_legacy() else { return };
        for_each_step(flow, &mut |step, _| {
            let StepKind::Task(task) = &step.kind else { return };
            if task.resource_arn.is_none() && step.key("resourceArn").is_none() {
                out.push(report(
                    &Self::META,
                    step.anchor_span(),
                    format!("task `{}` has no `resourceArn`", step.name().unwrap_or("?")),
                ));
            }
            if let Some(p) = &task.pattern
                && !PATTERNS.contains(&p.value.as_str())
            {
                let mut d = report(
                    &Self::META,
                    p.span,
                    format!("`pattern: {}` is unknown; use {}", p.value, PATTERNS.join(", ")),
                );
                if let Some(s) = did_you_mean(&p.value, PATTERNS) {
                    d = d.with_fix(Fix::replace(format!("write `{s}`"), p.span, s, correction(&p.value, s, PATTERNS)));
                }
                out.push(d);
            }
        });
    }
}
