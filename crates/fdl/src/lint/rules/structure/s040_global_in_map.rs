use crate::lint::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// `GlobalConstructor` on a state inside a Map processor.
    ///
    /// ## Why
    /// Every iteration writes the same `$Global` keys, so they overwrite each other in an
    /// unpredictable order; distributed Map children cannot see the parent's `$Global` at all
    ///.
    ///
    /// ## Example
    /// ```yaml
    /// Type: StateMachine
    /// Name: demo
    /// SpecVersion: v1
    /// StartAt: Loop
    /// States:
    ///   - Type: Map
    ///     Name: Loop
    ///     ItemsPath: $Input.items
    ///     Processor:
    ///       StartAt: Each
    ///       States:
    ///         - Type: Pass
    ///           Name: Each
    ///           GlobalConstructor:
    ///             last.$: $Input
    ///           End: true
    ///     End: true
    /// ```
    ///
    /// ## Corrected
    /// ```yaml
    /// Type: StateMachine
    /// Name: demo
    /// SpecVersion: v1
    /// StartAt: Loop
    /// States:
    ///   - Type: Map
    ///     Name: Loop
    ///     ItemsPath: $Input.items
    ///     Processor:
    ///       StartAt: Each
    ///       States:
    ///         - Type: Pass
    ///           Name: Each
    ///           End: true
    ///     GlobalConstructor:
    ///       count.$: length($Output.Items)
    ///     End: true
    /// ```
    ///
    /// ## Fix
    /// Return the values in the iteration output and collect them after the Map.
    pub struct GlobalInMap {
        code: "FDL-S040",
        name: "global-constructor-in-map",
        category: Structure,
        severity: Warning,
        summary: "`GlobalConstructor` inside a Map processor",
    }
}

impl Rule for GlobalInMap {
    rule_meta!();
    fn check(&self, ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
        let Some(flow) = ctx.document.as_current() else { return };
        for_each_state(flow, &mut |state, _, in_map| {
            if let (true, Some(key)) = (in_map, state.key("GlobalConstructor")) {
                out.push(report(&Self::META, key.key, "iterations of a Map overwrite each other's `$Global` writes; collect results from the Map's output instead"));
            }
        });
    }
}
