use super::walk::{for_each_step, is_legacy_path};
use crate::CompactString;
use crate::lint::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// Mapping sources and `serviceParams` values that start with `$` are valid legacy paths
    /// (`$input.x`, `$local[*].name`, `$context.task.token`, `$.x`, `$`), and choice and loop
    /// conditions parse.
    ///
    /// ## Why
    /// Text after a path (for example a `//` comment, which YAML does not know) becomes part of
    /// the source string, so the path no longer resolves.
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
    ///         source: $input.name // the name
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
    ///         source: $input.name
    /// ```
    ///
    /// ## Fix
    /// Keep only the path; write comments with `#`.
    pub struct LegacyInvalidPath {
        code: "FDL-L012",
        name: "legacy-invalid-path",
        category: Legacy,
        severity: Error,
        summary: "mapping source, service parameter or condition is not a valid legacy path/expression",
    }
}

fn check_sources(list: &Option<Vec<Mapping>>, out: &mut Vec<Diagnostic>) {
    for m in list.iter().flatten() {
        let Some(source) = &m.source else { continue };
        if let Some(text) = source.value.as_str() {
            check_path(text, source.span, out);
        }
    }
}

/// String values of `serviceParams` (at any depth) are read like mapping sources.
fn check_service_params(template: &Template, out: &mut Vec<Diagnostic>) {
    match template {
        Template::Literal { value: serde_json::Value::String(text), span } => check_path(text, *span, out),
        Template::Object { fields, .. } => fields.iter().for_each(|f| check_service_params(&f.value, out)),
        Template::Array { items, .. } => items.iter().for_each(|t| check_service_params(t, out)),
        Template::Literal { .. } | Template::Expression(_) => {}
    }
}

fn check_path(text: &str, span: Span, out: &mut Vec<Diagnostic>) {
    if text.starts_with('$') && !is_legacy_path(text.trim()) {
        let path_len = text.find([' ', '\t']).unwrap_or(text.len());
        let mut d = report(
            &LegacyInvalidPath::META,
            span,
            format!(
                "`{text}` is not a valid path: a path is `$input.…`, `$local.…`, `$context.…` or `$.…` with nothing after it"
            ),
        );
        if path_len < text.len() && is_legacy_path(&text[..path_len]) {
            d = d.with_help(format!("did you mean `{}`? Comments in YAML start with `#`", &text[..path_len]));
        }
        out.push(d);
    }
}

impl Rule for LegacyInvalidPath {
    rule_meta!();
    fn check(&self, ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
        let Some(flow) = ctx.document.as_legacy() else { return };
        check_sources(&flow.input_mappings, out);
        check_sources(&flow.output_mappings, out);
        for_each_step(flow, &mut |step, _| {
            check_sources(&step.input_mappings, out);
            check_sources(&step.output_mappings, out);
            if let StepKind::Task(t) = &step.kind {
                check_sources(&t.error_mappings, out);
                for f in t.service_params.iter().flat_map(|p| &p.fields) {
                    check_service_params(&f.value, out);
                }
            }
            let conditions: Vec<&Spanned<CompactString>> = match &step.kind {
                StepKind::Choice(c) => c.choices.iter().filter_map(|b| b.condition.as_ref()).collect(),
                StepKind::Loop(l) => l.pre_condition.iter().chain(&l.post_condition).collect(),
                _ => Vec::new(),
            };
            for cond in conditions {
                if let Err(e) = crate::expr::parse(&cond.value) {
                    out.push(report(&Self::META, cond.span, format!("invalid condition: {}", e.message)));
                }
            }
        });
    }
}
