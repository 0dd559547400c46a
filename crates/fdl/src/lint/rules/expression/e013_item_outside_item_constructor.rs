use super::places::{Place, for_each_expression};
use crate::expr::Root;
use crate::lint::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// `$Item` is used only in a distributed Map's `ItemConstructor`, where it is the current
    /// source item (spec §6.2).
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
        let Some(flow) = ctx.document.as_current() else { return };
        for_each_expression(flow, &mut |e, place, _| {
            if place == Place::ItemConstructor {
                return;
            }
            let Some(ast) = e.ast() else { return };
            for path in ast.paths().into_iter().filter(|p| p.root == Root::Item) {
                out.push(
                    report(
                        &Self::META,
                        path.root_span,
                        format!("`$Item` exists only in a Map's ItemConstructor, not in {}", place.describe()),
                    )
                    .with_help("inside a Map processor, the item is the iteration's `$Input`"),
                );
            }
        });
    }
}
