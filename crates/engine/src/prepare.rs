//! One way to prepare a run, shared by `flowplay run`, the wasm API and the playground: lint
//! the workflow in the run's execution mode, refuse what cannot run, build the mocks (no mocks,
//! or blank mock text, means every Task echoes its parameters) and check the input. Both
//! dialects run: a legacy (`type: flow`, `steps:`) flow runs natively (`crate::legacy`).

use fdl::model::{Document, Flow, LegacyFlow};
use serde_json::Value;

use crate::invoker::{MockError, MockInvoker};
use crate::options::EngineOptions;

/// What a host asks to run.
pub struct RunRequest<'a> {
    /// The workflow text.
    pub source: &'a str,
    /// The host's linter (its configuration and catalog: `flowplay run` uses the linter of a
    /// plain `flowplay lint`), so a run refuses exactly what the host's lint calls an error. Its
    /// execution mode is replaced by `options.mode`.
    pub linter: fdl::Linter<'a>,
    /// The execution input (a JSON object).
    pub input: Value,
    /// The mock file's text; `None` or blank: every Task returns its resolved parameters.
    pub mocks: Option<&'a str>,
    /// The mock file's test case.
    pub case: Option<&'a str>,
    /// Limits, seed and execution mode (`EngineOptions::for_mode`); the workflow is linted in
    /// `options.mode`, so an Express run is checked against Express's rules.
    pub options: EngineOptions,
}

/// A workflow in either dialect, ready to run (pass `&workflow` to [`crate::run`]).
#[derive(Clone, Debug, PartialEq)]
pub enum Workflow {
    Current(Flow),
    Legacy(LegacyFlow),
}

impl Workflow {
    /// The current-dialect flow (`None` for a legacy flow).
    pub fn as_current(&self) -> Option<&Flow> {
        match self {
            Workflow::Current(f) => Some(f),
            Workflow::Legacy(_) => None,
        }
    }

    pub fn as_legacy(&self) -> Option<&LegacyFlow> {
        match self {
            Workflow::Legacy(f) => Some(f),
            Workflow::Current(_) => None,
        }
    }
}

/// A run ready to start.
pub struct Prepared {
    pub flow: Workflow,
    pub input: Value,
    pub invoker: MockInvoker,
    pub options: EngineOptions,
    /// The lint findings that did not stop the run (warnings, infos).
    pub warnings: Vec<fdl::Diagnostic>,
}

/// Why a run cannot start.
#[derive(Debug)]
pub enum PrepareError {
    /// The workflow has lint errors (these).
    Lint(Vec<fdl::Diagnostic>),
    /// Not a workflow at all (no document).
    NotAWorkflow,
    /// The mock file is unusable.
    Mocks(MockError),
    /// The input is not a JSON object.
    Input(String),
}

impl std::fmt::Display for PrepareError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Lint(errors) => write!(f, "the workflow has errors ({}); lint it and fix them first", errors.len()),
            Self::NotAWorkflow => f.write_str("not a CloudFlow workflow"),
            Self::Mocks(m) => write!(f, "{m}"),
            Self::Input(m) => f.write_str(m),
        }
    }
}

impl std::error::Error for PrepareError {}

/// Checks a run request; see the module documentation.
pub fn prepare(request: RunRequest<'_>) -> Result<Prepared, PrepareError> {
    let report = request.linter.with_execution_mode(request.options.mode).lint(request.source);
    let (errors, warnings): (Vec<_>, Vec<_>) =
        report.diagnostics.into_iter().partition(|d| d.severity == fdl::Severity::Error);
    if !errors.is_empty() {
        return Err(PrepareError::Lint(errors));
    }
    let flow = match report.analysis.document {
        Some(Document::Current(flow)) => Workflow::Current(flow),
        Some(Document::Legacy(flow)) => Workflow::Legacy(flow),
        None => return Err(PrepareError::NotAWorkflow),
    };
    let invoker = match request.mocks {
        None => MockInvoker::echo(),
        Some(text) if text.trim().is_empty() => MockInvoker::echo(),
        // Untrimmed: an error's line and column are those of the text the user wrote.
        Some(text) => MockInvoker::from_text(text, request.case).map_err(PrepareError::Mocks)?,
    };
    if !request.input.is_object() {
        return Err(PrepareError::Input(format!(
            "the execution input must be a JSON object, not {}",
            fdl::expr::type_name(&request.input)
        )));
    }
    Ok(Prepared { flow, input: request.input, invoker, options: request.options, warnings })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ExecutionMode;
    use serde_json::json;

    const TASK: &str = "Type: StateMachine\nName: t\nSpecVersion: v1\nStartAt: A\nStates:\n  - Type: Task\n    Name: A\n    Action: FC:InvokeFunction\n    TaskMode: WaitForCustomCallback\n    Parameters:\n      resourceArn: acs:fc:cn-hangzhou:1:functions/f\n      invocationType: Async\n    End: true\n";

    fn request(mocks: Option<&str>, mode: ExecutionMode) -> RunRequest<'_> {
        RunRequest {
            source: TASK,
            linter: fdl::Linter::default(),
            input: json!({}),
            mocks,
            case: None,
            options: EngineOptions::for_mode(mode),
        }
    }

    #[test]
    fn no_mocks_and_blank_mocks_echo() {
        for mocks in [None, Some(""), Some("  \n")] {
            let p = prepare(request(mocks, ExecutionMode::Standard)).expect("runs");
            let e = futures::executor::block_on(crate::run(&p.flow, p.input, &p.invoker, &p.options));
            assert_eq!(
                e.output,
                Some(json!({"resourceArn": "acs:fc:cn-hangzhou:1:functions/f", "invocationType": "Async"})),
                "{mocks:?}"
            );
        }
    }

    #[test]
    fn the_express_switch_lints_in_express_mode() {
        // FDL-T010: only RequestComplete in Express mode.
        assert!(prepare(request(None, ExecutionMode::Standard)).is_ok());
        match prepare(request(None, ExecutionMode::Express)) {
            Err(PrepareError::Lint(errors)) => assert!(errors.iter().any(|d| d.code == "FDL-T010"), "{errors:?}"),
            other => panic!("expected lint errors, got {:?}", other.err()),
        }
    }

    #[test]
    fn bad_input_is_refused() {
        let r = RunRequest { input: json!([1]), ..request(None, ExecutionMode::Standard) };
        assert!(matches!(prepare(r), Err(PrepareError::Input(_))));
    }

    /// Issue 15: a legacy flow is prepared and runs natively (a pass step without mappings
    /// outputs `{}`, so the flow's output is the union of `{}` and the mapped constant).
    #[test]
    fn legacy_flows_run() {
        let legacy = "version: v1\ntype: flow\nsteps:\n  - type: pass\n    name: a\n  - type: pass\n    name: b\n    outputMappings:\n      - target: x\n        source: 1\n";
        let r = RunRequest { source: legacy, input: json!({"in": true}), ..request(None, ExecutionMode::Standard) };
        let p = prepare(r).expect("a legacy flow is prepared");
        assert!(p.flow.as_legacy().is_some());
        let e = futures::executor::block_on(crate::run(&p.flow, p.input, &p.invoker, &p.options));
        assert_eq!(e.output, Some(json!({"x": 1})));
    }

    #[test]
    fn legacy_lint_errors_still_refuse() {
        // FDL-L005: a goto to a step that is not a sibling.
        let legacy = "version: v1\ntype: flow\nsteps:\n  - type: choice\n    name: c\n    choices:\n      - condition: $.x == 1\n        goto: nowhere\n    default:\n      goto: c\n";
        let r = RunRequest { source: legacy, ..request(None, ExecutionMode::Standard) };
        assert!(matches!(prepare(r), Err(PrepareError::Lint(_))));
    }
}
