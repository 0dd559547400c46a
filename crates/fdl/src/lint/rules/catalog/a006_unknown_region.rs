use super::common::for_each_api_task;
use crate::lint::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// A literal `RegionId` parameter names a region where the product has an endpoint
    /// (from the endpoints table of Alibaba's metadata).
    ///
    /// ## Why
    /// The table lists public regional endpoints; a new region may be missing from it, so this
    /// is a warning.
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
    ///       RegionId: cn-hangzou
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
    /// Check the region ID (`cn-hangzhou`, not `hangzhou`).
    ///
    /// ## Fix safety
    /// Unsafe: the suggested region is a guess, and it decides where the call goes.
    pub struct UnknownRegion {
        code: "FDL-A006",
        name: "unknown-region",
        category: Catalog,
        severity: Warning,
        summary: "`RegionId` not a known region for the product",
    }
}

impl Rule for UnknownRegion {
    rule_meta!();
    fn check(&self, ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
        let Some(catalog) = ctx.catalog else { return };
        for_each_api_task(ctx.document, catalog, &mut |api| {
            let Some(regions) = catalog.regions(&api.product) else { return };
            for f in api.call.fields().iter().filter(|f| f.key == "RegionId" && !api.call.is_dynamic(f)) {
                let Template::Literal { value: serde_json::Value::String(region), span } = &f.value else { continue };
                if regions.iter().any(|r| r == region) {
                    continue;
                }
                let mut d =
                    report(&Self::META, *span, format!("{} has no endpoint for region `{region}`", api.product));
                if let Some(s) = did_you_mean(region, regions.iter().map(String::as_str)) {
                    d = d.with_help(format!("did you mean `{s}`?")).with_fix(Fix::replace(
                        format!("write `{s}`"),
                        *span,
                        s,
                        Applicability::Unsafe,
                    ));
                }
                out.push(d);
            }
        });
    }
}
