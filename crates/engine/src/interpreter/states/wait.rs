//! Wait (spec §5.6): `Seconds` or `Seconds.$` on the clock.

use fdl::model::Wait;
use serde_json::Value;

use crate::interpreter::{Failure, Run, errors};

impl Run<'_> {
    /// Waits; the end time, or the failure (a bad `Seconds.$`, or the execution's time limit).
    pub(crate) async fn run_wait(&self, name: &str, w: &Wait, input: &Value, t: i64) -> (Result<(), Failure>, i64) {
        let seconds = match (&w.seconds, &w.seconds_expr) {
            (Some(s), _) => Ok(s.value),
            (None, Some(e)) => self.eval_with_context(e, name, input).and_then(|v| {
                v.as_f64()
                    .ok_or_else(|| Failure::new(errors::INVALID_INPUT, format!("`Seconds.$` gave {v}, not a number")))
            }),
            (None, None) => Ok(0.0),
        };
        match seconds {
            // `as` saturates: 1e20 s is i64::MAX ms, which `wait` clamps to the deadline.
            Ok(s) if s >= 0.0 => match self.wait(t, (s * 1000.0) as i64).await {
                Ok(end) => (Ok(()), end),
                Err(end) => (self.check_fatal(), end),
            },
            Ok(s) => (Err(Failure::new(errors::INVALID_INPUT, format!("a Wait of {s} seconds"))), t),
            Err(f) => (Err(f), t),
        }
    }
}
