use super::param;
use crate::lint::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// The FC `invocationType` matches the TaskMode.
    ///
    /// - `WaitForSystemCallback` with `Sync` waits for nothing more than the call itself: a
    ///   warning, the pairing is a mistake.
    /// - `RequestComplete` with `Async` ends the task as soon as the function is queued, before
    ///   it runs. That is fire and forget, and Alibaba's own help page uses it as its
    ///   asynchronous-invocation example, so it is only an info saying so: a user who wants the
    ///   function's result learns to use `WaitForSystemCallback`, one who does not is not warned.
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
    ///     TaskMode: RequestComplete
    ///     Action: FC:InvokeFunction
    ///     Parameters:
    ///       resourceArn: acs:fc:cn-hangzhou:123:functions/f/LATEST
    ///       invocationType: Async
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
    ///     TaskMode: WaitForSystemCallback
    ///     Action: FC:InvokeFunction
    ///     Parameters:
    ///       resourceArn: acs:fc:cn-hangzhou:123:functions/f/LATEST
    ///       invocationType: Async
    ///     End: true
    /// ```
    ///
    /// ## Fix
    /// Pair WaitForSystemCallback with Async; to wait for an asynchronous function's result,
    /// use `WaitForSystemCallback` instead of `RequestComplete`.
    pub struct FcModeMismatch {
        code: "FDL-T020",
        name: "fc-invocation-type-mode",
        category: Integration,
        severity: Warning,
        summary: "FC `invocationType` inconsistent with TaskMode",
    }
}

impl Rule for FcModeMismatch {
    rule_meta!();
    fn check(&self, ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
        let Some(flow) = ctx.document.as_current() else { return };
        for_each_state(flow, &mut |state, _, _| {
            let StateKind::Task(task) = &state.kind else { return };
            if task.action.as_ref().map(|a| a.value.as_str()) != Some("FC:InvokeFunction") {
                return;
            }
            let Some((kind, span)) = param::literal_str(task, "invocationType") else { return };
            let (severity, message) = match (task.mode(), kind.as_str()) {
                (Some(TaskMode::RequestComplete), "Async") => (
                    Severity::Info,
                    "with `RequestComplete`, an `Async` invocation ends the task as soon as the function is queued, before it runs (fire and forget); use `WaitForSystemCallback` to wait for its result",
                ),
                (Some(TaskMode::WaitForSystemCallback), "Sync") => (
                    Severity::Warning,
                    "`WaitForSystemCallback` is meant for `Async` invocations; with `Sync` use `RequestComplete`",
                ),
                _ => return,
            };
            let mut d = report(&Self::META, span, message);
            d.severity = severity;
            out.push(d);
        });
    }
}
