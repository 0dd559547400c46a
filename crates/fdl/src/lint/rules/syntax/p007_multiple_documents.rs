use crate::lint::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// A workflow file holds exactly one YAML document.
    ///
    /// ## Example
    /// ```yaml
    /// Type: StateMachine
    /// Name: demo
    /// SpecVersion: v1
    /// StartAt: A
    /// States:
    ///   - Type: Pass
    ///     Name: A
    ///     End: true
    /// ---
    /// Type: StateMachine
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
    /// Put each workflow in its own file; everything after the second `---` is ignored.
    ///
    /// Reported by the parser.
    pub struct MultipleDocuments {
        code: "FDL-P007",
        name: "multiple-documents",
        category: Syntax,
        severity: Error,
        summary: "more than one YAML document in the file",
    }
}

impl Rule for MultipleDocuments {
    rule_meta!();
    fn check(&self, _: &LintContext<'_>, _: &mut Vec<Diagnostic>) {}
}
