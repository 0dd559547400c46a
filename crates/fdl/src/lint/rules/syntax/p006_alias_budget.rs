use crate::lint::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// YAML aliases (`*name`) are expanded, but expansion may create at most 10,000 nodes.
    ///
    /// ## Why
    /// A few nested aliases can expand to billions of nodes (an "alias bomb"); such a document is
    /// refused quickly instead of exhausting memory.
    ///
    /// ## Example
    /// ```yaml
    /// a: &a [x, x, x, x, x, x, x, x, x, x]
    /// b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]
    /// c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]
    /// ```
    ///
    /// ## Fix
    /// Write the repeated content out, or nest fewer aliases.
    ///
    /// Reported by the parser.
    pub struct AliasBudget {
        code: "FDL-P006",
        name: "alias-expansion-budget",
        category: Syntax,
        severity: Error,
        summary: "alias expansion would create more than 10,000 nodes",
    }
}

impl Rule for AliasBudget {
    rule_meta!();
    fn check(&self, _: &LintContext<'_>, _: &mut Vec<Diagnostic>) {}
}
