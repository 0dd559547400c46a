use crate::lint::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// A legacy flow has `type: flow` and a non-empty `steps` list. A bare `steps:`
    /// list copied from a documentation fragment, without `version` and `type`, is not a flow
    /// the service accepts.
    ///
    /// ## Example
    /// ```yaml
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
    /// Add `version: v1` and `type: flow` at the top (the fix does), or migrate to the current
    /// dialect.
    ///
    /// ## Fix safety
    /// Safe: `flow` is the only legacy `type`, and a fragment with no header is rejected; the header
    /// added (`version: v1`, `type: flow`) is the only one a legacy flow can have.
    pub struct LegacyFlowShape {
        code: "FDL-L002",
        name: "legacy-flow-shape",
        category: Legacy,
        severity: Error,
        summary: "legacy `type` not `flow`, or `steps` missing or empty",
    }
}

impl Rule for LegacyFlowShape {
    rule_meta!();
    fn check(&self, ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
        let Some(flow) = ctx.document.as_legacy() else { return };
        let first = flow.keys.first().map_or(Span::empty(flow.span.start), |k| k.key);
        match &flow.type_ {
            Some(t) if t.value != "flow" => out.push(
                report(&Self::META, t.span, format!("a legacy flow has `type: flow`, not `type: {}`", t.value))
                    .with_fix(Fix::replace("write `flow`", t.span, "flow", Applicability::Safe)),
            ),
            None => {
                let fragment = flow.version.is_none();
                let message = if fragment {
                    "this is a fragment of a legacy flow: it has `steps` but no `version: v1` and `type: flow`"
                } else {
                    "a legacy flow needs `type: flow`"
                };
                let insert = if fragment { "version: v1\ntype: flow\n" } else { "type: flow\n" };
                let at = ctx.source.get(..first.start as usize).and_then(|p| p.rfind('\n')).map_or(0, |i| i as u32 + 1);
                out.push(report(&Self::META, first, message).with_fix(Fix::safe(
                    "add the missing header",
                    vec![TextEdit { span: Span::empty(at), replacement: insert.into() }],
                )));
            }
            _ => {}
        }
        if !flow.steps.present {
            out.push(report(&Self::META, first, "a legacy flow needs a `steps` list"));
        } else if flow.steps.steps.is_empty() {
            out.push(report(&Self::META, flow.steps.span, "`steps` is empty; a flow needs at least one step"));
        }
    }
}
