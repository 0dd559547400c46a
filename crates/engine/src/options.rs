//! Engine options and limits (spec §12), each named and overridable.

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
    /// History events per execution (service: 5,000).
    pub max_events: usize,
    /// State transitions per execution before it is stopped as a runaway loop.
    pub max_transitions: usize,
    /// Largest state input/output (service: 64 KiB).
    pub max_payload_bytes: usize,
    /// Most Map items (distributed quota: 10,000; inline has none, but memory does).
    pub max_map_items: usize,
    /// Whole-execution time limit on the clock (Standard: 1 year; Express: 5 minutes).
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
}

impl Default for EngineOptions {
    fn default() -> Self {
        Self {
            seed: 0,
            start_time_ms: 1_767_225_600_000, // 2026-01-01T00:00:00Z: fixed, so histories are reproducible
            execution_name: "local-execution".into(),
            max_events: Self::SERVICE_MAX_EVENTS,
            max_transitions: 10_000,
            max_payload_bytes: Self::SERVICE_MAX_PAYLOAD_BYTES,
            max_map_items: 10_000,
            execution_timeout_ms: 365 * 24 * 3_600_000,
            strict_paths: false,
            catch_input: CatchInput::StateInput,
            record_details: true,
        }
    }
}
