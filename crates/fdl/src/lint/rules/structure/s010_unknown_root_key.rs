use crate::lint::rules::near_miss::{self, Dialect};
use crate::lint::rules::prelude::*;
use crate::model::fields;

declare_rule! {
    /// ## What it checks
    /// Keys at the root other than `Type`, `Name`, `SpecVersion`, `StartAt`, `States`,
    /// `Description` and `Timeout`.
    ///
    /// ## Why
    /// Keys such as `TimeoutSeconds`, `Comment` or `ExecutionMode` are not documented at the root; the
    /// service may ignore or reject them (the documentation does not say), so this is a warning. The execution mode is a
    /// flow attribute set through the API, not a definition key.
    ///
    /// ## Example
    /// ```yaml
    /// Type: StateMachine
    /// Name: demo
    /// SpecVersion: v1
    /// Comment: greets the world
    /// StartAt: A
    /// States:
    ///   - Type: Pass
    ///     Name: A
    ///     End: true
    /// ```
    ///
    /// ## Corrected
    /// ```yaml
    /// Type: StateMachine
    /// Name: demo
    /// SpecVersion: v1
    /// Description: greets the world
    /// StartAt: A
    /// States:
    ///   - Type: Pass
    ///     Name: A
    ///     End: true
    /// ```
    ///
    /// ## Fix
    /// Remove the key, or use `Description`.
    ///
    /// ## Fix safety
    /// Safe only when the mapping is invalid without the key the rename supplies (a missing
    /// `Next`, `Type` or `StartAt`): the service rejects the file as written, and the rename
    /// completes it in the one way its text suggests. Unsafe otherwise: the service may accept
    /// and ignore the unknown key (the documentation does not say), and the rename makes it take effect. No fix is
    /// offered when the suggested key is already in the mapping.
    pub struct UnknownRootKey {
        code: "FDL-S010",
        name: "unknown-root-key",
        category: Structure,
        severity: Warning,
        summary: "unknown top-level key",
    }
}

impl Rule for UnknownRootKey {
    rule_meta!();
    fn check(&self, ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
        let Some(flow) = ctx.document.as_current() else { return };
        for key in &flow.keys {
            if fields::ROOT_KEYS.contains(&key.name.as_str()) {
                continue;
            }
            out.push(near_miss::unknown_key(
                &Self::META,
                Dialect::Current,
                key,
                &flow.keys,
                fields::ROOT_KEYS,
                "the workflow's top level",
            ));
        }
    }
}
