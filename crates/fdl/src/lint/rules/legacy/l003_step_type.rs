use super::walk::for_each_step;
use crate::lint::rules::near_miss;
use crate::lint::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// Every step has a `type` and a `name`, and the type is one of task, pass, wait, succeed,
    /// fail, choice, parallel, foreach or loop (the types of Alibaba's editor schema).
    ///
    /// ## Example
    /// ```yaml
    /// version: v1
    /// type: flow
    /// steps:
    ///   - type: passs
    ///     name: a
    /// ```
    ///
    /// ## Corrected
    /// ```yaml
    /// version: v1
    /// type: flow
    /// steps:
    ///   - type: pass
    ///     name: a
    /// ```
    ///
    /// ## Fix
    /// Add the missing key, or use the suggested type.
    ///
    /// ## Fix safety
    /// Safe when the type differs from a step type only in letter case. Unsafe otherwise: a guess
    /// between step types that behave entirely differently.
    pub struct LegacyStepType {
        code: "FDL-L003",
        name: "legacy-step-type",
        category: Legacy,
        severity: Error,
        summary: "step without `type`/`name`, or unknown step type",
    }
}

impl Rule for LegacyStepType {
    rule_meta!();
    fn check(&self, ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
        let Some(flow) = ctx.document.as_legacy() else { return };
        for_each_step(flow, &mut |step, _| {
            let at = Span::empty(step.span.start);
            match &step.type_ {
                None if step.key("type").is_none() && near_miss::in_step(step, "type").is_none() => {
                    out.push(report(&Self::META, step.name.as_ref().map_or(at, |n| n.span), "this step has no `type`"))
                }
                Some(t) if StepType::parse(&t.value).is_none() => {
                    let names = StepType::ALL.map(StepType::as_str);
                    let mut d = report(
                        &Self::META,
                        t.span,
                        format!("`{}` is not a step type; use one of {}", t.value, names.join(", ")),
                    );
                    if let Some(s) = did_you_mean(&t.value, names) {
                        d = d.with_fix(Fix::replace(format!("write `{s}`"), t.span, s, correction(&t.value, s, names)));
                    }
                    out.push(d);
                }
                _ => {}
            }
            if step.key("name").is_none() && near_miss::in_step(step, "name").is_none() {
                out.push(report(&Self::META, step.type_.as_ref().map_or(at, |t| t.span), "this step has no `name`"));
            }
        });
    }
}
