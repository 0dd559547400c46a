use super::common::for_each_call;
use crate::lint::rules::prelude::*;
use crate::lint::{OperationLookup, ServiceLookup};

declare_rule! {
    /// ## What it checks
    /// The operation of a Task `Action` (or of a legacy task's `action`) exists in the
    /// product's API (Alibaba's public API metadata). Operation names are case-sensitive.
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
    ///     Action: ECS:DescribeInstance
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
    /// Use the suggested operation (`DescribeInstances`).
    ///
    /// ## Fix safety
    /// Unsafe: the service may accept the workflow and fail only when the Task runs; the fix makes the
    /// Task call an API (with whatever side effects it has) where it failed before, and the operation
    /// is a guess.
    pub struct UnknownOperation {
        code: "FDL-A002",
        name: "unknown-openapi-operation",
        category: Catalog,
        severity: Error,
        summary: "operation not in the product's API",
    }
}

impl Rule for UnknownOperation {
    rule_meta!();
    fn check(&self, ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
        let Some(catalog) = ctx.catalog else { return };
        for_each_call(ctx.document, &mut |call| {
            let (action, Some((service, op))) = (call.action, call.service_and_operation()) else { return };
            let ServiceLookup::Product(product) = catalog.service(service, op) else { return };
            if let OperationLookup::Unknown { suggestion } = catalog.operation(&product, op) {
                let text = action.span.slice(ctx.source);
                let span = match text.find(op) {
                    Some(i) if text.starts_with(service) => action.span.sub(i as u32, op.len() as u32),
                    _ => action.span,
                };
                let mut d = report(&Self::META, span, format!("`{op}` is not an operation of {product}"));
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
