use super::param;
use crate::lint::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// The HTTP `method` is GET, POST, PATCH, PUT, DELETE or HEAD (case-insensitive: a published
    /// example writes `Get`).
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
    ///     Action: HTTP:Request
    ///     Parameters:
    ///       url: https://example.com
    ///       method: FETCH
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
    ///     Action: HTTP:Request
    ///     Parameters:
    ///       url: https://example.com
    ///       method: Get
    ///     End: true
    /// ```
    ///
    /// ## Fix
    /// Use one of those methods.
    ///
    /// ## Fix safety
    /// Unsafe: methods are matched ignoring case, so a finding is never a mere case difference; the
    /// suggested method is a guess, and methods do different things.
    pub struct HttpMethod {
        code: "FDL-T023",
        name: "http-method",
        category: Integration,
        severity: Error,
        summary: "HTTP `method` not GET/POST/PATCH/PUT/DELETE/HEAD",
    }
}

const METHODS: [&str; 6] = ["GET", "POST", "PATCH", "PUT", "DELETE", "HEAD"];

impl Rule for HttpMethod {
    rule_meta!();
    fn check(&self, ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
        let Some(flow) = ctx.document.as_current() else { return };
        for_each_state(flow, &mut |state, _, _| {
            let StateKind::Task(task) = &state.kind else { return };
            if task.action.as_ref().map(|a| a.value.as_str()) != Some("HTTP:Request") {
                return;
            }
            let Some((method, span)) = param::literal_str(task, "method") else { return };
            if METHODS.contains(&method.to_ascii_uppercase().as_str()) {
                return;
            }
            let mut d = report(
                &Self::META,
                span,
                format!("`{method}` is not a supported HTTP method; use one of {}", METHODS.join(", ")),
            );
            if let Some(s) = did_you_mean(&method.to_ascii_uppercase(), METHODS) {
                d = d.with_fix(Fix::replace(format!("write `{s}`"), span, s, Applicability::Unsafe));
            }
            out.push(d);
        });
    }
}
