use super::param;
use crate::lint::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// The FC `invocationType` matches the TaskMode (spec §9.3): `RequestComplete` with
    /// `Async` ends the task before the function finishes; `WaitForSystemCallback` with `Sync`
    /// waits for nothing more than the call itself.
    ///
    /// ## Fix
    /// Pair RequestComplete with Sync and WaitForSystemCallback with Async.
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
            let message = match (task.mode(), kind.as_str()) {
                (Some(TaskMode::RequestComplete), "Async") => {
                    "with `RequestComplete`, an `Async` invocation ends the task as soon as the function is queued, before it runs; use `WaitForSystemCallback` to wait for it"
                }
                (Some(TaskMode::WaitForSystemCallback), "Sync") => {
                    "`WaitForSystemCallback` is meant for `Async` invocations; with `Sync` use `RequestComplete`"
                }
                _ => return,
            };
            out.push(report(&Self::META, span, message));
        });
    }
}
