use crate::lint::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// A legacy flow's `version` is `v1` or `v1beta1` (the documentation says only `v1`, yet
    /// `v1beta1` is what Terraform, Serverless Devs and generators write).
    ///
    /// ## Example
    /// ```yaml
    /// version: v9
    /// type: flow
    /// steps:
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
    /// ```
    ///
    /// ## Fix
    /// `version: v1`.
    ///
    /// ## Fix safety
    /// Adding a missing `version: v1` is safe: the legacy dialect requires `version`, and `v1` is its
    /// only documented version (`v1beta1`, which generators write, means the same). Rewriting another
    /// version to `v1` is unsafe: what the written version was meant to select is a guess.
    pub struct LegacyVersion {
        code: "FDL-L001",
        name: "legacy-version",
        category: Legacy,
        severity: Warning,
        summary: "legacy `version` not `v1`/`v1beta1`",
    }
}

impl Rule for LegacyVersion {
    rule_meta!();
    fn check(&self, ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
        let Some(flow) = ctx.document.as_legacy() else { return };
        match &flow.version {
            Some(v) if v.value != "v1" && v.value != "v1beta1" => out.push(
                report(
                    &Self::META,
                    v.span,
                    format!("`version: {}` is unknown; legacy flows use `v1` (or `v1beta1`)", v.value),
                )
                .with_fix(Fix::replace("write `v1`", v.span, "v1", Applicability::Unsafe)),
            ),
            None if flow.keys.iter().all(|k| k.name != "version") => {
                let at = flow.keys.first().map_or(Span::empty(flow.span.start), |k| k.key);
                out.push(report(&Self::META, at, "this legacy flow has no `version`; add `version: v1`").with_fix(
                    Fix::safe(
                        "add `version: v1`",
                        vec![TextEdit {
                            span: Span::empty(line_start(ctx.source, at.start)),
                            replacement: "version: v1\n".into(),
                        }],
                    ),
                ));
            }
            _ => {}
        }
    }
}

fn line_start(source: &str, offset: u32) -> u32 {
    source.get(..offset as usize).and_then(|p| p.rfind('\n')).map_or(0, |i| i as u32 + 1)
}
