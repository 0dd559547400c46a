use crate::lint::rules::near_miss;
use crate::lint::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// A Map has a `Processor` with `StartAt` and `States`: the sub-flow run for each item
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
    /// Add `Processor: {StartAt: …, States: […]}`.
    pub struct MapProcessor {
        code: "FDL-M002",
        name: "map-processor",
        category: StateSpecific,
        severity: Error,
        summary: "Map without `Processor` (or Processor without `StartAt`/`States`)",
    }
}

impl Rule for MapProcessor {
    rule_meta!();
    fn check(&self, ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
        let Some(flow) = ctx.document.as_current() else { return };
        for_each_state(flow, &mut |state, _, _| {
            let StateKind::Map(map) = &state.kind else { return };
            let name = state.name().unwrap_or("this Map");
            match &map.processor {
                // A misspelling (FDL-S007 reports it with the rename) is the cause.
                None if near_miss::in_state(state, "Processor").is_some() => {}
                None if state.key("Processor").is_none() => {
                    out.push(report(&Self::META, state.anchor_span(), format!("Map `{name}` has no `Processor`; it needs the sub-flow to run per item (StartAt and States)")));
                }
                Some(p)
                    if p.keys.iter().all(|k| k.name != "States")
                        && near_miss::in_scope(p, false, "States").is_none() =>
                {
                    out.push(report(
                        &Self::META,
                        state.key("Processor").map_or(p.span, |k| k.key),
                        format!("the `Processor` of `{name}` has no `States`"),
                    ));
                }
                _ => {}
            }
        });
    }
}
