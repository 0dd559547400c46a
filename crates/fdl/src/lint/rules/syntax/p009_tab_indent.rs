use crate::lint::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// Indentation must use spaces; YAML forbids tabs there.
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
    /// 	End: true
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
    /// Replace the tab with spaces (the fix uses two; align with the surrounding lines).
    ///
    /// Reported by the parser.
    ///
    /// ## Fix safety
    /// Unsafe: two spaces may not be the indentation the tab stood for, and the nesting of what
    /// follows depends on it.
    pub struct TabIndent {
        code: "FDL-P009",
        name: "tab-indentation",
        category: Syntax,
        severity: Error,
        summary: "tab character in indentation",
    }
}

impl Rule for TabIndent {
    rule_meta!();
    fn check(&self, _: &LintContext<'_>, _: &mut Vec<Diagnostic>) {}
}
