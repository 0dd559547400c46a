use crate::lint::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// Mappings and lists must not nest more than 64 levels deep.
    ///
    /// ## Why
    /// Real workflows need a few levels per Parallel or Map; very deep nesting is a mistake or an
    /// attack on the parser, and is refused before it can exhaust the stack.
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
    ///       deep: [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]
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
    /// Flatten the structure.
    ///
    /// Reported by the parser.
    pub struct NestingTooDeep {
        code: "FDL-P005",
        name: "nesting-too-deep",
        category: Syntax,
        severity: Error,
        summary: "mappings and lists nested more than 64 levels deep",
    }
}

impl Rule for NestingTooDeep {
    rule_meta!();
    fn check(&self, _: &LintContext<'_>, _: &mut Vec<Diagnostic>) {}
}
