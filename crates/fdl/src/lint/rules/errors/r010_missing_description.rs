use crate::lint::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// Retriers and catchers have a `Description`.
    ///
    /// ## Why
    /// The Dec 2024+ documentation marks it required (older revisions optional); the
    /// console shows it as the policy's name. A warning because whether the service enforces it
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
    ///     Retry:
    ///       - Errors: [FnF.ALL]
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
    ///       - Description: any error
    ///         Errors: [FnF.ALL]
    ///         MaxAttempts: 2
    ///         IntervalSeconds: 1
    ///     End: true
    /// ```
    ///
    /// ## Fix
    /// Add `Description: <what this rule handles>`.
    pub struct MissingDescription {
        code: "FDL-R010",
        name: "retry-catch-description",
        category: ErrorHandling,
        severity: Warning,
        summary: "retrier/catcher without `Description`",
    }
}

impl Rule for MissingDescription {
    rule_meta!();
    fn check(&self, ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
        let Some(flow) = ctx.document.as_current() else { return };
        for_each_state(flow, &mut |state, _, _| {
            let items = state
                .retry
                .iter()
                .map(|r| (r.span, &r.keys, "retrier"))
                .chain(state.catch.iter().map(|c| (c.span, &c.keys, "catcher")));
            for (span, keys, what) in items {
                if !keys.iter().any(|k| k.name == "Description") {
                    let at = keys.first().map_or(Span::empty(span.start), |k| k.key);
                    out.push(report(
                        &Self::META,
                        at,
                        format!("this {what} has no `Description`; recent documentation requires one"),
                    ));
                }
            }
        });
    }
}
