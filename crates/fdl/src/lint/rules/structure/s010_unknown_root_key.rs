use crate::lint::rules::prelude::*;
use crate::lint::rules::schema;

declare_rule! {
    /// ## What it checks
    /// Keys at the root other than `Type`, `Name`, `SpecVersion`, `StartAt`, `States`,
    /// `Description` (spec §3).
    ///
    /// ## Why
    /// Keys such as `Timeout`, `Comment` or `ExecutionMode` are not documented at the root; the
    /// service may ignore or reject them (UNCERTAIN), so this is a warning. The execution mode is a
    /// flow attribute set through the API, not a definition key.
    ///
    /// ## Example
    /// ```yaml
    /// Type: StateMachine
    /// Comment: my flow
    /// ```
    ///
    /// ## Fix
    /// Remove the key, or use `Description`.
    ///
    /// ## Fix safety
    /// Unsafe: the service may ignore the unknown key (UNCERTAIN), and the rename makes it take effect;
    /// the suggestion is also a guess.
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
            if schema::ROOT_KEYS.contains(&key.name.as_str()) {
                continue;
            }
            let mut d = report(&Self::META, key.key, format!("`{}` is not a documented top-level key", key.name));
            match did_you_mean(&key.name, schema::ROOT_KEYS.iter().copied()) {
                Some(s) => {
                    d = d.with_help(format!("did you mean `{s}`?")).with_fix(Fix::replace(
                        format!("rename to `{s}`"),
                        key.key,
                        s,
                        Applicability::Unsafe,
                    ))
                }
                None => d = d.with_help(format!("documented keys: {}", schema::ROOT_KEYS.join(", "))),
            }
            out.push(d);
        }
    }
}
