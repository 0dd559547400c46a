use crate::lint::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// The document must be recognisable as a workflow of one of the two dialects:
    /// the current one (`Type`, `SpecVersion`, `StartAt`, `States` at the root) or the legacy one
    /// (`version`, `type: flow`, `steps`).
    ///
    /// ## Example
    /// ```yaml
    /// Comment: not a workflow
    /// StartState: A
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
    /// Start from `Type: StateMachine`, `Name`, `SpecVersion: v1`, `StartAt`, `States`.
    ///
    /// Reported by lowering (`lower::lower`).
    pub struct NotCloudFlow {
        code: "FDL-P002",
        name: "not-a-workflow",
        category: Syntax,
        severity: Error,
        summary: "the document is not recognisable as either CloudFlow dialect",
    }
}

impl Rule for NotCloudFlow {
    rule_meta!();
    fn check(&self, _: &LintContext<'_>, _: &mut Vec<Diagnostic>) {}
}
