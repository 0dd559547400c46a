use super::common::for_each_call;
use crate::lint::ServiceLookup;
use crate::lint::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// The service of a Task `Action` (or of a legacy task's `action`) is an Alibaba Cloud
    /// OpenAPI product (matched to product codes case-insensitively, e.g. `ECS` → `Ecs`) or one
    /// of CloudFlow's optimized integrations. Needs the OpenAPI catalog (the CLI has it built in).
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
    ///     Action: ECSS:DescribeInstances
    ///     Parameters:
    ///       RegionId: cn-hangzhou
    ///       VpcId: vpc-bp1
    ///       PageSize: 50
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
    ///     End: true
    /// ```
    ///
    /// ## Fix
    /// Use the suggested product code.
    ///
    /// ## Fix safety
    /// Unsafe: the suggested product is a guess, and it decides which API is called.
    pub struct UnknownService {
        code: "FDL-A001",
        name: "unknown-openapi-service",
        category: Catalog,
        severity: Warning,
        summary: "service is not a known Alibaba Cloud product",
    }
}

impl Rule for UnknownService {
    rule_meta!();
    fn check(&self, ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
        let Some(catalog) = ctx.catalog else { return };
        for_each_call(ctx.document, &mut |call| {
            let (action, Some((service, op))) = (call.action, call.service_and_operation()) else { return };
            if let ServiceLookup::Unknown { suggestion } = catalog.service(service, op) {
                let span = if action.span.slice(ctx.source).starts_with(service) {
                    action.span.sub(0, service.len() as u32)
                } else {
                    action.span
                };
                let mut d = report(
                    &Self::META,
                    span,
                    format!("`{service}` is not an Alibaba Cloud product code or a CloudFlow integration"),
                );
                if let Some(s) = suggestion {
                    d = d.with_help(format!("did you mean `{s}`?")).with_fix(Fix::replace(
                        format!("write `{s}`"),
                        span,
                        s,
                        Applicability::Unsafe,
                    ));
                }
                out.push(d);
            }
        });
    }
}
