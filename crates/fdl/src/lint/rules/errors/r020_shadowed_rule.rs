use crate::lint::rules::prelude::*;
use compact_str::CompactString;

declare_rule! {
    /// ## What it checks
    /// A retrier or catcher that can never apply because earlier rules of the same list already
    /// match all its errors, most often because an earlier rule lists `FnF.ALL` (the
    /// first matching rule wins).
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
    ///       - Description: b
    ///         Errors: [FnF.ALL]
    ///         MaxAttempts: 1
    ///         IntervalSeconds: 1
    ///       - Description: a
    ///         Errors: [FC.ResourceThrottled]
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
    ///       - Description: a
    ///         Errors: [FC.ResourceThrottled]
    ///         MaxAttempts: 2
    ///         IntervalSeconds: 1
    ///       - Description: b
    ///         Errors: [FnF.ALL]
    ///         MaxAttempts: 1
    ///         IntervalSeconds: 1
    ///     End: true
    /// ```
    ///
    /// ## Fix
    /// Put specific errors before `FnF.ALL`.
    pub struct ShadowedRule {
        code: "FDL-R020",
        name: "shadowed-retry-or-catch",
        category: ErrorHandling,
        severity: Warning,
        summary: "rule shadowed by an earlier rule (e.g. `FnF.ALL`)",
    }
}

fn check_list(rules: &[(&[Spanned<CompactString>], Span)], what: &str, out: &mut Vec<Diagnostic>) {
    for (i, (errors, span)) in rules.iter().enumerate() {
        if errors.is_empty() {
            continue;
        }
        let earlier = &rules[..i];
        if let Some((_, all_span)) = earlier.iter().find(|(e, _)| e.iter().any(|x| x.value == "FnF.ALL")) {
            out.push(
                report(
                    &ShadowedRule::META,
                    *span,
                    format!("this {what} never applies: an earlier {what} matches `FnF.ALL`"),
                )
                .with_label(*all_span, "`FnF.ALL` is matched here first"),
            );
            continue;
        }
        let covered = errors.iter().all(|e| earlier.iter().any(|(prev, _)| prev.iter().any(|p| p.value == e.value)));
        if covered && !errors.iter().any(|e| e.value == "FnF.ALL") {
            out.push(report(
                &ShadowedRule::META,
                *span,
                format!("this {what} never applies: earlier {what}s already match all of its errors"),
            ));
        }
    }
}

impl Rule for ShadowedRule {
    rule_meta!();
    fn check(&self, ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
        let Some(flow) = ctx.document.as_current() else { return };
        for_each_state(flow, &mut |state, _, _| {
            let anchor = |keys: &[KeySpan], span: Span| {
                keys.iter().find(|k| k.name == "Errors").map_or(Span::empty(span.start), |k| k.key)
            };
            let retry: Vec<(&[Spanned<CompactString>], Span)> =
                state.retry.iter().map(|r| (r.errors.as_slice(), anchor(&r.keys, r.span))).collect();
            let catch: Vec<(&[Spanned<CompactString>], Span)> =
                state.catch.iter().map(|c| (c.errors.as_slice(), anchor(&c.keys, c.span))).collect();
            check_list(&retry, "retrier", out);
            check_list(&catch, "catcher", out);
        });
    }
}
