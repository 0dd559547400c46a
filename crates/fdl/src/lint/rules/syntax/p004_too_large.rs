use crate::lint::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// The document must not exceed 1 MiB. CloudFlow's API caps a request at 1,024 KiB, which
    /// bounds the size of a definition.
    ///
    /// ## Fix
    /// Split the workflow (child flows with `FNF:StartExecution`) or move large constants out.
    ///
    /// Reported by the parser before it reads the text, so a huge paste is refused at once.
    pub struct DocumentTooLarge {
        code: "FDL-P004",
        name: "document-too-large",
        category: Syntax,
        severity: Error,
        summary: "the document is larger than 1 MiB",
    }
}

impl Rule for DocumentTooLarge {
    rule_meta!();
    fn check(&self, _: &LintContext<'_>, _: &mut Vec<Diagnostic>) {}
}
