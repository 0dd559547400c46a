use super::walk::for_each_step;
use crate::lint::rules::near_miss;
use crate::lint::rules::prelude::*;
use crate::model::fields::legacy as keys;

declare_rule! {
    /// ## What it checks
    /// Every item of `inputMappings`, `outputMappings` and `errorMappings` has `target` and
    /// `source`.
    ///
    /// ## Example
    /// ```yaml
    /// version: v1
    /// type: flow
    /// steps:
    ///   - type: pass
    ///     name: a
    ///     outputMappings:
    ///       - target: x
    /// ```
    ///
    /// ## Corrected
    /// ```yaml
    /// version: v1
    /// type: flow
    /// steps:
    ///   - type: pass
    ///     name: a
    ///     outputMappings:
    ///       - target: x
    ///         source: hello
    /// ```
    ///
    /// ## Fix
    /// `- target: <key>` and `source: <path or constant>`.
    pub struct LegacyMappingItem {
        code: "FDL-L011",
        name: "legacy-mapping-item",
        category: Legacy,
        severity: Error,
        summary: "mapping item without `target` or `source`",
    }
}

fn check_list(list: &Option<Vec<Mapping>>, out: &mut Vec<Diagnostic>) {
    for m in list.iter().flatten() {
        let at = m.keys.first().map_or(Span::empty(m.span.start), |k| k.key);
        let missing: Vec<&str> = ["target", "source"]
            .into_iter()
            .filter(|k| !m.keys.iter().any(|x| x.name == *k))
            // A misspelled `sorce` is reported by FDL-L013 with the rename.
            .filter(|k| near_miss::stand_in(&m.keys, keys::MAPPING, k).is_none())
            .collect();
        if !missing.is_empty() {
            out.push(report(
                &LegacyMappingItem::META,
                at,
                format!("this mapping is missing `{}`", missing.join("` and `")),
            ));
        }
    }
}

impl Rule for LegacyMappingItem {
    rule_meta!();
    fn check(&self, ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
        let Some(flow) = ctx.document.as_legacy() else { return };
        check_list(&flow.input_mappings, out);
        check_list(&flow.output_mappings, out);
        for_each_step(flow, &mut |step, _| {
            check_list(&step.input_mappings, out);
            check_list(&step.output_mappings, out);
            if let StepKind::Task(t) = &step.kind {
                check_list(&t.error_mappings, out);
            }
        });
    }
}
