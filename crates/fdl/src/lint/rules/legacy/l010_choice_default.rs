use super::walk::for_each_step;
use crate::lint::rules::near_miss;
use crate::lint::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// A legacy choice without `default`.
    ///
    /// ## Why
    /// The documentation calls `default` required but also describes what happens without one
    /// (the choice simply ends, spec §15.6), hence a warning.
    ///
    /// ## Fix
    /// Add `default: {goto: <step>}` (or `default: {steps: […]}`).
    pub struct LegacyChoiceDefault {
        code: "FDL-L010",
        name: "legacy-choice-default",
        category: Legacy,
        severity: Warning,
        summary: "choice without `default`",
    }
}

impl Rule for LegacyChoiceDefault {
    rule_meta!();
    fn check(&self, ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
        let Some(flow) = ctx.document.as_legacy() else { return };
        for_each_step(flow, &mut |step, _| {
            if let StepKind::Choice(c) = &step.kind
                && c.default.is_none()
                && step.key("default").is_none()
                && near_miss::in_step(step, "default").is_none()
            {
                out.push(report(
                    &Self::META,
                    step.anchor_span(),
                    format!(
                        "choice `{}` has no `default`; when no condition holds it just ends",
                        step.name().unwrap_or("?")
                    ),
                ));
            }
        });
    }
}
