use crate::lint::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// `MaxConcurrency` of an inline Map is 1–40; of a distributed Map at least
    /// 1, with a warning above the default quota of 100.
    ///
    /// ## Example
    /// ```yaml
    /// Type: StateMachine
    /// Name: demo
    /// SpecVersion: v1
    /// StartAt: A
    /// States:
    ///   - Type: Map
    ///     Name: A
    ///     ItemsPath: $Input.items
    ///     MaxConcurrency: 100
    ///     Processor:
    ///       StartAt: E
    ///       States:
    ///         - Type: Pass
    ///           Name: E
    ///           End: true
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
    ///   - Type: Map
    ///     Name: A
    ///     ItemsPath: $Input.items
    ///     MaxConcurrency: 40
    ///     Processor:
    ///       StartAt: E
    ///       States:
    ///         - Type: Pass
    ///           Name: E
    ///           End: true
    ///     End: true
    /// ```
    ///
    /// ## Fix
    /// Use a value in range.
    pub struct MaxConcurrency {
        code: "FDL-M003",
        name: "map-max-concurrency",
        category: StateSpecific,
        severity: Error,
        summary: "`MaxConcurrency` out of range (inline 1–40)",
    }
}

pub const INLINE_MAX_CONCURRENCY: i64 = 40;
pub const DISTRIBUTED_DEFAULT_MAX_CONCURRENCY: i64 = 100;

impl Rule for MaxConcurrency {
    rule_meta!();
    fn check(&self, ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
        let Some(flow) = ctx.document.as_current() else { return };
        for_each_state(flow, &mut |state, _, _| {
            let StateKind::Map(map) = &state.kind else { return };
            let Some(mc) = &map.max_concurrency else { return };
            if mc.value < 1 {
                out.push(report(
                    &Self::META,
                    mc.span,
                    format!("`MaxConcurrency` must be at least 1, not {}", mc.value),
                ));
            } else if map.is_distributed() {
                if mc.value > DISTRIBUTED_DEFAULT_MAX_CONCURRENCY {
                    out.push(Diagnostic::warning(Self::META.code, mc.span, format!("a distributed Map runs at most {DISTRIBUTED_DEFAULT_MAX_CONCURRENCY} children at once unless the quota was raised by ticket; {} may be capped", mc.value)));
                }
            } else if mc.value > INLINE_MAX_CONCURRENCY {
                out.push(report(&Self::META, mc.span, format!("an inline Map runs at most {INLINE_MAX_CONCURRENCY} iterations at once; `MaxConcurrency: {}` is over the limit", mc.value)));
            }
        });
    }
}
