use crate::lint::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// A Parallel has at most 50 branches.
    ///
    /// ## Fix
    /// Use a Map over a list instead of many identical branches.
    pub struct TooManyBranches {
        code: "FDL-PA02",
        name: "parallel-branch-limit",
        category: StateSpecific,
        severity: Error,
        summary: "more than 50 Parallel branches",
    }
}

pub const MAX_PARALLEL_BRANCHES: usize = 50;

impl Rule for TooManyBranches {
    rule_meta!();
    fn check(&self, ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
        let Some(flow) = ctx.document.as_current() else { return };
        for_each_state(flow, &mut |state, _, _| {
            let StateKind::Parallel(p) = &state.kind else { return };
            if p.branches.len() > MAX_PARALLEL_BRANCHES {
                let at =
                    p.branches.get(MAX_PARALLEL_BRANCHES).map_or(state.anchor_span(), |b| Span::empty(b.span.start));
                out.push(report(
                    &Self::META,
                    at,
                    format!(
                        "this Parallel has {} branches; CloudFlow allows at most {MAX_PARALLEL_BRANCHES}",
                        p.branches.len()
                    ),
                ));
            }
        });
    }
}
