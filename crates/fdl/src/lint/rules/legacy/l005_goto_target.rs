use super::walk::for_each_list;
use crate::lint::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// Every `goto` (in choice branches, a choice's default, and catch rules) names a sibling
    /// of the step that contains it.
    ///
    /// ## Example
    /// A `catch` that goes to a step that does not exist:
    ///
    /// ```yaml
    /// version: v1
    /// type: flow
    /// steps:
    ///   - type: task
    ///     name: a
    ///     resourceArn: acs:fc:::services/s/functions/f
    ///     catch:
    ///       - errors: [FnF.ALL]
    ///         goto: final
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
    ///     catch:
    ///       - errors: [FnF.ALL]
    ///         goto: final
    ///   - type: pass
    ///     name: final
    /// ```
    ///
    /// ## Fix
    /// Name an existing sibling step, or add the step.
    ///
    /// ## Fix safety
    /// Safe when the target differs from one sibling step's name only in letter case. Unsafe
    /// otherwise: a guess at which step comes next.
    pub struct LegacyGotoTarget {
        code: "FDL-L005",
        name: "legacy-goto-target",
        category: Legacy,
        severity: Error,
        summary: "`goto` target is not a sibling step",
    }
}

impl Rule for LegacyGotoTarget {
    rule_meta!();
    fn check(&self, ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
        let Some(flow) = ctx.document.as_legacy() else { return };
        for_each_list(flow, &mut |list| {
            let names: Vec<&str> = list.steps.iter().filter_map(|s| s.name()).collect();
            for step in &list.steps {
                for target in step.gotos() {
                    if names.contains(&target.value.as_str()) {
                        continue;
                    }
                    let mut d = report(
                        &Self::META,
                        target.span,
                        format!(
                            "`goto: {}` names no sibling step of `{}`",
                            target.value,
                            step.name().unwrap_or("this step")
                        ),
                    );
                    if let Some(s) = did_you_mean(&target.value, names.iter().copied()) {
                        d = d.with_help(format!("did you mean `{s}`?")).with_fix(Fix::replace(
                            format!("write `{s}`"),
                            target.span,
                            s,
                            correction(&target.value, s, names.iter().copied()),
                        ));
                    } else if !names.is_empty() {
                        d = d.with_help(format!("sibling steps: {}", names.join(", ")));
                    }
                    out.push(d);
                }
            }
        });
    }
}
