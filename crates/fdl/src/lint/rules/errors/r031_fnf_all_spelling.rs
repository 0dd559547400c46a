use crate::lint::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// The wildcard is spelled exactly `FnF.ALL` (matching is case-sensitive), and
    /// it stands alone in its `Errors` list (other names next to it are redundant).
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
    ///     Action: FC:InvokeFunction
    ///     Parameters:
    ///       resourceArn: acs:fc:cn-hangzhou:123:functions/f/LATEST
    ///       invocationType: Sync
    ///     Retry:
    ///       - Description: all
    ///         Errors: [FnF.All]
    ///         MaxAttempts: 2
    ///         IntervalSeconds: 1
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
    ///     Retry:
    ///       - Description: all
    ///         Errors: [FnF.ALL]
    ///         MaxAttempts: 2
    ///         IntervalSeconds: 1
    ///     End: true
    /// ```
    ///
    /// ## Fix
    /// `Errors: [FnF.ALL]`.
    ///
    /// ## Fix safety
    /// Unsafe: the service accepts `FnF.All`, which matches no error (matching is case-sensitive);
    /// `FnF.ALL` matches every error, so the retrier or catcher starts to act.
    pub struct FnfAllSpelling {
        code: "FDL-R031",
        name: "fnf-all-spelling",
        category: ErrorHandling,
        severity: Warning,
        summary: "`FnF.ALL` misspelt or not alone in its list",
    }
}

impl Rule for FnfAllSpelling {
    rule_meta!();
    fn check(&self, ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
        let Some(flow) = ctx.document.as_current() else { return };
        for_each_state(flow, &mut |state, _, _| {
            let lists = state.retry.iter().map(|r| &r.errors).chain(state.catch.iter().map(|c| &c.errors));
            for list in lists {
                for e in list {
                    if e.value != "FnF.ALL" && e.value.eq_ignore_ascii_case("FnF.ALL") {
                        out.push(
                            report(
                                &Self::META,
                                e.span,
                                format!("`{}` matches nothing: the wildcard is spelled `FnF.ALL`", e.value),
                            )
                            .with_fix(Fix::replace(
                                "write `FnF.ALL`",
                                e.span,
                                "FnF.ALL",
                                Applicability::Unsafe,
                            )),
                        );
                    }
                }
                if list.len() > 1 && list.iter().any(|e| e.value == "FnF.ALL") {
                    let first = list.iter().find(|e| e.value != "FnF.ALL").map_or(list[0].span, |e| e.span);
                    out.push(report(
                        &Self::META,
                        first,
                        "`FnF.ALL` already matches every error; the other names in this list are redundant",
                    ));
                }
            }
        });
    }
}
