use super::known::{integration, is_oss};
use crate::lint::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// The `TaskMode` is one the optimized integration supports: HTTP, MNS and
    /// EventBridge have no `WaitForSystemCallback`; OSS supports only `RequestComplete`.
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
    ///     Action: HTTP:Request
    ///     TaskMode: WaitForSystemCallback
    ///     Parameters:
    ///       url: https://example.com
    ///       method: GET
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
    ///     Action: HTTP:Request
    ///     TaskMode: WaitForCustomCallback
    ///     Parameters:
    ///       url: https://example.com
    ///       method: GET
    ///     End: true
    /// ```
    ///
    /// ## Fix
    /// Use a supported mode.
    pub struct UnsupportedTaskMode {
        code: "FDL-T011",
        name: "unsupported-task-mode",
        category: Integration,
        severity: Error,
        summary: "TaskMode not supported by that integration",
    }
}

impl Rule for UnsupportedTaskMode {
    rule_meta!();
    fn check(&self, ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
        let Some(flow) = ctx.document.as_current() else { return };
        for_each_state(flow, &mut |state, _, _| {
            let StateKind::Task(task) = &state.kind else { return };
            let (Some(action), Some(m), Some(mode)) = (&task.action, &task.task_mode, task.mode()) else { return };
            let supported: Vec<TaskMode> = match integration(&action.value) {
                Some(i) => i.modes.to_vec(),
                None if is_oss(&action.value) => vec![TaskMode::RequestComplete],
                None => return,
            };
            if !supported.contains(&mode) {
                let names: Vec<&str> = supported.iter().map(|m| m.as_str()).collect();
                out.push(report(
                    &Self::META,
                    m.span,
                    format!("`{}` does not support `{}`; it supports {}", action.value, m.value, names.join(", ")),
                ));
            }
        });
    }
}
