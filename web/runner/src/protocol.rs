//! What the page and the run worker say to each other: JSON text through `postMessage`, one
//! message per value below. Every message names its run: a restarted run's predecessor still
//! reports its end (Stopped), and the page ignores what belongs to a run it no longer shows.

use engine::{Execution, StateTrace};
use flowplay_real::CallRecord;
use serde::{Deserialize, Serialize};

/// The real-mode form, as the page keeps it and the worker signs with it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct RealSettings {
    pub access_key_id: String,
    pub access_key_secret: String,
    pub security_token: String,
    pub region: String,
    pub relay_url: String,
    /// `SERVICE=URL` per line: send that service's calls elsewhere (a local emulator).
    pub endpoints: String,
    pub remember: bool,
    /// Refuse every call that writes (see `catalog::access`); otherwise ask once per run.
    #[serde(default)]
    pub read_only: bool,
}

/// A run as the page asks for it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct RunRequest {
    pub source: String,
    /// The input editor's text (blank: `{}`).
    pub input: String,
    /// The mocks editor's text (blank: every Task echoes its input).
    pub mocks: String,
    pub seed: u64,
    /// The Express mode switch: linted and run with Express's rules and limits.
    pub express: bool,
    pub real: Option<RealSettings>,
    /// Pause before the first state (Step).
    pub stepping: bool,
    pub breakpoints: Vec<String>,
}

/// The page to the worker.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ToWorker {
    /// Start a run (a run still going is stopped first). `page_url`: what relative URLs (the
    /// relay's, the catalog's) are resolved against.
    Start { run: u64, page_url: String, request: Box<RunRequest> },
    /// Continue a paused run; `stepping` pauses again before the next state.
    Resume { run: u64, stepping: bool },
    /// Stop the run before its next state (at once when paused).
    Abort { run: u64 },
    /// The breakpoints changed; the run sees them before its next state.
    Breakpoints { run: u64, names: Vec<String> },
    /// The user's answer to [`FromWorker::ConfirmWrites`].
    WritesAnswer { run: u64, allowed: bool },
}

impl ToWorker {
    /// The run the message is about.
    pub fn run(&self) -> u64 {
        match self {
            ToWorker::Start { run, .. }
            | ToWorker::Resume { run, .. }
            | ToWorker::Abort { run }
            | ToWorker::Breakpoints { run, .. }
            | ToWorker::WritesAnswer { run, .. } => *run,
        }
    }
}

/// The execution so far, with what each state did (not part of the service's shape, so not
/// serialized with the execution).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Snapshot {
    pub execution: Execution,
    pub traces: Vec<StateTrace>,
}

impl Snapshot {
    pub fn new(mut execution: Execution) -> Self {
        let traces = std::mem::take(&mut execution.traces);
        Self { execution, traces }
    }

    /// The execution with its traces back in place.
    pub fn into_execution(self) -> Execution {
        Execution { traces: self.traces, ..self.execution }
    }
}

/// The worker to the page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum FromWorker {
    /// The run did not start: bad input JSON, bad mocks, lint errors, real mode without keys.
    Refused { run: u64, message: String },
    /// The run waits before `before`, which is about to get `input`.
    Paused { run: u64, snapshot: Snapshot, before: String, input: serde_json::Value },
    /// The run ended; `calls` are real mode's calls (redacted).
    Finished { run: u64, snapshot: Snapshot, calls: Vec<CallRecord> },
    /// Real mode is about to send its first write: ask the user (a native dialog on the page,
    /// which page content cannot forge or click through), then answer with
    /// [`ToWorker::WritesAnswer`].
    ConfirmWrites { run: u64, message: String },
}

/// Reads a message; `None` for anything else (messages are only ever these, from this origin).
pub fn read<'a, T: Deserialize<'a>>(text: &'a str) -> Option<T> {
    serde_json::from_str(text).ok()
}

/// Writes a message.
pub fn write<T: Serialize>(message: &T) -> String {
    // These types hold only strings, numbers and JSON values: serializing cannot fail.
    serde_json::to_string(message).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_round_trip_through_json() {
        let start = ToWorker::Start {
            run: 3,
            page_url: "http://127.0.0.1:8080/".into(),
            request: Box::new(RunRequest {
                source: "Type: StateMachine".into(),
                stepping: true,
                ..RunRequest::default()
            }),
        };
        assert_eq!(read::<ToWorker>(&write(&start)), Some(start));
        let answer = ToWorker::WritesAnswer { run: 3, allowed: false };
        assert!(write(&answer).contains(r#""type":"writes_answer""#), "{}", write(&answer));
        assert_eq!(read::<ToWorker>(&write(&answer)), Some(answer));
        assert_eq!(read::<ToWorker>("{\"type\":\"launch\"}"), None);
        assert_eq!(read::<ToWorker>("not json"), None);
    }

    #[test]
    fn a_snapshot_carries_the_execution_and_its_traces() {
        let source = "Type: StateMachine\nName: w\nSpecVersion: v1\nStartAt: A\nStates:\n  - Type: Pass\n    Name: A\n    End: true\n";
        let prepared = engine::prepare(engine::RunRequest {
            source,
            linter: fdl::Linter::default(),
            input: serde_json::json!({"x": 1}),
            mocks: None,
            case: None,
            options: engine::EngineOptions::default(),
        })
        .expect("prepared");
        let execution = futures::executor::block_on(engine::run_with(
            &prepared.flow,
            prepared.input,
            &prepared.invoker,
            &prepared.options,
            engine::RunHooks::default(),
        ));
        assert_eq!(execution.traces.len(), 1);
        let finished = FromWorker::Finished { run: 1, snapshot: Snapshot::new(execution.clone()), calls: Vec::new() };
        let Some(FromWorker::Finished { snapshot, .. }) = read::<FromWorker>(&write(&finished)) else {
            panic!("not read back")
        };
        let back = snapshot.into_execution();
        assert_eq!(back.traces, execution.traces);
        // Events travel in the service's shape (their clock reading in ms is the engine's own).
        assert_eq!(serde_json::to_value(&back.events).ok(), serde_json::to_value(&execution.events).ok());
        assert_eq!((back.status, back.output), (execution.status, execution.output));
    }
}
