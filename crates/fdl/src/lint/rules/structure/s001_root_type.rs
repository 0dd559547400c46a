use crate::lint::rules::near_miss;
use crate::lint::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// The root `Type` is present and is exactly `StateMachine`.
    ///
    /// ## Example
    /// ```yaml
    /// Type: Statemachine
    /// Name: demo
    /// SpecVersion: v1
    /// StartAt: A
    /// States:
    ///   - Type: Pass
    ///     Name: A
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
    ///   - Type: Pass
    ///     Name: A
    ///     End: true
    /// ```
    ///
    /// ## Fix
    /// `Type: StateMachine`.
    ///
    /// ## Fix safety
    /// Safe: `StateMachine` is the only root type, so a workflow with another `Type`, or none, is
    /// rejected, and this is the only reading of it.
    pub struct RootType {
        code: "FDL-S001",
        name: "root-type",
        category: Structure,
        severity: Error,
        summary: "root `Type` missing or not `StateMachine`",
    }
}

impl Rule for RootType {
    rule_meta!();
    fn check(&self, ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
        let Some(flow) = ctx.document.as_current() else { return };
        // A misspelled key is the cause; FDL-S010 reports it with the rename.
        let misspelled = near_miss::in_scope(&flow.scope, true, "Type").is_some();
        match &flow.type_ {
            None if misspelled => {}
            None => out.push(
                report(
                    &Self::META,
                    Span::empty(flow.span.start),
                    "the workflow has no root `Type`; write `Type: StateMachine`",
                )
                .with_fix(Fix::safe(
                    "add `Type: StateMachine`",
                    vec![TextEdit { span: Span::empty(flow.span.start), replacement: "Type: StateMachine\n".into() }],
                )),
            ),
            Some(t) if t.value != "StateMachine" => out.push(
                report(&Self::META, t.span, format!("the root `Type` must be `StateMachine`, not `{}`", t.value))
                    .with_fix(Fix::replace("write `StateMachine`", t.span, "StateMachine", Applicability::Safe)),
            ),
            Some(_) => {}
        }
    }
}
