use crate::expr::Root;
use crate::lint::context::PathSite;
use crate::lint::rules::prelude::*;
use crate::model::visit::Place;

declare_rule! {
    /// ## What it checks
    /// `$Item` is used only in a distributed Map's `ItemConstructor`, where it is the current
    /// source item.
    ///
    /// ## Example
    /// ```yaml
    /// Type: StateMachine
    /// Name: demo
    /// SpecVersion: v1
    /// StartAt: Fan
    /// States:
    ///   - Type: Map
    ///     Name: Fan
    ///     ItemsPath: $Input.items
    ///     InputConstructor:
    ///       value.$: $Item
    ///     Processor:
    ///       StartAt: Each
    ///       States:
    ///         - Type: Pass
    ///           Name: Each
    ///           End: true
    ///     End: true
    /// ```
    ///
    /// ## Corrected
    /// ```yaml
    /// Type: StateMachine
    /// Name: demo
    /// SpecVersion: v1
    /// StartAt: Fan
    /// States:
    ///   - Type: Map
    ///     Name: Fan
    ///     ItemsPath: $Input.items
    ///     ProcessorConfig:
    ///       ExecutionMode: Express
    ///     ItemConstructor:
    ///       value.$: $Item
    ///     Processor:
    ///       StartAt: Each
    ///       States:
    ///         - Type: Pass
    ///           Name: Each
    ///           End: true
    ///     End: true
    /// ```
    ///
    /// ## Fix
    /// Inside a Map processor the item is the iteration's `$Input`.
    pub struct ItemOutsideItemConstructor {
        code: "FDL-E013",
        name: "item-outside-item-constructor",
        category: Expression,
        severity: Error,
        summary: "`$Item` outside `ItemConstructor`",
    }
}

impl Rule for ItemOutsideItemConstructor {
    rule_meta!();
    fn check(&self, ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
        for &PathSite { path, place, .. } in ctx.expression_paths() {
            if place == Place::ItemConstructor || path.root != Root::Item {
                continue;
            }
            out.push(
                report(
                    &Self::META,
                    path.root_span,
                    format!("`$Item` exists only in a Map's ItemConstructor, not in {}", place.describe()),
                )
                .with_help("inside a Map processor, the item is the iteration's `$Input`"),
            );
        }
    }
}
