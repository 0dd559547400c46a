use crate::lint::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// Distributed-only fields (`ItemReader`, `ItemBatcher`, `ItemConstructor`, `ResultWriter`,
    /// `MaxItems`, `ToleratedFailure*`) on a Map without `ProcessorConfig`.
    ///
    /// ## Why
    /// A Map is distributed when `ProcessorConfig.ExecutionMode` is set (as the documentation's examples suggest);
    /// without it these fields likely have no effect.
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
    ///     ItemBatcher: {}
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
    ///       ExecutionMode: Express
    ///     ItemBatcher: {}
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
    /// Add `ProcessorConfig: {ExecutionMode: Express}` or remove the fields.
    pub struct DistributedFieldWithoutConfig {
        code: "FDL-M010",
        name: "distributed-field-without-processor-config",
        category: StateSpecific,
        severity: Warning,
        summary: "distributed-only field without `ProcessorConfig`",
    }
}

const DISTRIBUTED_ONLY: [&str; 7] = [
    "ItemReader",
    "ItemBatcher",
    "ItemConstructor",
    "ResultWriter",
    "MaxItems",
    "ToleratedFailurePercentage",
    "ToleratedFailureCount",
];

impl Rule for DistributedFieldWithoutConfig {
    rule_meta!();
    fn check(&self, ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
        let Some(flow) = ctx.document.as_current() else { return };
        for_each_state(flow, &mut |state, _, _| {
            let StateKind::Map(map) = &state.kind else { return };
            if map.is_distributed() {
                return;
            }
            for key in state.keys.iter().filter(|k| DISTRIBUTED_ONLY.contains(&k.name.as_str())) {
                out.push(report(&Self::META, key.key, format!("`{}` applies to distributed Maps; add `ProcessorConfig: {{ExecutionMode: Express}}` or remove it", key.name)));
            }
        });
    }
}
