use crate::lint::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// Every known key has a value of the right YAML type: `End` a boolean, `States` a list,
    /// constructors mappings, `Timeout`/`MaxAttempts` integers, names strings, and so on.
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
    ///     InputConstructor: [a, b]
    ///     End: "true"
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
    /// Write the value with the type the message names.
    ///
    /// Reported by lowering (`lower`), where values enter the model.
    pub struct WrongValueType {
        code: "FDL-S008",
        name: "wrong-value-type",
        category: Structure,
        severity: Error,
        summary: "a key's value has the wrong YAML type",
    }
}

impl Rule for WrongValueType {
    rule_meta!();
    fn check(&self, _: &LintContext<'_>, _: &mut Vec<Diagnostic>) {}
}
