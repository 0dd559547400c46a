use crate::lint::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// AWS Step Functions error names (`States.ALL`, `States.TaskFailed`, `States.Timeout`, …)
    /// in `Errors`.
    ///
    /// ## Why
    /// CloudFlow has no `States.*` namespace; its wildcard is `FnF.ALL`, so these
    /// rules match nothing.
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
    ///       resourceArn: acs:fc:cn-hangzhou:123:functions/f/LATEST
    ///       invocationType: Sync
    ///     Retry:
    ///       - Description: all
    ///         Errors: [States.ALL]
    ///         MaxAttempts: 2
    ///         IntervalSeconds: 1
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
    ///     Retry:
    ///       - Description: all
    ///         Errors: [FnF.ALL]
    ///         MaxAttempts: 2
    ///         IntervalSeconds: 1
    ///     End: true
    /// ```
    ///
    /// ## Fix
    /// `States.ALL` → `FnF.ALL`; other names: the service's own error names (e.g. `FC.*`).
    ///
    /// ## Fix safety
    /// Unsafe: the service accepts `States.ALL`, which matches no error; `FnF.ALL` matches every
    /// error, so the retrier or catcher starts to act.
    pub struct AwsErrorName {
        code: "FDL-R030",
        name: "aws-error-name",
        category: ErrorHandling,
        severity: Warning,
        summary: "AWS-style error name (`States.*`)",
    }
}

impl Rule for AwsErrorName {
    rule_meta!();
    fn check(&self, ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
        let Some(flow) = ctx.document.as_current() else { return };
        for_each_state(flow, &mut |state, _, _| {
            let errors = state.retry.iter().flat_map(|r| &r.errors).chain(state.catch.iter().flat_map(|c| &c.errors));
            for e in errors.filter(|e| e.value.starts_with("States.")) {
                let mut d = report(
                    &Self::META,
                    e.span,
                    format!("`{}` is an AWS Step Functions error name; CloudFlow never raises it", e.value),
                );
                if e.value == "States.ALL" {
                    d = d.with_help("CloudFlow's wildcard is `FnF.ALL`").with_fix(Fix::replace(
                        "write `FnF.ALL`",
                        e.span,
                        "FnF.ALL",
                        Applicability::Unsafe,
                    ));
                }
                out.push(d);
            }
        });
    }
}
