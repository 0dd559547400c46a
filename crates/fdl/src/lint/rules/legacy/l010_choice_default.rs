use super::walk::for_each_list;
use crate::lint::rules::near_miss;
use crate::lint::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// A legacy choice without `default` whose "no condition holds" path goes somewhere none of
    /// its branches goes: every branch has a `goto`, and a next step follows the choice in the
    /// same list. The finding names that next step.
    ///
    /// ## Why
    /// Without `default`, a choice where no condition holds runs nothing and control continues
    /// as after a branch without `goto`: with the next step of the same list, or, when the choice
    /// is the last step (or has `end: true`), by leaving the list (the migration maps
    /// it the same way). So a missing `default` is often deliberate, e.g. the loop exit of the
    /// official OSS samples (`choices: [{condition: $.marker != "", goto: unzip}]` as the last
    /// step). The spec's table lists this rule as a warning because the documentation calls
    /// `default` required, yet the same documentation describes the behaviour without it; a
    /// warning on every such choice was a false positive on official samples, so:
    /// - no finding when the choice is the last step of its list or has `end: true` (leaving the
    ///   list is what an empty `default` would do too);
    /// - no finding when a branch has no `goto` (that branch continues with the next step as
    ///   well, so "no condition holds" joins it: an `if` without `else`);
    /// - otherwise an info that says where control goes: no branch continues with the next step,
    ///   so that unmatched input does is easy to overlook (e.g. a status the conditions do not
    ///   list falling through to a `succeed` step).
    ///
    /// ## Example
    /// ```yaml
    /// version: v1
    /// type: flow
    /// steps:
    ///   - type: task
    ///     name: poll
    ///     resourceArn: acs:fc:cn-hangzhou:123:services/s/functions/status
    ///   # A status the conditions do not list falls through to `done`.
    ///   - type: choice
    ///     name: checkStatus
    ///     choices:
    ///       - condition: $.status == "success"
    ///         goto: done
    ///       - condition: $.status == "running"
    ///         goto: poll
    ///   - type: succeed
    ///     name: done
    /// ```
    ///
    /// ## Corrected
    /// ```yaml
    /// version: v1
    /// type: flow
    /// steps:
    ///   - type: task
    ///     name: poll
    ///     resourceArn: acs:fc:cn-hangzhou:123:services/s/functions/status
    ///   - type: choice
    ///     name: checkStatus
    ///     choices:
    ///       - condition: $.status == "success"
    ///         goto: done
    ///       - condition: $.status == "running"
    ///         goto: poll
    ///     default:
    ///       goto: done
    ///   - type: succeed
    ///     name: done
    /// ```
    ///
    /// ## Fix
    /// None needed when the fall-through is intended. To make it explicit, add
    /// `default: {goto: <next step>}`, which behaves the same; or route the unexpected case
    /// elsewhere (`default: {goto: <step>}` or `default: {steps: […]}`).
    pub struct LegacyChoiceDefault {
        code: "FDL-L010",
        name: "legacy-choice-default",
        category: Legacy,
        severity: Info,
        summary: "choice without `default` falls through to the next step",
    }
}

impl Rule for LegacyChoiceDefault {
    rule_meta!();
    fn check(&self, ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
        let Some(flow) = ctx.document.as_legacy() else { return };
        for_each_list(flow, &mut |list| {
            for (step, next) in list.steps.iter().zip(list.steps.iter().skip(1)) {
                let StepKind::Choice(c) = &step.kind else { continue };
                let ends_list = step.end.as_ref().is_some_and(|e| e.value);
                let every_branch_jumps = c.choices.iter().all(|b| b.goto.is_some());
                if c.default.is_some()
                    || step.key("default").is_some()
                    || near_miss::in_step(step, "default").is_some()
                    || ends_list
                    || !every_branch_jumps
                {
                    continue;
                }
                let name = step.name().unwrap_or("?");
                let next_name = next.name().unwrap_or("?");
                out.push(
                    report(
                        &Self::META,
                        step.anchor_span(),
                        format!(
                            "choice `{name}` has no `default`; when no condition holds it continues with the next step `{next_name}`"
                        ),
                    )
                    .with_help(format!(
                        "if that is intended, `default: {{goto: {next_name}}}` says so and behaves the same"
                    )),
                );
            }
        });
    }
}
