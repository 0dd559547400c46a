use crate::lint::ExecutionMode;
use crate::lint::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// In an Express flow (`--express`, or `executionMode: Express` in the config), every Task
    /// uses `RequestComplete`: Express executions support no callbacks.
    ///
    /// ## Example
    /// ```yaml
    /// # An Express flow (linted with execution mode Express)
    /// Type: StateMachine
    /// Name: demo
    /// SpecVersion: v1
    /// StartAt: A
    /// States:
    ///   - Type: Task
    ///     Name: A
    ///     TaskMode: WaitForCustomCallback
    ///     Action: FC:InvokeFunction
    ///     Parameters:
    ///       resourceArn: acs:fc:cn-hangzhou:123:functions/f/LATEST
    ///       invocationType: Sync
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
    ///     TaskMode: WaitForCustomCallback
    ///     Action: FC:InvokeFunction
    ///     Parameters:
    ///       resourceArn: acs:fc:cn-hangzhou:123:functions/f/LATEST
    ///       invocationType: Sync
    ///     End: true
    /// ```
    ///
    /// ## Fix
    /// Use `RequestComplete`, or run the flow in Standard mode.
    pub struct ExpressTaskMode {
        code: "FDL-T010",
        name: "express-task-mode",
        category: Integration,
        severity: Error,
        summary: "non-RequestComplete TaskMode in an Express flow",
    }
}

impl Rule for ExpressTaskMode {
    rule_meta!();
    fn check(&self, ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
        if ctx.execution_mode != ExecutionMode::Express {
            return;
        }
        let Some(flow) = ctx.document.as_current() else { return };
        for_each_state(flow, &mut |state, _, _| {
            let StateKind::Task(task) = &state.kind else { return };
            if let (Some(m), Some(mode)) = (&task.task_mode, task.mode())
                && mode != TaskMode::RequestComplete
            {
                out.push(report(
                    &Self::META,
                    m.span,
                    format!("Express executions support only `RequestComplete`, not `{}`", m.value),
                ));
            }
        });
    }
}
