use crate::lint::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// The document is an AWS Step Functions definition (Amazon States Language): `StartAt` and
    /// `States` at the root, with `States` a mapping from state names to states, and none of
    /// CloudFlow's root keys `Type` and `SpecVersion`.
    ///
    /// ## Why
    /// CloudFlow's current dialect grew out of the same ideas and shares many keys (`StartAt`,
    /// `Next`, `End`, `Choice`, `Retry`, `Catch`), so such a file looks almost right, and checked
    /// as CloudFlow it gets a handful of generic errors that hide what is wrong: it is written
    /// for another service. This one finding says so, and what to change.
    ///
    /// ## Example
    /// A workflow in the Amazon States Language:
    ///
    /// ```yaml
    /// Comment: A Hello World example of the Amazon States Language using a Pass state
    /// StartAt: HelloWorld
    /// States:
    ///   HelloWorld:
    ///     Type: Pass
    ///     Result: Hello World!
    ///     End: true
    /// ```
    ///
    /// ## Corrected
    /// The same workflow in CloudFlow:
    ///
    /// ```yaml
    /// Type: StateMachine
    /// Name: hello-world
    /// SpecVersion: v1
    /// StartAt: HelloWorld
    /// States:
    ///   - Name: HelloWorld
    ///     Type: Pass
    ///     End: true
    /// ```
    ///
    /// ## Fix
    /// Add `Type: StateMachine`, `Name` and `SpecVersion: v1` at the root; write `States` as a
    /// list, each state's name in its `Name`; replace each Task's AWS `Resource` ARN with a
    /// CloudFlow `Action` (for example `FC:InvokeFunction` for a Lambda function) and its
    /// `Parameters`. There is no automatic fix: the integrations differ between the services.
    ///
    /// Reported by lowering (`lower::lower`), instead of every other finding.
    pub struct StepFunctionsDefinition {
        code: "FDL-P013",
        name: "aws-step-functions-definition",
        category: Syntax,
        severity: Error,
        summary: "an AWS Step Functions (Amazon States Language) definition, not a CloudFlow workflow",
    }
}

impl Rule for StepFunctionsDefinition {
    rule_meta!();
    fn check(&self, _: &LintContext<'_>, _: &mut Vec<Diagnostic>) {}
}
