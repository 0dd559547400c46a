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
    /// Type: StateMachine
    /// Name: demo
    /// SpecVersion: v1
    /// StartAt: A
    /// States:
    ///   - Type: Pass
    ///     Name: A
    ///     End: true
    ///     InputConstructor:
    ///       a0: &a0 [x, x, x, x, x, x, x, x, x, x]
    ///       a1: &a1 [*a0, *a0, *a0, *a0, *a0, *a0, *a0, *a0, *a0, *a0]
    ///       a2: &a2 [*a1, *a1, *a1, *a1, *a1, *a1, *a1, *a1, *a1, *a1]
    ///       a3: &a3 [*a2, *a2, *a2, *a2, *a2, *a2, *a2, *a2, *a2, *a2]
    ///       a4: &a4 [*a3, *a3, *a3, *a3, *a3, *a3, *a3, *a3, *a3, *a3]
    ///       a5: &a5 [*a4, *a4, *a4, *a4, *a4, *a4, *a4, *a4, *a4, *a4]
    ///       a6: &a6 [*a5, *a5, *a5, *a5, *a5, *a5, *a5, *a5, *a5, *a5]
    ///       a7: &a7 [*a6, *a6, *a6, *a6, *a6, *a6, *a6, *a6, *a6, *a6]
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
    ///     InputConstructor: &shared
    ///       region: cn-hangzhou
    ///     OutputConstructor: *shared
    ///     End: true
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
