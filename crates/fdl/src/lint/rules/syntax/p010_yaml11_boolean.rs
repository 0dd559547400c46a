use crate::lint::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// Plain `yes`, `no`, `on`, `off` (any case) as values.
    ///
    /// ## Why
    /// YAML 1.2 reads them as strings, YAML 1.1 libraries as booleans. The library behind
    /// CloudFlow is not documented, so say what you mean.
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
    ///     End: yes
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
    ///     OutputConstructor:
    ///       answer: "yes"
    ///     End: true
    /// ```
    ///
    /// ## Fix
    /// Write `true`/`false` for a boolean, or quote the word for a string. The offered fix writes
    /// the boolean.
    ///
    /// Reported by the parser.
    ///
    /// ## Fix safety
    /// Unsafe: under YAML 1.2 the value is the string `yes`; `true` changes it to a boolean, which is
    /// a guess at what the backend reads.
    pub struct Yaml11Boolean {
        code: "FDL-P010",
        name: "yaml11-boolean",
        category: Syntax,
        severity: Warning,
        summary: "YAML 1.1 boolean spelling (`yes`/`no`/`on`/`off`)",
    }
}

impl Rule for Yaml11Boolean {
    rule_meta!();
    fn check(&self, _: &LintContext<'_>, _: &mut Vec<Diagnostic>) {}
}
