use crate::lint::ExecutionMode;
use crate::lint::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// A constant `Seconds` is a whole number from 1 to 300 (Standard mode) or 1 to 20 (Express
    /// mode).
    ///
    /// ## Example
    /// ```yaml
    /// Type: StateMachine
    /// Name: demo
    /// SpecVersion: v1
    /// StartAt: A
    /// States:
    ///   - Type: Wait
    ///     Name: A
    ///     Seconds: 301
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
    ///   - Type: Wait
    ///     Name: A
    ///     Seconds: 300
    ///     End: true
    /// ```
    ///
    /// ## Fix
    /// Use a value in range; for longer pauses chain Waits or use a callback.
    pub struct WaitSecondsRange {
        code: "FDL-W002",
        name: "wait-seconds-range",
        category: StateSpecific,
        severity: Error,
        summary: "constant `Seconds` not an integer in 1–300 (Express 1–20)",
    }
}

impl Rule for WaitSecondsRange {
    rule_meta!();
    fn check(&self, ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
        let Some(flow) = ctx.document.as_current() else { return };
        let (max, mode) = match ctx.execution_mode {
            ExecutionMode::Express => (20.0, "Express"),
            ExecutionMode::Standard => (300.0, "Standard"),
        };
        for_each_state(flow, &mut |state, _, _| {
            let StateKind::Wait(wait) = &state.kind else { return };
            let Some(s) = &wait.seconds else { return };
            if s.value.fract() != 0.0 || s.value < 1.0 || s.value > max {
                out.push(report(
                    &Self::META,
                    s.span,
                    format!("`Seconds` must be a whole number from 1 to {max} in {mode} mode, not {}", s.value),
                ));
            }
        });
    }
}
