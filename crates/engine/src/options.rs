//! Engine options and limits (spec §12), each named and overridable. The defaults are the
//! service's limits for the execution mode; [`EngineOptions::changed_limits`] says which a run
//! changed, and the history's `ExecutionStarted` event records it.

use fdl::lint::ExecutionMode;
use serde_json::{Map, Value, json};

/// What the input of a catcher's `Next` state is when the catcher has no OutputConstructor
/// (spec §8.3, UNCERTAIN).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum CatchInput {
    /// The failed state's (constructed) input, unchanged (the spec's recommendation).
    #[default]
    StateInput,
    /// `{"Error": …, "Cause": …}` (Step Functions' behaviour).
    ErrorObject,
}

#[derive(Clone, Debug, PartialEq)]
pub struct EngineOptions {
    /// Seed for `randomInt`/`uuid` and task tokens: same inputs + seed → same history.
    pub seed: u64,
    /// Execution start on the virtual clock (epoch ms).
    pub start_time_ms: i64,
    /// Execution name (`$Context.Execution.Name`).
    pub execution_name: String,
    /// The flow's execution mode: it sets the default time limit (and distributed Map children
    /// take theirs from `ProcessorConfig.ExecutionMode`).
    pub mode: ExecutionMode,
    /// History events per execution (service: 5,000). A distributed Map's child executions
    /// each have a budget of their own.
    pub max_events: usize,
    /// State transitions per execution before it is stopped as a runaway loop (flowplay's own
    /// guard; the service has no such limit).
    pub max_transitions: usize,
    /// Largest state input/output (service: 64 KiB).
    pub max_payload_bytes: usize,
    /// Most Map items (distributed quota: 10,000; inline has none, but memory does).
    pub max_map_items: usize,
    /// Whole-execution time limit on the clock (Standard: 1 year; Express: 5 minutes). A root
    /// `Timeout` in the workflow lowers it for that workflow.
    pub execution_timeout_ms: i64,
    /// Missing members in expressions are errors instead of null.
    pub strict_paths: bool,
    pub catch_input: CatchInput,
    /// Record event details (inputs/outputs); off only for benchmarks.
    pub record_details: bool,
}

impl EngineOptions {
    pub const SERVICE_MAX_EVENTS: usize = 5_000;
    pub const SERVICE_MAX_PAYLOAD_BYTES: usize = 64 * 1024;
    pub const SERVICE_MAX_MAP_ITEMS: usize = 10_000;

    /// The service's limits for `mode`.
    pub fn for_mode(mode: ExecutionMode) -> Self {
        Self {
            seed: 0,
            start_time_ms: 1_767_225_600_000, // 2026-01-01T00:00:00Z: fixed, so histories are reproducible
            execution_name: "local-execution".into(),
            mode,
            max_events: Self::SERVICE_MAX_EVENTS,
            max_transitions: 10_000,
            max_payload_bytes: Self::SERVICE_MAX_PAYLOAD_BYTES,
            max_map_items: Self::SERVICE_MAX_MAP_ITEMS,
            execution_timeout_ms: mode.max_execution_seconds().saturating_mul(1000),
            strict_paths: false,
            catch_input: CatchInput::StateInput,
            record_details: true,
        }
    }

    /// The service limits this run changed, as `{"maxEvents": {"value": 20000, "service":
    /// 5000}, …}` (empty when it runs with the service's limits).
    pub fn changed_limits(&self) -> Map<String, Value> {
        let service = Self::for_mode(self.mode);
        let mut changed = Map::new();
        let mut note = |name: &str, value: i64, limit: i64| {
            if value != limit {
                let how = if value > limit { "raised" } else { "lowered" };
                changed.insert(name.into(), json!({"value": value, "service": limit, "change": how}));
            }
        };
        let as_i64 = |n: usize| i64::try_from(n).unwrap_or(i64::MAX);
        note("maxEvents", as_i64(self.max_events), as_i64(service.max_events));
        note("maxPayloadBytes", as_i64(self.max_payload_bytes), as_i64(service.max_payload_bytes));
        note("maxMapItems", as_i64(self.max_map_items), as_i64(service.max_map_items));
        note("executionTimeoutMs", self.execution_timeout_ms, service.execution_timeout_ms);
        changed
    }
}

impl Default for EngineOptions {
    fn default() -> Self {
        Self::for_mode(ExecutionMode::Standard)
    }
}
