use super::param;
use crate::lint::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// The FC `invocationType` parameter is `Sync` or `Async`.
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
    ///       invocationType: xxx
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
    /// `invocationType: Sync` (wait for the result) or `Async` (queue it).
    ///
    /// ## Fix safety
    /// Safe when the value differs from `Sync` or `Async` only in letter case (`sync`). Unsafe
    /// otherwise: a guess between waiting for the function and queueing it.
    pub struct FcInvocationType {
        code: "FDL-T021",
        name: "fc-invocation-type",
        category: Integration,
        severity: Error,
        summary: "FC `invocationType` not `Sync`/`Async`",
    }
}

impl Rule for FcInvocationType {
    rule_meta!();
    fn check(&self, ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
        let Some(flow) = ctx.document.as_current() else { return };
        for_each_state(flow, &mut |state, _, _| {
            let StateKind::Task(task) = &state.kind else { return };
            if task.action.as_ref().map(|a| a.value.as_str()) != Some("FC:InvokeFunction") {
                return;
            }
            let Some((value, span)) = param::literal_str(task, "invocationType") else { return };
            if value == "Sync" || value == "Async" {
                return;
            }
            let mut d = report(&Self::META, span, format!("`invocationType` must be `Sync` or `Async`, not `{value}`"));
            if let Some(s) = did_you_mean(&value, ["Sync", "Async"]) {
                d = d.with_fix(Fix::replace(format!("write `{s}`"), span, s, correction(&value, s, ["Sync", "Async"])));
            }
            out.push(d);
        });
    }
}
