use super::common::{for_each_api_task, param_for};
use crate::lint::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// Every key of a normal-integration Task's `Parameters` (or of a legacy `action` task's
    /// `serviceParams`) is a parameter of the operation (repeat lists may be written flat,
    /// `Tag.1.Key`, or as lists).
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
    ///       RegionID: cn-hangzhou
    ///       RegionId: cn-hangzhou
    ///       PageSise: 10
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
    ///       RegionId: cn-hangzhou
    ///       VpcId: vpc-bp1
    ///       PageSize: 50
    ///       Tag.1.Key: env
    ///       Filter.1.Key: x
    ///     End: true
    /// ```
    ///
    /// ## Fix
    /// Use the suggested name (`RegionId`).
    ///
    /// ## Fix safety
    /// Unsafe: the API may ignore the unknown parameter, and the rename makes it take effect (a
    /// different region or filter, say), which changes what the call does; the suggestion is also a
    /// guess. No fix is offered when the suggested parameter is already set.
    pub struct UnknownParameter {
        code: "FDL-A003",
        name: "unknown-openapi-parameter",
        category: Catalog,
        severity: Warning,
        summary: "parameter not accepted by the operation",
    }
}

impl Rule for UnknownParameter {
    rule_meta!();
    fn check(&self, ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
        let Some(catalog) = ctx.catalog else { return };
        for_each_api_task(ctx.document, catalog, &mut |api| {
            for f in api.call.fields() {
                if param_for(&api.params, &f.key).is_some() {
                    continue;
                }
                let mut d = report(
                    &Self::META,
                    f.key_span,
                    format!("`{}` is not a parameter of {}:{}", f.key, api.product, api.operation),
                );
                if let Some(s) = did_you_mean(&f.key, api.params.iter().map(|p| p.name.as_str())) {
                    let fixed = if f.is_expression { format!("{s}.$") } else { s.to_owned() };
                    d = d.with_help(format!("did you mean `{s}`?")).with_fix(Fix::replace(
                        format!("rename to `{fixed}`"),
                        f.key_span,
                        fixed,
                        Applicability::Unsafe,
                    ));
                }
                out.push(d);
            }
        });
    }
}
