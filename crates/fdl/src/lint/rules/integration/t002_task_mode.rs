use crate::lint::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// `TaskMode` is one of `RequestComplete` (the default), `WaitForSystemCallback`,
    /// `WaitForCustomCallback`. Case-sensitive.
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
    ///     TaskMode: WaitForCallback
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
    ///     TaskMode: RequestComplete
    ///     Action: FC:InvokeFunction
    ///     Parameters:
    ///       resourceArn: acs:fc:cn-hangzhou:123:functions/f/LATEST
    ///       invocationType: Sync
    ///     End: true
    /// ```
    ///
    /// ## Fix
    /// Use the suggested value.
    ///
    /// ## Fix safety
    /// Safe when the value differs from a mode only in letter case (`requestcomplete`): the workflow
    /// is rejected, and no other mode reads the same. Unsafe otherwise: legacy names and
    /// near-spellings are guesses between modes that run differently (`WaitForCallback` could be
    /// `WaitForCustomCallback` or `WaitForSystemCallback`; `sync` waits for the job to finish).
    pub struct TaskModeValue {
        code: "FDL-T002",
        name: "task-mode",
        category: Integration,
        severity: Error,
        summary: "`TaskMode` not one of the three values",
    }
}

impl Rule for TaskModeValue {
    rule_meta!();
    fn check(&self, ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
        let Some(flow) = ctx.document.as_current() else { return };
        for_each_state(flow, &mut |state, _, _| {
            let StateKind::Task(task) = &state.kind else { return };
            let Some(mode) = &task.task_mode else { return };
            if TaskMode::parse(&mode.value).is_some() {
                return;
            }
            let names = TaskMode::ALL.map(TaskMode::as_str);
            let legacy = match mode.value.as_str() {
                "requestResponse" => Some("RequestComplete"),
                "sync" => Some("WaitForSystemCallback"),
                "waitForCallback" | "WaitForCallback" => Some("WaitForCustomCallback"),
                _ => None,
            };
            let mut d = report(
                &Self::META,
                mode.span,
                format!("`{}` is not a TaskMode; use one of {}", mode.value, names.join(", ")),
            );
            if let Some(s) = legacy.or_else(|| did_you_mean(&mode.value, names)) {
                d = d.with_help(format!("did you mean `{s}`?")).with_fix(Fix::replace(
                    format!("write `{s}`"),
                    mode.span,
                    s,
                    correction(&mode.value, s, names),
                ));
            }
            out.push(d);
        });
    }
}
