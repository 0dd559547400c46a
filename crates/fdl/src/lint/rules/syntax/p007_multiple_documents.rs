use crate::lint::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// A workflow file holds exactly one YAML document.
    ///
    /// ## Example
    /// ```yaml
    /// Type: StateMachine
    /// ---
    /// Type: StateMachine
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
