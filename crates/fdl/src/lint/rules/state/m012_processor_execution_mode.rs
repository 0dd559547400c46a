use crate::lint::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// `ProcessorConfig.ExecutionMode` is `Express` or `Standard`.
    ///
    /// ## Example
    /// ```yaml
    /// Type: StateMachine
    /// Name: demo
    /// SpecVersion: v1
    /// StartAt: A
    /// States:
    ///   - Type: Map
    ///     Name: A
    ///     ItemsPath: $Input.items
    ///     ProcessorConfig:
    ///       ExecutionMode: Fast
    ///     Processor:
    ///       StartAt: E
    ///       States:
    ///         - Type: Pass
    ///           Name: E
    ///           End: true
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
    ///   - Type: Map
    ///     Name: A
    ///     ItemsPath: $Input.items
    ///     ProcessorConfig:
    ///       ExecutionMode: Standard
    ///     Processor:
    ///       StartAt: E
    ///       States:
    ///         - Type: Pass
    ///           Name: E
    ///           End: true
    ///     End: true
    /// ```
    ///
    /// ## Fix
    /// Use one of the two.
    ///
    /// ## Fix safety
    /// Safe when the value differs from `Express` or `Standard` only in letter case. Unsafe otherwise:
    /// a guess between modes with different limits and billing.
    pub struct ProcessorExecutionMode {
        code: "FDL-M012",
        name: "processor-execution-mode",
        category: StateSpecific,
        severity: Error,
        summary: "`ProcessorConfig.ExecutionMode` not `Express`/`Standard`",
    }
}

impl Rule for ProcessorExecutionMode {
    rule_meta!();
    fn check(&self, ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
        let Some(flow) = ctx.document.as_current() else { return };
        for_each_state(flow, &mut |state, _, _| {
            let StateKind::Map(map) = &state.kind else { return };
            match (&map.processor_config, &map.processor_execution_mode) {
                (Some(pc), None) => out.push(report(
                    &Self::META,
                    *pc,
                    "`ProcessorConfig` needs `ExecutionMode: Express` or `ExecutionMode: Standard`",
                )),
                (_, Some(m)) if m.value != "Express" && m.value != "Standard" => {
                    let mut d = report(
                        &Self::META,
                        m.span,
                        format!("`ExecutionMode` must be `Express` or `Standard`, not `{}`", m.value),
                    );
                    if let Some(s) = did_you_mean(&m.value, ["Express", "Standard"]) {
                        let applicability = correction(&m.value, s, ["Express", "Standard"]);
                        d = d.with_fix(Fix::replace(format!("write `{s}`"), m.span, s, applicability));
                    }
                    out.push(d);
                }
                _ => {}
            }
        });
    }
}
