use crate::lint::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// A state's `Type` is one of the eight types, spelled exactly: Task, Pass, Choice, Parallel,
    /// Map, Wait, Succeed, Fail.
    ///
    /// ## Example
    /// ```yaml
    /// Type: StateMachine
    /// Name: demo
    /// SpecVersion: v1
    /// StartAt: A
    /// States:
    ///   - Type: Succeeded
    ///     Name: A
    /// ```
    ///
    /// ## Corrected
    /// ```yaml
    /// Type: StateMachine
    /// Name: demo
    /// SpecVersion: v1
    /// StartAt: A
    /// States:
    ///   - Type: Succeed
    ///     Name: A
    /// ```
    ///
    /// ## Fix
    /// Use the suggested type (`Succeeded` → `Succeed`).
    ///
    /// ## Fix safety
    /// Safe when the written type differs from a type only in letter case (`pass` → `Pass`): the
    /// workflow is rejected, and no other type reads the same. Unsafe otherwise (`Succeeded` →
    /// `Succeed`, `Wiat` → `Wait`): a guess at which state was meant, and state types behave
    /// entirely differently.
    pub struct UnknownStateType {
        code: "FDL-S005",
        name: "unknown-state-type",
        category: Structure,
        severity: Error,
        summary: "unknown state `Type`",
    }
}

impl Rule for UnknownStateType {
    rule_meta!();
    fn check(&self, ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
        let Some(flow) = ctx.document.as_current() else { return };
        for_each_state(flow, &mut |state, _, _| {
            let Some(t) = &state.type_ else { return };
            if StateType::parse(&t.value).is_some() {
                return;
            }
            let names = StateType::ALL.map(StateType::as_str);
            let suggestion = did_you_mean(&t.value, names).or_else(|| aws_equivalent(&t.value));
            let mut d = report(
                &Self::META,
                t.span,
                format!("`{}` is not a state type; expected one of {}", t.value, names.join(", ")),
            );
            if let Some(s) = suggestion {
                d = d.with_help(format!("did you mean `{s}`?")).with_fix(Fix::replace(
                    format!("write `{s}`"),
                    t.span,
                    s,
                    correction(&t.value, s, names),
                ));
            }
            out.push(d);
        });
    }
}

/// Step Functions spellings people paste.
fn aws_equivalent(t: &str) -> Option<&'static str> {
    match t {
        "Success" | "Succeeded" => Some("Succeed"),
        "Failure" | "Failed" => Some("Fail"),
        _ => None,
    }
}
