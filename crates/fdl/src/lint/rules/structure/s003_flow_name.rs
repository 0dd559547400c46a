use crate::lint::rules::near_miss;
use crate::lint::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// The root `Name` is present, 1–128 characters of letters, digits, `_` and `-`, starting
    /// with a letter or `_`. It must also equal the flow's name in the API.
    ///
    /// ## Example
    /// ```yaml
    /// Type: StateMachine
    /// Name: 9 my flow
    /// SpecVersion: v1
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
    /// StartAt: A
    /// States:
    ///   - Type: Pass
    ///     Name: A
    ///     End: true
    /// ```
    ///
    /// ## Fix
    /// `Name: my_flow`.
    pub struct FlowName {
        code: "FDL-S003",
        name: "flow-name",
        category: Structure,
        severity: Error,
        summary: "root `Name` missing or not a valid flow name",
    }
}

/// Whether `name` follows the flow/execution name rule of spec §2.
pub fn is_valid_flow_name(name: &str) -> bool {
    let mut chars = name.chars();
    let Some(first) = chars.next() else { return false };
    name.chars().count() <= 128
        && (first.is_ascii_alphabetic() || first == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

impl Rule for FlowName {
    rule_meta!();
    fn check(&self, ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
        let Some(flow) = ctx.document.as_current() else { return };
        // A misspelled key is the cause; FDL-S010 reports it with the rename.
        let misspelled = near_miss::in_scope(&flow.scope, true, "Name").is_some();
        match &flow.name {
            None if misspelled => {}
            None => out.push(report(
                &Self::META,
                flow.type_.as_ref().map_or(Span::empty(flow.span.start), |t| t.span),
                "the workflow has no root `Name`; add one equal to the flow's name, e.g. `Name: my_flow`",
            )),
            Some(n) if !is_valid_flow_name(&n.value) => out.push(
                report(
                    &Self::META,
                    n.span,
                    format!(
                        "`{}` is not a valid flow name: use 1–128 letters, digits, `_` or `-`, starting with a letter or `_`",
                        n.value
                    ),
                ),
            ),
            Some(_) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn flow_name_rule() {
        assert!(super::is_valid_flow_name("_a-1"));
        assert!(!super::is_valid_flow_name("1a"));
        assert!(!super::is_valid_flow_name("a b"));
        assert!(!super::is_valid_flow_name(&"a".repeat(129)));
    }
}
