//! Choice (spec §5.3): the first branch whose `Condition` holds, else `Default`.

use fdl::expr;
use fdl::model::Choice;
use serde_json::Value;

use crate::interpreter::{Failure, Run, errors};

impl Run<'_> {
    /// The state to go to.
    pub(crate) fn choose<'s>(&self, name: &str, c: &'s Choice, input: &Value) -> Result<&'s str, Failure> {
        for b in &c.branches {
            let Some(cond) = &b.condition else { continue };
            match self.eval_with_context(cond, name, input)? {
                Value::Bool(true) => {
                    return b.next.as_ref().map(|n| n.value.as_str()).ok_or_else(|| {
                        Failure::new(errors::INVALID_INPUT, format!("the branch `{}` has no Next", cond.text))
                    });
                }
                Value::Bool(false) => {}
                // UNCERTAIN: a non-boolean condition fails the state (spec §5.3).
                other => {
                    return Err(Failure::new(
                        expr::EXPRESSION_ERROR,
                        format!("the condition `{}` gave {other}, not a boolean", cond.text),
                    ));
                }
            }
        }
        c.default
            .as_ref()
            .map(|d| d.value.as_str())
            .ok_or_else(|| Failure::new(errors::INVALID_INPUT, "no condition held and the Choice has no Default"))
    }
}
