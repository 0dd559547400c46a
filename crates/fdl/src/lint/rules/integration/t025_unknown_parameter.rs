use super::known::integration;
use crate::lint::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// Parameters of an optimized integration that it does not document. Their names are
    /// lowerCamelCase: `resourceArn`, not `ResourceArn`.
    ///
    /// ## Example
    /// ```yaml
    /// Type: StateMachine
    /// Name: demo
    /// SpecVersion: v1
    /// StartAt: A
    /// States:
    ///   - Type: Task
    ///     Name: A
    ///     Action: FC:InvokeFunction
    ///     Parameters:
    ///       ResourceArn: acs:fc:cn-hangzhou:123:functions/f/LATEST
    ///       resourceArn: acs:fc:cn-hangzhou:123:functions/f/LATEST
    ///       invocationType: Sync
    ///     End: true
    /// ```
    ///
    /// ## Corrected
    /// ```yaml
    /// Type: StateMachine
    /// Name: demo
    /// SpecVersion: v1
    /// StartAt: A
    /// States:
    ///   - Type: Task
    ///     Name: A
    ///     Action: FC:InvokeFunction
    ///     Parameters:
    ///       resourceArn: acs:fc:cn-hangzhou:123:functions/f/LATEST
    ///       invocationType: Sync
    ///     End: true
    /// ```
    ///
    /// ## Fix
    /// Use the suggested name.
    ///
    /// ## Fix safety
    /// Unsafe: the integration may ignore the unknown parameter, and the rename makes it take effect
    /// (an `invocationType` now set, say), which changes what runs; the suggestion is also a guess.
    /// No fix is offered when the suggested parameter is already set.
    pub struct UnknownParameter {
        code: "FDL-T025",
        name: "unknown-integration-parameter",
        category: Integration,
        severity: Warning,
        summary: "unknown parameter of an optimized integration",
    }
}

impl Rule for UnknownParameter {
    rule_meta!();
    fn check(&self, ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
        let Some(flow) = ctx.document.as_current() else { return };
        for_each_state(flow, &mut |state, _, _| {
            let StateKind::Task(task) = &state.kind else { return };
            let (Some(action), Some(params)) = (&task.action, &task.parameters) else { return };
            let Some(spec) = integration(&action.value) else { return };
            let names: Vec<&str> = spec.parameters.iter().map(|(n, _)| *n).collect();
            for f in &params.fields {
                if names.contains(&f.key.as_str()) {
                    continue;
                }
                let mut d = report(
                    &Self::META,
                    f.key_span,
                    format!("`{}` is not a parameter of `{}`; known: {}", f.key, action.value, names.join(", ")),
                );
                if let Some(s) = did_you_mean(&f.key, names.iter().copied()) {
                    let fixed = if f.is_expression { format!("{s}.$") } else { s.to_owned() };
                    d = d.with_help(format!("did you mean `{s}`?")).with_fix(Fix::replace(
                        format!("rename to `{fixed}`"),
                        f.key_span,
                        fixed,
                        Applicability::Unsafe,
                    ));
                }
                out.push(d);
            }
        });
    }
}
