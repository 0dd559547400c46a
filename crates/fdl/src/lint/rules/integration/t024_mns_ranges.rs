use super::param;
use crate::lint::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// MNS `priority` is 1–16 and `delaySeconds` is 0–604800.
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
    ///     Action: MNS:SendMessage
    ///     Parameters:
    ///       resourceArn: acs:mns:cn-hangzhou:123:/queues/q/messages
    ///       message: hi
    ///       priority: 20
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
    ///     Action: MNS:SendMessage
    ///     Parameters:
    ///       resourceArn: acs:mns:cn-hangzhou:123:/queues/q/messages
    ///       message: hi
    ///       priority: 8
    ///     End: true
    /// ```
    ///
    /// ## Fix
    /// Bring the value into range (priority 8 is the default; smaller is more urgent).
    pub struct MnsRanges {
        code: "FDL-T024",
        name: "mns-parameter-range",
        category: Integration,
        severity: Error,
        summary: "MNS `priority` or `delaySeconds` out of range",
    }
}

impl Rule for MnsRanges {
    rule_meta!();
    fn check(&self, ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
        let Some(flow) = ctx.document.as_current() else { return };
        for_each_state(flow, &mut |state, _, _| {
            let StateKind::Task(task) = &state.kind else { return };
            if task.action.as_ref().map(|a| a.value.as_str()) != Some("MNS:SendMessage") {
                return;
            }
            for (name, min, max) in [("priority", 1.0, 16.0), ("delaySeconds", 0.0, 604_800.0)] {
                if let Some((v, span)) = param::literal_number(task, name)
                    && (v < min || v > max || v.fract() != 0.0)
                {
                    out.push(report(
                        &Self::META,
                        span,
                        format!("MNS `{name}` must be a whole number from {min} to {max}, not {v}"),
                    ));
                }
            }
        });
    }
}
