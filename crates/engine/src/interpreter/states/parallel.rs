//! Parallel (spec §5.4): every branch from the state's start time, as if concurrent; the output
//! is `{"Branch0": …, "Branch1": …}`.

use std::sync::Arc;

use fdl::model::Parallel;
use serde_json::{Map, Value};

use crate::history::EventType;
use crate::interpreter::{Failure, Run};

impl Run<'_> {
    pub(crate) async fn run_parallel(
        &self,
        step: &Arc<str>,
        p: &Parallel,
        input: &Arc<Value>,
        t: i64,
    ) -> (Result<Value, Failure>, i64) {
        let mut outputs = Map::new();
        let mut end = t;
        for (i, branch) in p.branches.iter().enumerate() {
            self.event(EventType::BranchEntered, step, t, 0, || crate::history::EventDetail::index(i));
            let (r, branch_end) = self.run_scope(branch, Arc::clone(input), t).await;
            self.event(EventType::BranchExited, step, branch_end, 0, || crate::history::EventDetail::index(i));
            end = end.max(branch_end);
            match r {
                Ok(v) => {
                    outputs.insert(format!("Branch{i}"), Arc::unwrap_or_clone(v));
                }
                // INFERRED: the first failing branch fails the Parallel.
                Err(f) => return (Err(f), end),
            }
        }
        (Ok(Value::Object(outputs)), end)
    }
}
