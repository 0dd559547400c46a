use crate::lint::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// `End` on a Succeed or Fail state.
    ///
    /// ## Why
    /// Succeed and Fail always end their scope; their field tables have no `End`.
    /// Alibaba's own documentation examples write it (the video-learning flows of the shared
    /// corpus and the real-world corpus) and the service accepts it: the line is harmless and
    /// changes nothing, so a warning would overstate it. It is an info whose fix tidies it away.
    ///
    /// ## Example
    /// ```yaml
    /// Type: StateMachine
    /// Name: demo
    /// SpecVersion: v1
    /// StartAt: Choose
    /// States:
    ///   - Type: Choice
    ///     Name: Choose
    ///     Branches:
    ///       - Condition: $Input.status == "ok"
    ///         Next: Work
    ///     Default: Failed
    ///   # As in Alibaba's own Fail example.
    ///   - Type: Fail
    ///     Name: Failed
    ///     Code: BadStatus
    ///     End: true
    ///   - Type: Parallel
    ///     Name: Work
    ///     Next: Finished
    ///     Branches:
    ///       - StartAt: Done
    ///         States:
    ///           - Type: Succeed
    ///             Name: Done
    ///             End: false
    ///   - Type: Succeed
    ///     Name: Finished
    ///     End: true
    /// ```
    ///
    /// ## Corrected
    /// ```yaml
    /// Type: StateMachine
    /// Name: demo
    /// SpecVersion: v1
    /// StartAt: Choose
    /// States:
    ///   - Type: Choice
    ///     Name: Choose
    ///     Branches:
    ///       - Condition: $Input.status == "ok"
    ///         Next: Work
    ///     Default: Failed
    ///   - Type: Fail
    ///     Name: Failed
    ///     Code: BadStatus
    ///     Detail: the status is not ok
    ///   # `End` on a state that can go on is the transition, not a redundancy.
    ///   - Type: Parallel
    ///     Name: Work
    ///     End: true
    ///     Branches:
    ///       - StartAt: Done
    ///         States:
    ///           - Type: Succeed
    ///             Name: Done
    /// ```
    ///
    /// ## Fix
    /// Remove the `End` line.
    ///
    /// ## Fix safety
    /// Safe: the service accepts `End` here, and a Succeed or Fail state ends its scope with or
    /// without it, so nothing that runs changes.
    pub struct RedundantEnd {
        code: "FDL-S031",
        name: "redundant-end",
        category: Structure,
        severity: Info,
        summary: "`End` on Succeed/Fail is redundant",
    }
}

impl Rule for RedundantEnd {
    rule_meta!();
    fn check(&self, ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
        let Some(flow) = ctx.document.as_current() else { return };
        for_each_state(flow, &mut |state, _, _| {
            if !matches!(state.kind, StateKind::Succeed | StateKind::Fail(_)) {
                return;
            }
            let Some(end) = state.key("End") else { return };
            let t = state.state_type().map_or("", StateType::as_str);
            let mut d = report(&Self::META, end.key, format!("a {t} state always ends its scope; `End` is redundant"));
            if let Some(span) = whole_line(ctx.source, end.key.start, end.value.end) {
                d = d.with_fix(Fix::replace("remove `End`", span, "", Applicability::Safe));
            }
            out.push(d);
        });
    }
}

/// The span of whole lines from `start` to `end` (including the line break), when nothing else
/// is on them.
pub fn whole_line(source: &str, start: u32, end: u32) -> Option<Span> {
    let line_start = source.get(..start as usize)?.rfind('\n').map_or(0, |i| i + 1);
    if !source.get(line_start..start as usize)?.trim().is_empty() {
        return None;
    }
    let rest = source.get(end as usize..)?;
    let line_end = rest.find('\n').map_or(source.len(), |i| end as usize + i + 1);
    if !source.get(end as usize..line_end)?.trim().is_empty() {
        return None;
    }
    Some(Span::from_range(line_start..line_end))
}
