//! Retry (spec §8.2) and Catch (§8.3).

use fdl::model::{Retrier, State};
use serde_json::{Value, json};

use super::eval::Vars;
use super::{Failure, Run};
use crate::options::CatchInput;

/// Whether a rule's `Errors` match `failure` (`FnF.ALL` matches every error).
fn matches(errors: &[fdl::model::Spanned<fdl::CompactString>], failure: &Failure) -> bool {
    errors.iter().any(|e| e.value == "FnF.ALL" || e.value == failure.error)
}

/// Whether `failure` is retried and after how many milliseconds: the first retrier whose
/// `Errors` match decides; delay(n) = min(Interval × Rate^(n-1), MaxBackoff). `attempts` counts
/// the retries made per rule. `as` saturates (NaN is 0), so a huge back-off is `i64::MAX` ms,
/// which the clock clamps to the deadline.
pub(crate) fn retry_delay_ms(rules: &[Retrier], attempts: &mut [u32], failure: &Failure) -> Option<i64> {
    let i = rules.iter().position(|r| matches(&r.errors, failure))?;
    let rule = &rules[i];
    let max = rule.max_attempts.as_ref().map_or(3, |m| m.value.max(0)) as u32;
    if attempts[i] >= max {
        return None;
    }
    attempts[i] += 1;
    let interval = rule.interval_seconds.as_ref().map_or(1.0, |x| x.value);
    let rate = rule.backoff_rate.as_ref().map_or(1.0, |x| x.value);
    Some(backoff_ms(interval, rate, attempts[i], rule.max_backoff_seconds.as_ref().map(|c| c.value)))
}

/// The delay before retry `n` (from 1): min(interval × rate^(n-1), cap) seconds, in ms. `as`
/// saturates (NaN is 0), so a huge back-off is `i64::MAX` ms, which the clock clamps to the
/// deadline. Shared with the legacy dialect's `retry` (its `multiplier`, `maxIntervalSeconds`).
pub(crate) fn backoff_ms(interval: f64, rate: f64, n: u32, cap: Option<f64>) -> i64 {
    let mut delay = interval * rate.powi(n.min(i32::MAX as u32) as i32 - 1);
    if let Some(cap) = cap {
        delay = delay.min(cap);
    }
    (delay * 1000.0) as i64
}

impl Run<'_> {
    /// Catch: the first catcher whose `Errors` match handles `failure`, giving the input of its
    /// `Next` state; `None` when no catcher does (or the execution has ended, which no catcher
    /// can stop). Only Task, Parallel and Map have catchers.
    pub(crate) fn catch<'s>(
        &self,
        state: &'s State,
        failure: &Failure,
        input: Value,
    ) -> Option<Result<(Value, Option<&'s str>), Failure>> {
        if self.fatal.borrow().is_some() || !state.state_type().is_some_and(|t| t.supports_error_handling()) {
            return None;
        }
        let catcher = state.catch.iter().find(|c| matches(&c.errors, failure))?;
        let output = match &catcher.output_constructor {
            Some(c) => self.construct(
                c,
                state.name().unwrap_or(""),
                Vars { input: &input, output: None, current: None, item: None },
                Some(failure),
                0,
                None,
            ),
            None => Ok(match self.opts.catch_input {
                CatchInput::StateInput => input,
                CatchInput::ErrorObject => json!({"Error": failure.error, "Cause": failure.cause}),
            }),
        };
        Some(output.map(|v| (v, catcher.next.as_ref().map(|n| n.value.as_str()))))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules(yaml_rule: &str) -> Vec<Retrier> {
        let source = format!(
            "Type: StateMachine\nName: r\nSpecVersion: v1\nStartAt: A\nStates:\n  - Type: Task\n    Name: A\n    Action: FC:InvokeFunction\n    Retry:\n      - Errors: [E]\n{yaml_rule}    End: true\n"
        );
        let analysis = fdl::analyze(&source);
        analysis.document.as_ref().and_then(|d| d.as_current()).unwrap().scope.states[0].retry.clone()
    }

    #[test]
    fn back_off_grows_caps_and_saturates() {
        let failure = Failure::new("E", "");
        let r = rules("        MaxAttempts: 3\n        IntervalSeconds: 10\n        BackoffRate: 2\n");
        let mut attempts = vec![0];
        let delays: Vec<_> = (0..4).map(|_| retry_delay_ms(&r, &mut attempts, &failure)).collect();
        assert_eq!(delays, [Some(10_000), Some(20_000), Some(40_000), None]);
        let capped = rules(
            "        MaxAttempts: 3\n        IntervalSeconds: 10\n        BackoffRate: 2\n        MaxBackoffSeconds: 15\n",
        );
        let mut attempts = vec![0];
        let delays: Vec<_> = (0..3).map(|_| retry_delay_ms(&capped, &mut attempts, &failure)).collect();
        assert_eq!(delays, [Some(10_000), Some(15_000), Some(15_000)]);
        let huge = rules("        MaxAttempts: 40\n        IntervalSeconds: 1\n        BackoffRate: 1e10\n");
        let mut attempts = vec![0];
        let last = (0..40).filter_map(|_| retry_delay_ms(&huge, &mut attempts, &failure)).last();
        assert_eq!(last, Some(i64::MAX), "saturates instead of wrapping");
        assert_eq!(retry_delay_ms(&huge, &mut [0], &Failure::new("Other", "")), None, "no rule matches");
    }
}
