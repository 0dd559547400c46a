use crate::lint::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// Keys of a mapping must be unique.
    ///
    /// ## Why
    /// Which of two equal keys wins depends on the YAML library; CloudFlow's is unknown, so the
    /// definition means different things to different tools.
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
    ///     Next: B
    ///     Next: A
    ///   - Type: Pass
    ///     Name: B
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
    /// Remove or rename one of the two entries.
    ///
    /// Reported by the parser, with a label on the first occurrence.
    pub struct DuplicateKey {
        code: "FDL-P008",
        name: "duplicate-key",
        category: Syntax,
        severity: Error,
        summary: "the same key twice in one mapping",
    }
}

impl Rule for DuplicateKey {
    rule_meta!();
    fn check(&self, _: &LintContext<'_>, _: &mut Vec<Diagnostic>) {}
}
