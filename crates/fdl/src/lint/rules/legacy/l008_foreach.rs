use super::walk::for_each_step;
use crate::lint::rules::near_miss;
use crate::lint::rules::prelude::*;
use crate::model::fields::legacy as keys;

declare_rule! {
    /// ## What it checks
    /// A foreach has `iterationMapping` with `collection` and `item`, and `steps`.
    ///
    /// ## Example
    /// ```yaml
    /// version: v1
    /// type: flow
    /// steps:
    ///   - type: foreach
    ///     name: a
    ///     iterationMapping:
    ///       collection: $.names
    ///     steps:
    ///       - type: pass
    ///         name: b
    /// ```
    ///
    /// ## Corrected
    /// ```yaml
    /// version: v1
    /// type: flow
    /// steps:
    ///   - type: foreach
    ///     name: a
    ///     iterationMapping:
    ///       collection: $.names
    ///       item: name
    ///     steps:
    ///       - type: pass
    ///         name: b
    /// ```
    ///
    /// ## Fix
    /// `iterationMapping: {collection: $.names, item: name}` and the steps to run per item.
    pub struct LegacyForeach {
        code: "FDL-L008",
        name: "legacy-foreach",
        category: Legacy,
        severity: Error,
        summary: "foreach without `iterationMapping.collection`/`item` or `steps`",
    }
}

impl Rule for LegacyForeach {
    rule_meta!();
    fn check(&self, ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
        let Some(flow) = ctx.document.as_legacy() else { return };
        for_each_step(flow, &mut |step, _| {
            let StepKind::Foreach(f) = &step.kind else { return };
            let at = f.iteration_mapping.unwrap_or_else(|| step.anchor_span());
            let mut missing = Vec::new();
            // A misspelled key (`colection`) is reported by FDL-L013 with the rename.
            let misspelled = |k: &str| near_miss::stand_in(&f.iteration_mapping_keys, keys::ITERATION_MAPPING, k);
            if f.iteration_mapping.is_none() {
                if near_miss::in_step(step, "iterationMapping").is_none() {
                    missing.push("`iterationMapping`");
                }
            } else {
                if f.collection.is_none() && misspelled("collection").is_none() {
                    missing.push("`iterationMapping.collection`");
                }
                if f.item.is_none() && misspelled("item").is_none() {
                    missing.push("`iterationMapping.item`");
                }
            }
            if !f.steps.present && near_miss::in_step(step, "steps").is_none() {
                missing.push("`steps`");
            }
            if !missing.is_empty() {
                out.push(report(&Self::META, at, format!("this foreach is missing {}", missing.join(", "))));
            }
        });
    }
}
