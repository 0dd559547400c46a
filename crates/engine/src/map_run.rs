//! Distributed Map (spec §5.5.2): every item runs as a child execution of its own, grouped in
//! a *MapRun*. A child has its own history and event budget, its own `$Global` and its own time
//! limit (its `ProcessorConfig.ExecutionMode`); the parent's history gets one `MapRunStarted`
//! event, not the children's events, and the run's summary is reported like `DescribeMapRun`.

use std::sync::Arc;

use fdl::lint::ExecutionMode;
use fdl::model::{MapState, Scope, State};
use serde::Serialize;
use serde_json::{Value, json};

use crate::clock::format_rfc3339_millis;
use crate::history::EventType;
use crate::interpreter::{Failure, Run, errors};

/// Item counts of a MapRun, as `DescribeMapRun` reports them.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct ItemCounts {
    pub total: usize,
    pub succeeded: usize,
    pub failed: usize,
    /// Still running when the parent execution ended.
    pub aborted: usize,
}

/// One distributed Map run and how it ended.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct MapRun {
    pub name: String,
    /// The Map state.
    pub state_name: String,
    /// The child executions' mode.
    pub execution_mode: &'static str,
    /// `Succeeded`, `Failed`, or `Aborted` when the execution ended during the run.
    pub status: &'static str,
    pub start_time: String,
    pub stop_time: String,
    pub item_counts: ItemCounts,
    #[serde(skip)]
    child_mode: ExecutionMode,
}

impl MapRun {
    /// Opens the MapRun and records `MapRunStarted` in the parent's history.
    pub(crate) fn start(parent: &Run<'_>, state: &State, m: &MapState, total: usize, at_ms: i64) -> Self {
        let state_name = state.name().unwrap_or("").to_owned();
        // INFERRED: the child mode defaults to Express (the Nov 2024 revision's only mode).
        let child_mode = m
            .processor_execution_mode
            .as_ref()
            .and_then(|mode| ExecutionMode::parse(&mode.value))
            .unwrap_or(ExecutionMode::Express);
        let name = format!("{}-{}-{}", parent.opts.execution_name, state_name, parent.map_runs.borrow().len() + 1);
        let step: Arc<str> = Arc::from(state_name.as_str());
        parent.event(
            EventType::MapRunStarted,
            &step,
            at_ms,
            0,
            || json!({"mapRunName": name, "itemCount": total, "executionMode": child_mode.as_str()}),
        );
        Self {
            name,
            state_name,
            execution_mode: child_mode.as_str(),
            status: "Running",
            start_time: format_rfc3339_millis(at_ms),
            stop_time: String::new(),
            item_counts: ItemCounts { total, ..ItemCounts::default() },
            child_mode,
        }
    }

    /// Runs item `index` as a child execution starting at `begin`: its output (or failure) and
    /// end time.
    pub(crate) async fn run_child(
        &mut self,
        parent: &Run<'_>,
        processor: &Scope,
        index: usize,
        item: Value,
        begin: i64,
    ) -> (Result<Value, Failure>, i64) {
        let mut options = parent.opts.clone();
        options.execution_name = format!("{}-{index}", self.name);
        options.mode = self.child_mode;
        options.start_time_ms = begin;
        options.execution_timeout_ms = self.child_mode.max_execution_seconds().saturating_mul(1000);
        // Each child draws its own random numbers, reproducibly.
        options.seed = parent.opts.seed ^ (index as u64 + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        let deadline = begin.saturating_add(options.execution_timeout_ms);
        let child = Run::new(&options, parent.invoker, deadline, parent.sleeper, parent.supervisor, false);
        let (result, end) = child.run_execution(crate::interpreter::Body::Scope(processor), item).await;
        // The child's history is dropped first, so its output moves out without a copy.
        drop(child);
        let result = result.map(std::sync::Arc::unwrap_or_clone);
        // A child stopped from outside stops the whole run.
        if let Err(f) = &result
            && f.error == errors::ABORTED
        {
            parent.end_execution(f.clone());
        }
        // The parent's own limit still holds while it waits for its children: a child still
        // running at the parent's deadline is aborted with it.
        match parent.advance(begin, end.saturating_sub(begin)) {
            Ok(end) => {
                match &result {
                    Ok(_) => self.item_counts.succeeded += 1,
                    Err(_) => self.item_counts.failed += 1,
                }
                (result, end)
            }
            Err(end) => {
                self.item_counts.aborted += 1;
                (Err(Failure::new(errors::EXECUTION_TIMEOUT, "the execution ran past its time limit")), end)
            }
        }
    }

    /// Closes the MapRun with `status` and reports it with the execution.
    pub(crate) fn finish(&self, parent: &Run<'_>, status: &'static str, at_ms: i64) {
        let mut done = self.clone();
        done.status = status;
        done.stop_time = format_rfc3339_millis(at_ms);
        parent.map_runs.borrow_mut().push(done);
    }
}
