use super::common::for_each_api_task;
use crate::lint::rules::prelude::*;
use crate::lint::{ParamPosition, param_matches};

declare_rule! {
    /// ## What it checks
    /// Required parameters of a normal-integration operation are present in `Parameters`
    /// (literally or as a `.$` expression). Parameters carried in the path or host are left to
    /// the request builder.
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
    ///     Action: ECS:DescribeInstances
    ///     Parameters:
    ///       VpcId: vpc-bp1
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
    ///     Action: ECS:DescribeInstances
    ///     Parameters:
    ///       RegionId.$: $Input.region
    ///     End: true
    /// ```
    ///
    /// ## Fix
    /// Add the parameter (`RegionId`).
    pub struct MissingRequiredParameter {
        code: "FDL-A004",
        name: "missing-openapi-parameter",
        category: Catalog,
        severity: Error,
        summary: "required parameter of the operation missing",
    }
}

impl Rule for MissingRequiredParameter {
    rule_meta!();
    fn check(&self, ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
        let Some(catalog) = ctx.catalog else { return };
        for_each_api_task(ctx.document, catalog, &mut |api| {
            let given = api.call.fields();
            let missing: Vec<&str> = api
                .params
                .iter()
                .filter(|p| p.required && p.position != ParamPosition::Host)
                .filter(|p| {
                    !given.iter().any(|f| param_matches(&p.name, &f.key) || f.key.starts_with(&format!("{}.", p.name)))
                })
                .map(|p| p.name.as_str())
                .collect();
            if missing.is_empty() {
                return;
            }
            let at = api.call.params_at;
            out.push(report(
                &Self::META,
                at,
                format!(
                    "{}:{} requires {}",
                    api.product,
                    api.operation,
                    missing.iter().map(|m| format!("`{m}`")).collect::<Vec<_>>().join(", ")
                ),
            ));
        });
    }
}
