use super::walk::for_each_step;
use crate::lint::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// Keys of a legacy flow or step that the legacy dialect does not document (spec §15).
    /// Keys are lowerCamelCase and case-sensitive.
    ///
    /// ## Fix
    /// Use the suggested spelling.
    ///
    /// ## Fix safety
    /// Unsafe: the service may ignore the unknown key, and the rename makes it take effect; the
    /// suggestion is also a guess. No fix is offered when the suggested key is already in the
    /// mapping.
    pub struct LegacyUnknownKey {
        code: "FDL-L013",
        name: "legacy-unknown-key",
        category: Legacy,
        severity: Warning,
        summary: "unknown key in a legacy flow or step",
    }
}

const ROOT: &[&str] = &["version", "type", "name", "steps", "inputMappings", "outputMappings", "timeoutSeconds"];
const COMMON: &[&str] = &["type", "name", "end", "inputMappings", "outputMappings"];

fn specific(t: StepType) -> &'static [&'static str] {
    match t {
        StepType::Task => {
            &["resourceArn", "pattern", "timeoutSeconds", "serviceParams", "errorMappings", "retry", "catch"]
        }
        StepType::Wait => &["duration", "timestamp"],
        StepType::Fail => &["error", "cause"],
        StepType::Choice => &["choices", "default"],
        StepType::Parallel => &["branches"],
        StepType::Foreach => &["iterationMapping", "steps"],
        StepType::Pass | StepType::Succeed => &[],
    }
}

fn check_keys(keys: &[KeySpan], allowed: &[&str], out: &mut Vec<Diagnostic>) {
    for k in keys.iter().filter(|k| !allowed.contains(&k.name.as_str())) {
        let mut d = report(&LegacyUnknownKey::META, k.key, format!("unknown key `{}` here", k.name));
        if let Some(s) = did_you_mean(&k.name, allowed.iter().copied()) {
            d = d.with_help(format!("did you mean `{s}`?")).with_fix(Fix::replace(
                format!("rename to `{s}`"),
                k.key,
                s,
                Applicability::Unsafe,
            ));
        }
        out.push(d);
    }
}

impl Rule for LegacyUnknownKey {
    rule_meta!();
    fn check(&self, ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
        let Some(flow) = ctx.document.as_legacy() else { return };
        check_keys(&flow.keys, ROOT, out);
        for_each_step(flow, &mut |step, _| {
            let Some(t) = step.type_.as_ref().and_then(|t| StepType::parse(&t.value)) else { return };
            let allowed: Vec<&str> = COMMON.iter().chain(specific(t)).copied().collect();
            check_keys(&step.keys, &allowed, out);
        });
    }
}
