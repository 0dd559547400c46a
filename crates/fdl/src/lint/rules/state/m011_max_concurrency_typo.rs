use crate::lint::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// The misspelling `MaxConcuccency`, copied from a typo in the Map documentation tables
    ///.
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
    ///     MaxConcuccency: 5
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
    ///     MaxConcurrency: 5
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
    /// `MaxConcurrency`.
    ///
    /// ## Fix safety
    /// Unsafe: whether the service rejects `MaxConcuccency` or ignores it is not documented; if it ignores
    /// it, the Map runs at the default concurrency today and at the written one after the rename.
    pub struct MaxConcurrencyTypo {
        code: "FDL-M011",
        name: "max-concurrency-typo",
        category: StateSpecific,
        severity: Error,
        summary: "misspelled `MaxConcuccency`",
    }
}

impl Rule for MaxConcurrencyTypo {
    rule_meta!();
    fn check(&self, ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
        let Some(flow) = ctx.document.as_current() else { return };
        for_each_state(flow, &mut |state, _, _| {
            if let Some(key) = state.key("MaxConcuccency") {
                out.push(
                    report(
                        &Self::META,
                        key.key,
                        "`MaxConcuccency` is a typo from the documentation tables; the field is `MaxConcurrency`",
                    )
                    .with_fix(Fix::replace(
                        "rename to `MaxConcurrency`",
                        key.key,
                        "MaxConcurrency",
                        Applicability::Unsafe,
                    )),
                );
            }
        });
    }
}
