use crate::lint::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// The root must not mix keys of the current dialect (`Type`, `States`, …) with keys of the
    /// legacy one (`version`, `type: flow`, `steps`).
    ///
    /// ## Example
    /// ```yaml
    /// Type: StateMachine
    /// Name: demo
    /// SpecVersion: v1
    /// StartAt: A
    /// version: v1
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
    /// Keep one dialect. `flowplay lint --fix` migrates a legacy flow to the current dialect.
    ///
    /// Reported by lowering (`lower::lower`).
    pub struct MixedDialects {
        code: "FDL-P003",
        name: "mixed-dialects",
        category: Syntax,
        severity: Error,
        summary: "keys of both dialects at the root",
    }
}

impl Rule for MixedDialects {
    rule_meta!();
    fn check(&self, _: &LintContext<'_>, _: &mut Vec<Diagnostic>) {}
}
