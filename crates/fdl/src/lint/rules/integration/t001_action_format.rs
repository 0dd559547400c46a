use crate::lint::rules::near_miss;
use crate::lint::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// A Task has an `Action` of the form `<Service>:<Operation>`, e.g.
    /// `FC:InvokeFunction`, `HTTP:Request`, `ECS:DescribeInstances`.
    ///
    /// ## Example
    /// ```yaml
    /// Type: StateMachine
    /// Name: demo
    /// SpecVersion: v1
    /// StartAt: A
    /// States:
    ///   - Type: Task
    ///     Name: A
    ///     Action: InvokeFunction
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
    ///   - Type: Task
    ///     Name: A
    ///     Action: FC:InvokeFunction
    ///     Parameters:
    ///       resourceArn: acs:fc:cn-hangzhou:123:functions/f/LATEST
    ///       invocationType: Sync
    ///     End: true
    /// ```
    ///
    /// ## Fix
    /// Write the service code, a colon and the operation name.
    ///
    /// ## Fix safety
    /// Safe: `FC.InvokeFunction` and `FC/InvokeFunction` have one reading, `FC:InvokeFunction`, and
    /// the service rejects the written form.
    pub struct ActionFormat {
        code: "FDL-T001",
        name: "action-format",
        category: Integration,
        severity: Error,
        summary: "`Action` missing or not `<Service>:<Operation>`",
    }
}

/// `^[A-Za-z][A-Za-z0-9-]*:[A-Za-z][A-Za-z0-9]*$` (spec §5.2, INFERRED; `-` allowed in the
/// service for product codes such as `FC-Open`).
pub fn is_valid_action(action: &str) -> bool {
    let Some((service, op)) = action.split_once(':') else { return false };
    let ident = |s: &str, dash: bool| {
        let mut c = s.chars();
        c.next().is_some_and(|f| f.is_ascii_alphabetic()) && c.all(|x| x.is_ascii_alphanumeric() || (dash && x == '-'))
    };
    ident(service, true) && ident(op, false)
}

impl Rule for ActionFormat {
    rule_meta!();
    fn check(&self, ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
        let Some(flow) = ctx.document.as_current() else { return };
        for_each_state(flow, &mut |state, _, _| {
            let StateKind::Task(task) = &state.kind else { return };
            match &task.action {
                // A misspelling (FDL-S007 reports it with the rename) is the cause.
                None if near_miss::in_state(state, "Action").is_some() => {}
                None if state.key("Action").is_none() => {
                    let name = state.name().unwrap_or("this Task");
                    out.push(report(
                        &Self::META,
                        state.anchor_span(),
                        format!(
                            "Task `{name}` has no `Action`; write `<Service>:<Operation>`, e.g. `FC:InvokeFunction`"
                        ),
                    ));
                }
                Some(a) if !is_valid_action(a.value.trim()) => {
                    let mut d = report(
                        &Self::META,
                        a.span,
                        format!(
                            "`{}` is not `<Service>:<Operation>` (e.g. `FC:InvokeFunction`, `ECS:DescribeInstances`)",
                            a.value
                        ),
                    );
                    if let Some((s, o)) =
                        a.value.split_once(['.', '/']).filter(|(s, o)| is_valid_action(&format!("{s}:{o}")))
                    {
                        let fixed = format!("{s}:{o}");
                        d = d.with_fix(Fix::replace(format!("write `{fixed}`"), a.span, fixed, Applicability::Safe));
                    }
                    out.push(d);
                }
                _ => {}
            }
        });
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn action_shapes() {
        assert!(super::is_valid_action("FC:InvokeFunction"));
        assert!(super::is_valid_action("FC-Open:InvokeFunction"));
        assert!(!super::is_valid_action("InvokeFunction"));
        assert!(!super::is_valid_action("FC:"));
        assert!(!super::is_valid_action("FC:Invoke Function"));
    }
}
