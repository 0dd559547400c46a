use super::walk::for_each_step;
use crate::lint::rules::near_miss;
use crate::lint::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// A legacy choice without `default` that is followed by another step.
    ///
    /// ## Why
    /// The documentation calls `default` required but also describes what happens without one:
    /// when no condition holds, the flow continues with the step after the choice (spec §15.6).
    /// Official samples rely on this as a loop exit (a last step whose branches `goto` back) and
    /// as a deliberate fall-through, so this is information, not a warning as spec §15.9 lists it:
    /// a reader may still not see at once where unmatched input goes. A choice that is the last
    /// step of its list is not reported: without `default` its list simply ends, as with one.
    ///
    /// ## Fix
    /// Add `default: {goto: <step>}` (or `default: {steps: […]}`) to say it.
    pub struct LegacyChoiceDefault {
        code: "FDL-L010",
        name: "legacy-choice-default",
        category: Legacy,
        severity: Info,
        summary: "choice without `default` that falls through to the next step",
    }
}

impl Rule for LegacyChoiceDefault {
    rule_meta!();
    fn check(&self, ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
        let Some(flow) = ctx.document.as_legacy() else { return };
        for_each_step(flow, &mut |step, list| {
            let StepKind::Choice(c) = &step.kind else { return };
            if c.default.is_some() || step.key("default").is_some() || near_miss::in_step(step, "default").is_some() {
                return;
            }
            let at = list.steps.iter().position(|s| std::ptr::eq(s, step));
            let Some(next) = at.and_then(|i| list.steps.get(i + 1)) else { return };
            out.push(report(
                &Self::META,
                step.anchor_span(),
                format!(
                    "choice `{}` has no `default`; when no condition holds the flow continues with the next step, `{}`",
                    step.name().unwrap_or("?"),
                    next.name().unwrap_or("?")
                ),
            ));
        });
    }
}
