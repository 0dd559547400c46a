use super::known::integration;
use super::param;
use crate::lint::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// Required parameters of the optimized integrations are present: FC
    /// `resourceArn` and `invocationType`, HTTP `url` and `method`, FNF `resourceArn`, MNS
    /// `resourceArn` and `message`, OSS `bucket` and `key`. A `.$` key supplies a parameter too.
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
    ///     Action: HTTP:Request
    ///     Parameters:
    ///       method: GET
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
    ///     Action: HTTP:Request
    ///     Parameters:
    ///       url.$: $Input.url
    ///       method: GET
    ///     End: true
    /// ```
    ///
    /// ## Fix
    /// Add the parameter.
    pub struct MissingParameter {
        code: "FDL-T022",
        name: "missing-integration-parameter",
        category: Integration,
        severity: Error,
        summary: "required parameter of an optimized integration missing",
    }
}

impl Rule for MissingParameter {
    rule_meta!();
    fn check(&self, ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
        let Some(flow) = ctx.document.as_current() else { return };
        for_each_state(flow, &mut |state, _, _| {
            let StateKind::Task(task) = &state.kind else { return };
            let Some(action) = &task.action else { return };
            let Some(spec) = integration(&action.value) else { return };
            let missing: Vec<&str> = spec
                .parameters
                .iter()
                .filter(|(n, req)| *req && param::field(task, n).is_none())
                .map(|(n, _)| *n)
                .collect();
            if missing.is_empty() {
                return;
            }
            let at =
                task.parameters.as_ref().map_or(action.span, |p| state.key("Parameters").map_or(p.span, |k| k.key));
            out.push(report(
                &Self::META,
                at,
                format!(
                    "`{}` needs the parameter{} {}",
                    action.value,
                    if missing.len() > 1 { "s" } else { "" },
                    missing.iter().map(|m| format!("`{m}`")).collect::<Vec<_>>().join(", ")
                ),
            ));
        });
    }
}
