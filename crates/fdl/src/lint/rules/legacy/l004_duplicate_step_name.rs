use super::walk::for_each_list;
use crate::lint::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// Sibling steps have distinct names (`goto` addresses siblings by name).
    ///
    /// ## Example
    /// ```yaml
    /// version: v1
    /// type: flow
    /// steps:
    ///   - type: pass
    ///     name: a
    ///   - type: pass
    ///     name: a
    /// ```
    ///
    /// ## Corrected
    /// ```yaml
    /// version: v1
    /// type: flow
    /// steps:
    ///   - type: pass
    ///     name: a
    ///   - type: pass
    ///     name: b
    /// ```
    ///
    /// ## Fix
    /// Rename one of them.
    pub struct LegacyDuplicateStepName {
        code: "FDL-L004",
        name: "legacy-duplicate-step-name",
        category: Legacy,
        severity: Error,
        summary: "duplicate step names among siblings",
    }
}

impl Rule for LegacyDuplicateStepName {
    rule_meta!();
    fn check(&self, ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
        let Some(flow) = ctx.document.as_legacy() else { return };
        for_each_list(flow, &mut |list| {
            let mut seen: std::collections::HashMap<&str, Span> = std::collections::HashMap::new();
            for step in &list.steps {
                let Some(name) = &step.name else { continue };
                match seen.get(name.value.as_str()) {
                    Some(first) => out.push(
                        report(
                            &Self::META,
                            name.span,
                            format!("another sibling step is already called `{}`", name.value),
                        )
                        .with_label(*first, "first defined here"),
                    ),
                    None => {
                        seen.insert(&name.value, name.span);
                    }
                }
            }
        });
    }
}
