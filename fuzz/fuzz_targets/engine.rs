//! The engine on arbitrary workflows (every document that lowers to either dialect, lint errors
//! or not: legacy flows run natively since issue 15), with echo mocks and small limits so each input finishes fast. Asserts: no
//! panic; the run ends (status not Running) within the transition and event budgets; the
//! history is time-ordered and serializes.
#![no_main]

use engine::{EngineOptions, ExecutionStatus, MockInvoker};
use flowplay_fuzz::*;
use libfuzzer_sys::fuzz_target;

const MAX_EVENTS: usize = 300;
const MAX_TRANSITIONS: usize = 100;

fuzz_target!(|data: &[u8]| {
    let source = text(data);
    let analysis = fdl::analyze(&source);
    let flow: engine::Runnable<'_> = match analysis.document.as_ref() {
        Some(fdl::model::Document::Current(f)) => f.into(),
        Some(fdl::model::Document::Legacy(f)) => f.into(),
        None => return,
    };
    let options = EngineOptions {
        max_events: MAX_EVENTS,
        max_transitions: MAX_TRANSITIONS,
        max_payload_bytes: 16 * 1024,
        max_map_items: 20,
        execution_timeout_ms: 3_600_000,
        ..EngineOptions::default()
    };
    let invoker = MockInvoker::echo();
    let execution = futures::executor::block_on(engine::run(flow, sample_input(), &invoker, &options));
    assert_ne!(execution.status, ExecutionStatus::Running, "the run did not finish");
    assert!(execution.transitions <= MAX_TRANSITIONS + 1, "{} transitions", execution.transitions);
    // A few closing events may follow the limit (the failure itself, branch ends).
    assert!(execution.events.len() <= MAX_EVENTS + 16, "{} events", execution.events.len());
    for pair in execution.events.windows(2) {
        assert!(pair[0].at_ms <= pair[1].at_ms, "history not ordered by time");
    }
    let _ = serde_json::to_string(&execution).expect("execution serializes");
});
