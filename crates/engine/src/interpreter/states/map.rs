//! Map (spec §5.5): inline iterations in this execution, or a distributed Map's child
//! executions (`crate::map_run`).

use std::sync::Arc;

use fdl::expr;
use fdl::model::State;
use serde_json::{Value, json};

use crate::history::EventType;
use crate::interpreter::eval::Vars;
use crate::interpreter::{Failure, Run, errors, timed_out};

impl Run<'_> {
    /// Map (spec §5.5): items from ItemsPath, one processor run per item, at most
    /// MaxConcurrency at a time on the clock; output `{"Items": [...]}`.
    pub(crate) async fn run_map(
        &self,
        state: &State,
        m: &fdl::model::MapState,
        input: &Value,
        start_ms: i64,
    ) -> (Result<Value, Failure>, i64) {
        let name = state.name().unwrap_or("");
        let step: Arc<str> = Arc::from(name);
        let items = match &m.items_path {
            Some(e) => match self.eval_with_context(e, name, input) {
                Ok(Value::Array(items)) => items,
                Ok(other) => {
                    return (
                        Err(Failure::new(
                            errors::INVALID_INPUT,
                            format!("ItemsPath `{}` gave {}, not an array", e.text, expr::type_name(&other)),
                        )),
                        start_ms,
                    );
                }
                Err(f) => return (Err(f), start_ms),
            },
            None => Vec::new(),
        };
        if items.len() > self.opts.max_map_items {
            return (
                Err(Failure::new(
                    errors::MAP_ITEM_LIMIT,
                    format!("{} items; the limit is {}", items.len(), self.opts.max_map_items),
                )),
                start_ms,
            );
        }
        let Some(processor) = &m.processor else {
            return (Err(Failure::new(errors::INVALID_INPUT, "the Map has no Processor")), start_ms);
        };
        let concurrency =
            m.max_concurrency.as_ref().map_or(if m.is_distributed() { 100 } else { 40 }, |c| c.value.max(1)) as usize;
        let total = items.len();
        let mut slots = vec![start_ms; concurrency.min(total.max(1))];
        let mut results = Vec::with_capacity(total);
        let mut failures = 0usize;
        let mut end = start_ms;
        let tolerated_count = m.tolerated_failure_count.as_ref().map(|c| c.value.max(0) as usize);
        let tolerated_pct = m.tolerated_failure_percentage.as_ref().map(|p| p.value);
        // A distributed Map runs each item as a child execution of its own, in a MapRun.
        let mut map_run = m.is_distributed().then(|| crate::map_run::MapRun::start(self, state, m, total, start_ms));
        for (i, item) in items.into_iter().enumerate() {
            let slot = (0..slots.len()).min_by_key(|s| (slots[*s], *s)).unwrap_or(0);
            let begin = slots[slot];
            // An item waiting for a slot past the deadline never starts.
            if begin > self.deadline_ms {
                self.end_execution(timed_out());
                if let Some(map_run) = &map_run {
                    map_run.finish(self, "Aborted", self.deadline_ms);
                }
                return (Err(timed_out()), self.deadline_ms);
            }
            let item = match &m.item_constructor {
                Some(c) => match self.construct(
                    c,
                    name,
                    Vars { input, output: None, current: None, item: Some(&item) },
                    None,
                    0,
                    None,
                ) {
                    Ok(v) => v,
                    Err(f) => {
                        if let Some(map_run) = &map_run {
                            map_run.finish(self, "Failed", begin);
                        }
                        return (Err(f), begin);
                    }
                },
                None => item,
            };
            let (r, finish) = match &mut map_run {
                Some(map_run) => map_run.run_child(self, processor, i, item, begin).await,
                None => {
                    self.event(EventType::IterationEntered, &step, begin, 0, || crate::history::EventDetail::index(i));
                    let (r, finish) = self.run_scope(processor, Arc::new(item), begin).await;
                    let r = r.map(Arc::unwrap_or_clone);
                    self.event(EventType::IterationExited, &step, finish, 0, || crate::history::EventDetail::index(i));
                    (r, finish)
                }
            };
            slots[slot] = finish;
            end = end.max(finish);
            if self.fatal.borrow().is_some() {
                // The execution ended (time limit, abort, a limit): its MapRun is aborted.
                if let Some(map_run) = &map_run {
                    map_run.finish(self, "Aborted", end.min(self.deadline_ms));
                }
                return (self.check_fatal().map(|_| Value::Null), end);
            }
            match r {
                Ok(v) => results.push(v),
                Err(f) => {
                    failures += 1;
                    // The share is of all the Map's items, not of those run so far: the same
                    // failure is tolerated wherever it comes in the order.
                    let tolerated = tolerated_count.is_some_and(|c| failures <= c)
                        || tolerated_pct.is_some_and(|p| (failures as f64) * 100.0 <= p * total as f64);
                    if !tolerated {
                        if let Some(map_run) = &map_run {
                            map_run.finish(self, "Failed", end);
                        }
                        return (Err(f), end);
                    }
                    // UNCERTAIN: a tolerated failed iteration contributes its error to Items.
                    results.push(json!({"Error": f.error, "Cause": f.cause}));
                }
            }
        }
        if let Some(map_run) = &map_run {
            map_run.finish(self, "Succeeded", end);
        }
        // Moved in, not serialized (which `json!` would do).
        let mut output = serde_json::Map::with_capacity(1);
        output.insert("Items".to_owned(), Value::Array(results));
        (Ok(Value::Object(output)), end)
    }
}
