use super::walk::for_each_step;
use crate::lint::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// A legacy task has one of its two forms: `resourceArn` (a function, queue or
    /// child flow) or `action` (a cloud API called by name, `product:Operation`, with its
    /// arguments in `serviceParams`), not both; its `pattern` is `requestResponse` (default),
    /// `sync` or `waitForCallback`. With the OpenAPI catalog, `action` and `serviceParams` are
    /// checked like a current Task's `Action` and `Parameters` (FDL-A001 to FDL-A006).
    ///
    /// ## Example
    /// A task with neither `resourceArn` nor `action` (`action: RecognizeIdentityCard`, without
    /// the service, is wrong too):
    ///
    /// ```yaml
    /// version: v1
    /// type: flow
    /// steps:
    ///   - type: task
    ///     name: a
    ///     pattern: async
    /// ```
    ///
    /// ## Corrected
    /// ```yaml
    /// version: v1
    /// type: flow
    /// steps:
    ///   - type: task
    ///     name: a
    ///     resourceArn: acs:fc:::services/s/functions/f
    ///     pattern: sync
    /// ```
    ///
    /// ## Fix
    /// Add the function/queue/flow ARN, or the API as `product:Operation`; keep only one of the
    /// two; use one of the three patterns.
    ///
    /// ## Fix safety
    /// Safe when the pattern differs from one only in letter case. Unsafe otherwise: a guess between
    /// patterns that wait for different things.
    pub struct LegacyTask {
        code: "FDL-L006",
        name: "legacy-task",
        category: Legacy,
        severity: Error,
        summary: "task without exactly one of `resourceArn`/`action`, or `pattern` outside the enum",
    }
}

const PATTERNS: [&str; 3] = ["requestResponse", "sync", "waitForCallback"];

/// `product:Operation`: two non-empty names without spaces.
fn is_api_name(text: &str) -> bool {
    let word = |w: &str| !w.is_empty() && w.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    text.split_once(':').is_some_and(|(p, o)| word(p) && word(o))
}

impl Rule for LegacyTask {
    rule_meta!();
    fn check(&self, ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
        let Some(flow) = ctx.document.as_legacy() else { return };
        for_each_step(flow, &mut |step, _| {
            let StepKind::Task(task) = &step.kind else { return };
            let name = step.name().unwrap_or("?");
            match (step.key("resourceArn"), step.key("action")) {
                (None, None) => out.push(report(
                    &Self::META,
                    step.anchor_span(),
                    format!(
                        "task `{name}` calls nothing; add `resourceArn` (a function, queue or flow) or `action: product:Operation` with `serviceParams`"
                    ),
                )),
                (Some(_), Some(action)) => out.push(report(
                    &Self::META,
                    action.key,
                    format!("task `{name}` has both `resourceArn` and `action`; keep the one it should call"),
                )),
                _ => {}
            }
            if let Some(action) = &task.action
                && !is_api_name(&action.value)
            {
                out.push(report(
                    &Self::META,
                    action.span,
                    format!(
                        "`action: {}` is not an API name; write `product:Operation`, e.g. `ocr:RecognizeIdentityCard`",
                        action.value
                    ),
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
