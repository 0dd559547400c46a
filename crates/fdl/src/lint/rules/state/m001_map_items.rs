use crate::lint::rules::near_miss;
use crate::lint::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// A Map has an `ItemsPath` (or, distributed, an `ItemReader`) saying what to iterate over
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
    /// `ItemsPath: $Input.items`.
    pub struct MapItems {
        code: "FDL-M001",
        name: "map-items-path",
        category: StateSpecific,
        severity: Error,
        summary: "Map without `ItemsPath` (and without `ItemReader`)",
    }
}

impl Rule for MapItems {
    rule_meta!();
    fn check(&self, ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
        let Some(flow) = ctx.document.as_current() else { return };
        for_each_state(flow, &mut |state, _, _| {
            let StateKind::Map(map) = &state.kind else { return };
            // A misspelling (FDL-S007 reports it with the rename) is the cause.
            if state.key("ItemsPath").is_none()
                && map.item_reader.is_none()
                && near_miss::in_state(state, "ItemsPath").is_none()
            {
                let name = state.name().unwrap_or("this Map");
                out.push(report(&Self::META, state.anchor_span(), format!("Map `{name}` has no `ItemsPath`; write the array to iterate over, e.g. `ItemsPath: $Input.items`")));
            }
        });
    }
}
