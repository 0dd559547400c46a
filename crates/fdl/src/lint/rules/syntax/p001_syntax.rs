use crate::lint::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// The text must be valid YAML whose top level is a mapping.
    ///
    /// ## Why
    /// CloudFlow rejects a definition that does not parse; nothing else can be checked until it does.
    ///
    /// ## Example
    /// ```yaml
    /// Type: StateMachine
    /// Name: demo
    /// SpecVersion: v1
    /// StartAt: A
    /// States: [
    ///   - Type: Pass
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
    /// Correct the YAML at the reported position (an unclosed bracket, a bad indent, a stray `:`).
    ///
    /// Reported by the parser (`yaml::parse`) and by lowering, before the other rules run.
    ///
    /// The embed package (`<cloudflow-lint>`, `dist/embed`) reads YAML with fdl's own scanner
    /// instead of a full YAML 1.2 parser, to stay small. It reads what workflows are written in
    /// (block and flow collections, every scalar style, anchors, aliases, tags on values). For
    /// the rest (`?` keys, verbatim tags, `...`, directives, tabs) it reports this rule at the
    /// place it stopped, saying what it met there; `flowplay lint` and the playground read it.
    pub struct YamlSyntax {
        code: "FDL-P001",
        name: "yaml-syntax",
        category: Syntax,
        severity: Error,
        summary: "the document is not valid YAML, or its top level is not a mapping",
    }
}

impl Rule for YamlSyntax {
    rule_meta!();
    fn check(&self, _: &LintContext<'_>, _: &mut Vec<Diagnostic>) {}
}
