use crate::lint::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// The root `Timeout`, the execution's time limit in seconds, is a whole number
    /// from 1 to the execution mode's maximum: 31536000 (1 year) in Standard mode, 300
    /// (5 minutes) in Express mode. It may be written as an integer or a string of digits.
    ///
    /// ## Why
    /// An execution still running at that time ends with `ExecutionTimedOut` (Workflow Studio's
    /// "Timeout Period"). The range follows from the modes' maximum durations: a
    /// longer timeout cannot take effect, and 0 or a fraction is not a number of seconds.
    ///
    /// ## Example
    /// ```yaml
    /// Type: StateMachine
    /// Name: demo
    /// SpecVersion: v1
    /// Timeout: 0
    /// StartAt: A
    /// States:
    ///   - Type: Pass
    ///     Name: A
    ///     End: true
    /// ```
    ///
    /// ## Corrected
    /// ```yaml
    /// Type: StateMachine
    /// Name: demo
    /// SpecVersion: v1
    /// Timeout: 600
    /// StartAt: A
    /// States:
    ///   - Type: Pass
    ///     Name: A
    ///     End: true
    /// ```
    ///
    /// ## Fix
    /// Write whole seconds within the range, e.g. `Timeout: 600`, or remove the key for the
    /// mode's maximum. (A value that is not a number at all, such as `10m`, is reported by
    /// FDL-S008.)
    pub struct ExecutionTimeout {
        code: "FDL-S009",
        name: "execution-timeout",
        category: Structure,
        severity: Error,
        summary: "root `Timeout` not a whole number of seconds in 1–31536000 (Express 1–300)",
    }
}

impl Rule for ExecutionTimeout {
    rule_meta!();
    fn check(&self, ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
        let Some(flow) = ctx.document.as_current() else { return };
        let Some(timeout) = &flow.timeout else { return };
        let max = ctx.execution_mode.max_execution_seconds();
        let mode = ctx.execution_mode.as_str();
        let value = timeout.value;
        let problem = if !value.is_finite() || value.fract() != 0.0 {
            Some(format!("`Timeout` is {value}; it must be a whole number of seconds"))
        } else if value < 1.0 {
            Some(format!("`Timeout` is {value} s; the execution time limit must be at least 1 second"))
        } else if value > max as f64 {
            Some(format!("`Timeout` is {value} s; in {mode} mode an execution runs at most {max} s"))
        } else {
            None
        };
        if let Some(message) = problem {
            out.push(
                report(&Self::META, timeout.span, message)
                    .with_help(format!("write whole seconds from 1 to {max} ({mode} mode), or remove the key")),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::lint::{ExecutionMode, LintConfig};

    fn lint(timeout: &str, mode: ExecutionMode) -> Vec<crate::Diagnostic> {
        let source = format!(
            "Type: StateMachine\nName: t\nSpecVersion: v1\nTimeout: {timeout}\nStartAt: A\nStates:\n  - Type: Pass\n    Name: A\n    End: true\n"
        );
        let config = LintConfig { execution_mode: mode, ..LintConfig::default() };
        crate::Linter::new(config).lint(&source).diagnostics
    }

    /// Each case with its findings (code and message), pinned in one snapshot.
    #[test]
    fn root_timeout_values() {
        let cases = [
            ("600", ExecutionMode::Standard),
            ("\"600\"", ExecutionMode::Standard),
            ("1", ExecutionMode::Standard),
            ("31536000", ExecutionMode::Standard),
            ("300", ExecutionMode::Express),
            ("0", ExecutionMode::Standard),
            ("-5", ExecutionMode::Standard),
            ("\"-5\"", ExecutionMode::Standard),
            ("31536001", ExecutionMode::Standard),
            ("301", ExecutionMode::Express),
            ("600.5", ExecutionMode::Standard),
            ("\"1.5\"", ExecutionMode::Standard),
            ("1e30", ExecutionMode::Standard),
            ("10m", ExecutionMode::Standard),
            ("[600]", ExecutionMode::Standard),
        ];
        let mut out = String::new();
        for (value, mode) in cases {
            let found: Vec<String> = lint(value, mode)
                .into_iter()
                .filter(|d| d.code.starts_with("FDL-S0"))
                .map(|d| format!("{} {}", d.code, d.message))
                .collect();
            out.push_str(&format!("Timeout: {value} ({}) -> {found:?}\n", mode.as_str()));
        }
        insta::assert_snapshot!(out);
    }
}
