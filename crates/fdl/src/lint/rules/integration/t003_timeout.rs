use crate::lint::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// A Task `Timeout` is a whole number of seconds from 0 to 604800 (7 days; 0 = never),
    /// written as an integer or a string of digits.
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
    ///     Timeout: 900000
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
    ///     Timeout: 3600
    ///     End: true
    /// ```
    ///
    /// ## Fix
    /// Write seconds within the range: `Timeout: 3600`. (A value that is not a number at all,
    /// such as `1h`, is reported by FDL-S008.)
    pub struct TimeoutValue {
        code: "FDL-T003",
        name: "task-timeout",
        category: Integration,
        severity: Error,
        summary: "`Timeout` not an integer in 0–604800",
    }
}

pub const MAX_TASK_TIMEOUT_SECONDS: i64 = 604_800;

impl Rule for TimeoutValue {
    rule_meta!();
    fn check(&self, ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
        let Some(flow) = ctx.document.as_current() else { return };
        for_each_state(flow, &mut |state, _, _| {
            let StateKind::Task(task) = &state.kind else { return };
            if let Some(t) = &task.timeout
                && !(0..=MAX_TASK_TIMEOUT_SECONDS).contains(&t.value)
            {
                out.push(report(&Self::META, t.span, format!("`Timeout` is {} s; it must be between 0 and {MAX_TASK_TIMEOUT_SECONDS} (7 days; 0 means no timeout)", t.value)));
            }
        });
    }
}
