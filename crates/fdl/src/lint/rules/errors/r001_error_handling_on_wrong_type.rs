use crate::lint::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// `Retry` and `Catch` only on Task, Parallel and Map states.
    ///
    /// ## Example
    /// ```yaml
    /// Type: StateMachine
    /// Name: demo
    /// SpecVersion: v1
    /// StartAt: A
    /// States:
    ///   - Type: Pass
    ///     Name: A
    ///     Retry:
    ///       - Description: throttled
    ///         Errors: [FC.ResourceThrottled]
    ///         MaxAttempts: 3
    ///         IntervalSeconds: 2
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
    ///       - Description: throttled
    ///         Errors: [FC.ResourceThrottled]
    ///         MaxAttempts: 3
    ///         IntervalSeconds: 2
    ///     End: true
    /// ```
    ///
    /// ## Fix
    /// Move the error handling to the Task (or the Parallel/Map around it).
    pub struct ErrorHandlingOnWrongType {
        code: "FDL-R001",
        name: "error-handling-on-wrong-state",
        category: ErrorHandling,
        severity: Error,
        summary: "`Retry`/`Catch` on a state type that does not support them",
    }
}

impl Rule for ErrorHandlingOnWrongType {
    rule_meta!();
    fn check(&self, ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
        let Some(flow) = ctx.document.as_current() else { return };
        for_each_state(flow, &mut |state, _, _| {
            let Some(t) = state.state_type() else { return };
            if t.supports_error_handling() {
                return;
            }
            for key in state.keys.iter().filter(|k| k.name == "Retry" || k.name == "Catch") {
                out.push(report(
                    &Self::META,
                    key.key,
                    format!(
                        "a {} state cannot have `{}`; only Task, Parallel and Map states handle errors",
                        t.as_str(),
                        key.name
                    ),
                ));
            }
        });
    }
}
