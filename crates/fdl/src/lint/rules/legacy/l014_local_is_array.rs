use super::walk::for_each_step;
use crate::lint::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// `outputMappings` of a parallel or foreach step that read a key of `$local`
    /// (`$local.result`). In those steps `$local` is an array: the outputs of the branches, or of
    /// the iterations, in order. An array has no keys, so the mapping
    /// yields nothing (as far as documented: the documentation shows only `$local[*].key` and `$local[i].key`
    /// on these steps).
    ///
    /// ## Example
    /// ```yaml
    /// version: v1
    /// type: flow
    /// steps:
    ///   - type: parallel
    ///     name: both
    ///     branches:
    ///       - steps:
    ///           - type: pass
    ///             name: one
    ///             outputMappings:
    ///               - target: result
    ///                 source: pass1
    ///       - steps:
    ///           - type: pass
    ///             name: two
    ///             outputMappings:
    ///               - target: result
    ///                 source: pass2
    ///     outputMappings:
    ///       - target: result
    ///         source: $local.result
    ///   - type: foreach
    ///     name: each
    ///     iterationMapping:
    ///       collection: $.names
    ///       item: name
    ///     steps:
    ///       - type: pass
    ///         name: echo
    ///     outputMappings:
    ///       - target: names
    ///         source: "$local.name"
    /// ```
    ///
    /// ## Corrected
    /// ```yaml
    /// version: v1
    /// type: flow
    /// steps:
    ///   - type: parallel
    ///     name: both
    ///     branches:
    ///       - steps:
    ///           - type: pass
    ///             name: one
    ///             outputMappings:
    ///               - target: result
    ///                 source: pass1
    ///       - steps:
    ///           - type: pass
    ///             name: two
    ///             outputMappings:
    ///               - target: result
    ///                 source: pass2
    ///     outputMappings:
    ///       - target: result
    ///         source: $local[*].result
    ///   - type: foreach
    ///     name: each
    ///     iterationMapping:
    ///       collection: $.names
    ///       item: name
    ///     steps:
    ///       - type: pass
    ///         name: echo
    ///     outputMappings:
    ///       - target: names
    ///         source: "$local[*].name"
    /// ```
    ///
    /// ## Fix
    /// `$local[*].result` collects the key from every branch into a list (the documented form);
    /// `$local[0].result` takes the first branch's. The fix writes `$local[*].…`; it is unsafe
    /// because it changes the mapping's value (from nothing to a list).
    pub struct LegacyLocalIsArray {
        code: "FDL-L014",
        name: "legacy-local-is-array",
        category: Legacy,
        severity: Warning,
        summary: "parallel/foreach output mapping reads a key of `$local`, which is an array there",
    }
}

impl Rule for LegacyLocalIsArray {
    rule_meta!();
    fn check(&self, ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
        let Some(flow) = ctx.document.as_legacy() else { return };
        for_each_step(flow, &mut |step, _| {
            let what = match step.kind {
                StepKind::Parallel(_) => "branch",
                StepKind::Foreach(_) => "iteration",
                _ => return,
            };
            for m in step.output_mappings.iter().flatten() {
                let Some(source) = &m.source else { continue };
                let Some(rest) = source.value.as_str().and_then(|t| t.trim().strip_prefix("$local.")) else {
                    continue;
                };
                let all = format!("$local[*].{rest}");
                let mut d = report(
                    &Self::META,
                    source.span,
                    format!(
                        "in a {} step `$local` is the array of {what} outputs, so `$local.{rest}` reads nothing",
                        step.type_.as_ref().map_or("parallel", |t| t.value.as_str())
                    ),
                )
                .with_help(format!("`{all}` lists `{rest}` of every {what}; `$local[0].{rest}` takes the first one"));
                if source_is_plain(ctx.source, source.span, source.value.as_str().unwrap_or_default()) {
                    d = d.with_fix(Fix::replace(format!("read `{all}`"), source.span, all, Applicability::Unsafe));
                }
                out.push(d);
            }
        });
    }
}

/// Whether the source text at `span` is `value` written plainly (no quotes or escapes), so that a
/// replacement of the span keeps the YAML well-formed. `[` and `*` are fine inside a plain
/// scalar that starts with `$`.
fn source_is_plain(source: &str, span: Span, value: &str) -> bool {
    source.get(span.start as usize..span.end as usize).is_some_and(|t| t == value)
}
