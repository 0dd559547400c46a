use crate::lint::rules::near_miss;
use crate::lint::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// Every retrier has `Errors`, `MaxAttempts` and `IntervalSeconds`; every catcher has
    /// `Errors` and `Next`. An empty `Errors` list matches nothing.
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
    ///       - Description: any error
    ///         Errors: [FnF.ALL]
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
    ///       - Description: any error
    ///         Errors: [FnF.ALL]
    ///         MaxAttempts: 3
    ///         IntervalSeconds: 1
    ///     End: true
    /// ```
    ///
    /// ## Fix
    /// Add the missing fields.
    pub struct IncompleteRule {
        code: "FDL-R002",
        name: "incomplete-retry-or-catch",
        category: ErrorHandling,
        severity: Error,
        summary: "retrier/catcher missing `Errors`, `MaxAttempts`, `IntervalSeconds` or `Next`",
    }
}

fn missing(keys: &[KeySpan], required: &[&'static str]) -> Vec<&'static str> {
    required.iter().copied().filter(|r| !keys.iter().any(|k| k.name == *r)).collect()
}

impl Rule for IncompleteRule {
    rule_meta!();
    fn check(&self, ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
        let Some(flow) = ctx.document.as_current() else { return };
        for_each_state(flow, &mut |state, _, _| {
            let mut check =
                |span: Span, keys: &[KeySpan], required: &[&'static str], what: &str, errors_empty: bool| {
                    let at = keys.first().map_or(Span::empty(span.start), |k| k.key);
                    let m = missing(keys, required);
                    if !m.is_empty() {
                        out.push(report(
                            &Self::META,
                            at,
                            format!(
                                "this {what} is missing {}",
                                m.iter().map(|x| format!("`{x}`")).collect::<Vec<_>>().join(", ")
                            ),
                        ));
                    } else if errors_empty {
                        out.push(report(
                        &Self::META,
                        at,
                        format!(
                            "this {what} has an empty `Errors` list, so it never applies; list error names or `FnF.ALL`"
                        ),
                    ));
                    }
                };
            for r in &state.retry {
                check(r.span, &r.keys, &["Errors", "MaxAttempts", "IntervalSeconds"], "retrier", r.errors.is_empty());
            }
            for c in &state.catch {
                // A misspelled `Nxt`/`Erors` is reported by FDL-S007 with the rename.
                if ["Errors", "Next"].iter().any(|k| near_miss::in_catcher(c, k).is_some()) {
                    continue;
                }
                check(c.span, &c.keys, &["Errors", "Next"], "catcher", c.errors.is_empty());
            }
        });
    }
}
