//! Retry (spec §8.2) and Catch (§8.3).

use std::sync::Arc;

use fdl::model::{Retrier, State};
use serde_json::{Value, json};

use super::eval::Vars;
use super::{Failure, Run};
use crate::options::CatchInput;

/// Whether a rule's `Errors` match `failure` (`FnF.ALL` matches every error). Both dialects'
/// retry and catch rules match so.
pub(crate) fn matches(errors: &[fdl::model::Spanned<fdl::CompactString>], failure: &Failure) -> bool {
    errors.iter().any(|e| e.value == "FnF.ALL" || e.value == failure.error)
}

/// One retry rule as the attempt loop sees it, whichever dialect wrote it, with that dialect's
/// defaults applied.
pub(crate) struct RetryRule<'r> {
    pub errors: &'r [fdl::model::Spanned<fdl::CompactString>],
    /// Retries this rule allows (negative counts as 0, more than `u32::MAX` as `u32::MAX`).
    pub max_attempts: Option<i64>,
    pub interval_seconds: f64,
    /// The factor each retry multiplies the delay by.
    pub rate: f64,
    /// The longest delay, in seconds.
    pub cap_seconds: Option<f64>,
}

/// A state's retry rules, in order (a Task's `Retrier`s, a legacy task's `LegacyRetry`s);
/// one non-generic attempt loop serves both.
pub(crate) trait RetryRules {
    fn rule_count(&self) -> usize;
    fn rule(&self, i: usize) -> RetryRule<'_>;
}

/// Current Task `Retry` (spec §8.2): `MaxAttempts` 3, `IntervalSeconds` 1, `BackoffRate` 1
/// (constant delay), no cap unless `MaxBackoffSeconds`.
impl RetryRules for Vec<Retrier> {
    fn rule_count(&self) -> usize {
        self.len()
    }

    fn rule(&self, i: usize) -> RetryRule<'_> {
        let r = &self[i];
        RetryRule {
            errors: &r.errors,
            max_attempts: r.max_attempts.as_ref().map(|m| m.value),
            interval_seconds: r.interval_seconds.as_ref().map_or(1.0, |x| x.value),
            rate: r.backoff_rate.as_ref().map_or(1.0, |x| x.value),
            cap_seconds: r.max_backoff_seconds.as_ref().map(|c| c.value),
        }
    }
}

/// Legacy task `retry` (spec §15.4): `maxAttempts` 3, `intervalSeconds` 1, `multiplier` 2,
/// `maxIntervalSeconds` 86400.
impl RetryRules for Vec<fdl::model::LegacyRetry> {
    fn rule_count(&self) -> usize {
        self.len()
    }

    fn rule(&self, i: usize) -> RetryRule<'_> {
        let r = &self[i];
        RetryRule {
            errors: &r.errors,
            max_attempts: r.max_attempts.as_ref().map(|m| m.value),
            interval_seconds: r.interval_seconds.as_ref().map_or(1.0, |x| x.value),
            rate: r.multiplier.as_ref().map_or(2.0, |x| x.value),
            cap_seconds: Some(r.max_interval_seconds.as_ref().map_or(86_400.0, |x| x.value)),
        }
    }
}

/// Whether `failure` is retried and after how many milliseconds: the first rule whose `errors`
/// match decides; delay(n) = min(interval × rate^(n-1), cap). `attempts` counts the retries
/// made per rule. `as` saturates (NaN is 0), so a huge back-off is `i64::MAX` ms, which the
/// clock clamps to the deadline.
pub(crate) fn retry_delay_ms(rules: &dyn RetryRules, attempts: &mut [u32], failure: &Failure) -> Option<i64> {
    let i = (0..rules.rule_count()).find(|i| matches(rules.rule(*i).errors, failure))?;
    let rule = rules.rule(i);
    let max = rule.max_attempts.map_or(3, |m| m.clamp(0, i64::from(u32::MAX))) as u32;
    if attempts[i] >= max {
        return None;
    }
    attempts[i] += 1;
    Some(backoff_ms(rule.interval_seconds, rule.rate, attempts[i], rule.cap_seconds))
}

/// The delay before retry `n` (from 1): min(interval × rate^(n-1), cap) seconds, in ms. `as`
/// saturates (NaN is 0), so a huge back-off is `i64::MAX` ms, which the clock clamps to the
/// deadline.
fn backoff_ms(interval: f64, rate: f64, n: u32, cap: Option<f64>) -> i64 {
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
        input: Arc<Value>,
    ) -> Option<super::state::StateResult<'s>> {
        if self.fatal.borrow().is_some() || !state.state_type().is_some_and(|t| t.supports_error_handling()) {
            return None;
        }
        let catcher = state.catch.iter().find(|c| matches(&c.errors, failure))?;
        let output = match &catcher.output_constructor {
            Some(c) => self
                .construct(
                    c,
                    state.name().unwrap_or(""),
                    Vars { input: &input, output: None, current: None, item: None },
                    Some(failure),
                    0,
                    None,
                )
                .map(Arc::new),
            None => Ok(match self.opts.catch_input {
                CatchInput::StateInput => input,
                CatchInput::ErrorObject => Arc::new(json!({"Error": failure.error, "Cause": failure.cause})),
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

    fn legacy_rules(yaml_rule: &str) -> Vec<fdl::model::LegacyRetry> {
        let source = format!(
            "version: v1\ntype: flow\nsteps:\n  - type: task\n    name: t\n    resourceArn: acs:fc:cn-hangzhou:1:services/s/functions/f\n    retry:\n      - errors: [E]\n{yaml_rule}"
        );
        let analysis = fdl::analyze(&source);
        let flow = analysis.document.as_ref().and_then(|d| d.as_legacy()).expect("a legacy flow");
        match &flow.steps.steps[0].kind {
            fdl::model::StepKind::Task(t) => t.retry.clone(),
            _ => panic!("not a task"),
        }
    }

    /// The same view serves the legacy `retry` with its own defaults (spec §15.4): 3 attempts,
    /// 1 s, multiplier 2, at most 86,400 s; `maxAttempts` beyond u32 saturates, below 0 is 0.
    #[test]
    fn legacy_rules_have_their_own_defaults() {
        let failure = Failure::new("E", "");
        let defaults = legacy_rules("");
        let mut attempts = vec![0];
        let delays: Vec<_> = (0..4).map(|_| retry_delay_ms(&defaults, &mut attempts, &failure)).collect();
        assert_eq!(delays, [Some(1_000), Some(2_000), Some(4_000), None]);
        let capped = legacy_rules("        intervalSeconds: 50000\n        maxAttempts: 3\n");
        let mut attempts = vec![0];
        let delays: Vec<_> = (0..3).map(|_| retry_delay_ms(&capped, &mut attempts, &failure)).collect();
        assert_eq!(delays, [Some(50_000_000), Some(86_400_000), Some(86_400_000)]);
        let many = legacy_rules("        maxAttempts: 99999999999\n");
        let mut attempts = vec![u32::MAX - 1];
        assert!(retry_delay_ms(&many, &mut attempts, &failure).is_some());
        assert_eq!(retry_delay_ms(&many, &mut attempts, &failure), None, "clamped to u32::MAX retries");
        let none = legacy_rules("        maxAttempts: -2\n");
        assert_eq!(retry_delay_ms(&none, &mut [0], &failure), None);
    }
}
