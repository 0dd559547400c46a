use crate::lint::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// A reachable state from which no path leads to the end of its scope: once the execution
    /// gets there it loops for ever (until the 5,000-event limit fails it). Reported only when
    /// the scope can finish some other way (otherwise FDL-S015 applies).
    ///
    /// ## Example
    /// ```yaml
    /// Type: StateMachine
    /// Name: demo
    /// SpecVersion: v1
    /// StartAt: Check
    /// States:
    ///   - Type: Choice
    ///     Name: Check
    ///     Branches:
    ///       - Condition: $Input.retry == true
    ///         Next: Again
    ///     Default: Done
    ///   - Type: Pass
    ///     Name: Again
    ///     Next: Again2
    ///   - Type: Pass
    ///     Name: Again2
    ///     Next: Again
    ///   - Type: Succeed
    ///     Name: Done
    /// ```
    ///
    /// ## Corrected
    /// ```yaml
    /// Type: StateMachine
    /// Name: demo
    /// SpecVersion: v1
    /// StartAt: Check
    /// States:
    ///   - Type: Choice
    ///     Name: Check
    ///     Branches:
    ///       - Condition: $Input.retry == true
    ///         Next: Again
    ///     Default: Done
    ///   - Type: Pass
    ///     Name: Again
    ///     Next: Check
    ///   - Type: Succeed
    ///     Name: Done
    /// ```
    ///
    /// ## Fix
    /// Give the loop an exit: a Choice that leaves it, or `End: true`.
    pub struct InescapableLoop {
        code: "FDL-S016",
        name: "inescapable-loop",
        category: Structure,
        severity: Warning,
        summary: "loop with no exit",
    }
}

impl Rule for InescapableLoop {
    rule_meta!();
    fn check(&self, ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
        let Some(flow) = ctx.document.as_current() else { return };
        for_each_scope(flow, &mut |scope, _, _| {
            let graph = ctx.graph(scope);
            if graph.has_unresolved {
                return; // FDL-S013 reports the broken transition
            }
            if graph.start.is_none() {
                return;
            }
            let reachable = graph.reachable();
            if !reachable.iter().zip(&graph.terminal).any(|(r, t)| *r && *t) {
                return; // FDL-S015
            }
            let finish = graph.can_finish();
            // Report the first trapped state of each loop only: one whose predecessors can still finish.
            for (i, state) in scope.states.iter().enumerate() {
                if !reachable[i] || finish[i] {
                    continue;
                }
                let entered_from_outside = (0..scope.states.len())
                    .any(|p| reachable[p] && finish[p] && graph.edges[p].contains(&i))
                    || graph.start == Some(i);
                if entered_from_outside {
                    let name = state.name().unwrap_or("this state");
                    out.push(report(
                        &Self::META,
                        state.anchor_span(),
                        format!(
                            "once the execution reaches `{name}` it can never finish: every path from here loops back"
                        ),
                    ));
                }
            }
        });
    }
}
