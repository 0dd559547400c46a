use super::known::KNOWN_SERVICES;
use crate::lint::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// The service prefix of an `Action` that is not one of CloudFlow's optimized integrations
    /// or a prefix seen in published flows (FC, HTTP, FNF, MNS, EventBridge, OSS, ECS, DashScope).
    ///
    /// ## Why
    /// Any Alibaba Cloud OpenAPI product can be called (normal integration), so this is only
    /// information: check the spelling of the product code. This list is deliberately small; the
    /// OpenAPI catalog check of every product is a separate concern.
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
    ///     Action: Ecss:DescribeInstances
    ///     Parameters:
    ///       RegionId: cn-hangzhou
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
    ///     End: true
    /// ```
    ///
    /// ## Fix
    /// None needed if the product code is right.
    pub struct UnknownService {
        code: "FDL-T030",
        name: "unknown-service",
        category: Integration,
        severity: Info,
        summary: "unknown service prefix (normal integration assumed)",
    }
}

impl Rule for UnknownService {
    rule_meta!();
    fn check(&self, ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
        // With the OpenAPI catalog, FDL-A001 checks services against every product instead.
        let (Some(flow), None) = (ctx.document.as_current(), ctx.catalog) else { return };
        for_each_state(flow, &mut |state, _, _| {
            let StateKind::Task(task) = &state.kind else { return };
            let Some(action) = &task.action else { return };
            let Some((service, _)) = action.value.split_once(':') else { return };
            if KNOWN_SERVICES.contains(&service) {
                return;
            }
            // Underline just the service when the value is written verbatim (unquoted or plain quotes).
            let span = if action.span.slice(ctx.source).starts_with(service) {
                action.span.sub(0, service.len() as u32)
            } else {
                action.span
            };
            let mut d = report(
                &Self::META,
                span,
                format!(
                    "`{service}` is not an optimized integration; it is treated as an Alibaba Cloud OpenAPI product (normal integration)"
                ),
            );
            if let Some(s) = did_you_mean(service, KNOWN_SERVICES.iter().copied()) {
                d = d.with_help(format!("did you mean `{s}`?"));
            }
            out.push(d);
        });
    }
}
