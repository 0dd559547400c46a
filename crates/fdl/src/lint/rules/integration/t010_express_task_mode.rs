use crate::lint::ExecutionMode;
use crate::lint::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// In an Express flow (`--express`, or `executionMode: Express` in the config), every Task
    /// uses `RequestComplete`: Express executions support no callbacks (spec §9.2, §11).
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
