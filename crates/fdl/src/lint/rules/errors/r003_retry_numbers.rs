use crate::lint::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// Retry numbers are in range: `IntervalSeconds` and `MaxBackoffSeconds`
    /// 0–86400, `MaxAttempts` not negative, `BackoffRate` at least 1 (a rate below 1 shrinks the
    /// delay, which is allowed but almost certainly a mistake: reported as a warning).
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
    ///       - Description: any error
    ///         Errors: [FnF.ALL]
    ///         MaxAttempts: 2
    ///         IntervalSeconds: 100000
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
    ///         MaxAttempts: 2
    ///         IntervalSeconds: 10
    ///     End: true
    /// ```
    ///
    /// ## Fix
    /// Bring the value into range.
    pub struct RetryNumbers {
        code: "FDL-R003",
        name: "retry-numbers",
        category: ErrorHandling,
        severity: Error,
        summary: "retry interval, backoff or attempts out of range",
    }
}

pub const MAX_RETRY_SECONDS: f64 = 86_400.0;

impl Rule for RetryNumbers {
    rule_meta!();
    fn check(&self, ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
        let Some(flow) = ctx.document.as_current() else { return };
        for_each_state(flow, &mut |state, _, _| {
            for r in &state.retry {
                for (name, value) in
                    [("IntervalSeconds", &r.interval_seconds), ("MaxBackoffSeconds", &r.max_backoff_seconds)]
                {
                    if let Some(v) = value
                        && !(0.0..=MAX_RETRY_SECONDS).contains(&v.value)
                    {
                        out.push(report(
                            &Self::META,
                            v.span,
                            format!("`{name}` must be between 0 and 86400 seconds, not {}", v.value),
                        ));
                    }
                }
                if let Some(m) = &r.max_attempts
                    && m.value < 0
                {
                    out.push(report(&Self::META, m.span, format!("`MaxAttempts` cannot be negative ({})", m.value)));
                }
                if let Some(b) = &r.backoff_rate
                    && b.value < 1.0
                {
                    out.push(Diagnostic::warning(Self::META.code, b.span, format!("`BackoffRate` {} shrinks the delay after every retry; use 1 for a constant delay or more than 1 to back off", b.value)));
                }
            }
        });
    }
}
