use crate::lint::rules::prelude::*;
use crate::model::fields;

declare_rule! {
    /// ## What it checks
    /// A state uses only fields of its own type: `Seconds` belongs to Wait,
    /// `Action` to Task, `ItemsPath` to Map, `Branches` to Choice and Parallel, and so on.
    ///
    /// ## Example
    /// ```yaml
    /// Type: StateMachine
    /// Name: demo
    /// SpecVersion: v1
    /// StartAt: Sleep
    /// States:
    ///   - Type: Pass
    ///     Name: Sleep
    ///     Seconds: 10
    ///     End: true
    /// ```
    ///
    /// ## Corrected
    /// ```yaml
    /// Type: StateMachine
    /// Name: demo
    /// SpecVersion: v1
    /// StartAt: Sleep
    /// States:
    ///   - Type: Wait
    ///     Name: Sleep
    ///     Seconds: 10
    ///     End: true
    /// ```
    ///
    /// ## Fix
    /// Change the state's `Type`, or remove the field. (`Next`, `End`, `Retry`, `Catch` have
    /// their own rules: FDL-S033, FDL-S034, FDL-R001.)
    pub struct FieldOfOtherType {
        code: "FDL-S006",
        name: "field-of-other-state-type",
        category: Structure,
        severity: Error,
        summary: "field valid only for another state type",
    }
}

impl Rule for FieldOfOtherType {
    rule_meta!();
    fn check(&self, ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
        let Some(flow) = ctx.document.as_current() else { return };
        for_each_state(flow, &mut |state, _, _| {
            let Some(t) = state.state_type() else { return };
            for key in &state.keys {
                if fields::allowed(t, &key.name) || fields::KEYS_WITH_DEDICATED_RULES.contains(&key.name.as_str()) {
                    continue;
                }
                let owners = fields::owners(&key.name);
                if owners.is_empty() {
                    continue; // unknown everywhere: FDL-S007
                }
                let owners: Vec<&str> = owners.iter().map(|o| o.as_str()).collect();
                out.push(
                    report(
                        &Self::META,
                        key.key,
                        format!("`{}` is a field of {}, not of a {} state", key.name, owners.join("/"), t.as_str()),
                    )
                    .with_help(format!("remove it, or change `Type` to {}", owners.join(" or "))),
                );
            }
        });
    }
}
