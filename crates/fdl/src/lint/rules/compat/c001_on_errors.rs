use crate::lint::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// `OnErrors`, the error-handling list of the Dec 2023 – Feb 2024 documentation.
    ///
    /// ## Why
    /// It was superseded by `Retry` and `Catch`; whether the service still accepts it
    /// is not documented.
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
    ///     OnErrors:
    ///       - Errors: [FnF.ALL]
    ///         Retry:
    ///           MaxAttempts: 3
    ///           FixedBackoff: 2
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
    ///       - Description: any error
    ///         Errors: [FnF.ALL]
    ///         MaxAttempts: 3
    ///         IntervalSeconds: 2
    ///     End: true
    /// ```
    ///
    /// ## Fix
    /// Rewrite each entry: an entry with `Retry: {MaxAttempts, FixedBackoff, Multiplier}` becomes
    /// a retrier `{Errors, MaxAttempts, IntervalSeconds: FixedBackoff, BackoffRate: Multiplier}`;
    /// an entry with `Next` becomes a catcher `{Errors, Next, OutputConstructor}`.
    pub struct OnErrors {
        code: "FDL-C001",
        name: "on-errors",
        category: Compatibility,
        severity: Warning,
        summary: "`OnErrors` (superseded by Retry/Catch)",
    }
}

impl Rule for OnErrors {
    rule_meta!();
    fn check(&self, ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
        let Some(flow) = ctx.document.as_current() else { return };
        for_each_state(flow, &mut |state, _, _| {
            if let Some(key) = state.key("OnErrors") {
                out.push(
                    report(&Self::META, key.key, "`OnErrors` is from an older revision of the language; use `Retry` and `Catch`")
                        .with_help("entries with `Retry: {MaxAttempts, FixedBackoff, Multiplier}` become `Retry` rules (IntervalSeconds = FixedBackoff, BackoffRate = Multiplier); entries with `Next` become `Catch` rules"),
                );
            }
        });
    }
}
