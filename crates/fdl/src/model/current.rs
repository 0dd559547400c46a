//! The current dialect (`Type: StateMachine`, spec §3–§9).

use compact_str::CompactString;
use std::collections::HashMap;

use super::{Constructor, Expression, KeySpan, Spanned};
use crate::span::Span;

/// The root of a current-dialect workflow.
#[derive(Clone, Debug, PartialEq)]
pub struct Flow {
    pub span: Span,
    pub type_: Option<Spanned<CompactString>>,
    pub name: Option<Spanned<CompactString>>,
    pub spec_version: Option<Spanned<CompactString>>,
    pub description: Option<Spanned<CompactString>>,
    /// Root `Timeout`: the execution's time limit in seconds (spec §3), as written (a number or
    /// a string of digits); FDL-S009 checks that it is a whole number in the mode's range.
    pub timeout: Option<Spanned<f64>>,
    /// The root scope (`StartAt` + `States`).
    pub scope: Scope,
    pub keys: Vec<KeySpan>,
}

impl Flow {
    /// The execution's time limit from root `Timeout`, in whole seconds, when it is usable (a
    /// whole number of at least 1 second); FDL-S009 reports any other value.
    pub fn timeout_seconds(&self) -> Option<i64> {
        let t = self.timeout.as_ref()?.value;
        (t.is_finite() && t.fract() == 0.0 && t >= 1.0).then(|| t.min(i64::MAX as f64) as i64)
    }
}

/// A `{StartAt, States}` pair: the root, a Parallel branch or a Map processor (spec §4.3).
#[derive(Clone, Debug, PartialEq)]
pub struct Scope {
    pub span: Span,
    pub start_at: Option<Spanned<CompactString>>,
    pub states: Vec<State>,
    /// Span of the `States` value, when present.
    pub states_span: Option<Span>,
    pub keys: Vec<KeySpan>,
    /// State name → index of its first occurrence in `states` (built by lowering).
    pub name_index: HashMap<CompactString, usize>,
}

impl Scope {
    pub fn new(
        span: Span,
        start_at: Option<Spanned<CompactString>>,
        states: Vec<State>,
        states_span: Option<Span>,
        keys: Vec<KeySpan>,
    ) -> Self {
        let mut name_index = HashMap::with_capacity(states.len());
        for (i, state) in states.iter().enumerate() {
            if let Some(name) = state.name() {
                name_index.entry(name.into()).or_insert(i);
            }
        }
        Self { span, start_at, states, states_span, keys, name_index }
    }

    pub fn state(&self, name: &str) -> Option<&State> {
        self.state_index(name).and_then(|i| self.states.get(i))
    }

    pub fn state_index(&self, name: &str) -> Option<usize> {
        self.name_index.get(name).copied()
    }
}

/// The eight state types (spec §4.1).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum StateType {
    Task,
    Pass,
    Choice,
    Parallel,
    Map,
    Wait,
    Succeed,
    Fail,
}

impl StateType {
    pub const ALL: [StateType; 8] = [
        StateType::Task,
        StateType::Pass,
        StateType::Choice,
        StateType::Parallel,
        StateType::Map,
        StateType::Wait,
        StateType::Succeed,
        StateType::Fail,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            StateType::Task => "Task",
            StateType::Pass => "Pass",
            StateType::Choice => "Choice",
            StateType::Parallel => "Parallel",
            StateType::Map => "Map",
            StateType::Wait => "Wait",
            StateType::Succeed => "Succeed",
            StateType::Fail => "Fail",
        }
    }

    /// Exact, case-sensitive (spec §4.1).
    pub fn parse(text: &str) -> Option<StateType> {
        StateType::ALL.into_iter().find(|t| t.as_str() == text)
    }

    /// Whether a state of this type transitions with `Next`/`End` (spec §4.4).
    pub fn has_next_or_end(self) -> bool {
        matches!(self, StateType::Task | StateType::Pass | StateType::Parallel | StateType::Map | StateType::Wait)
    }

    /// Whether `Retry`/`Catch` are allowed (spec §4.2).
    pub fn supports_error_handling(self) -> bool {
        matches!(self, StateType::Task | StateType::Parallel | StateType::Map)
    }
}

/// One state. Common fields are here; type-specific ones are in `kind`.
#[derive(Clone, Debug, PartialEq)]
pub struct State {
    pub span: Span,
    pub name: Option<Spanned<CompactString>>,
    /// The `Type` as written (may be unknown).
    pub type_: Option<Spanned<CompactString>>,
    pub description: Option<Spanned<CompactString>>,
    pub input_constructor: Option<Constructor>,
    pub output_constructor: Option<Constructor>,
    pub global_constructor: Option<Constructor>,
    pub next: Option<Spanned<CompactString>>,
    /// `End` when it is a boolean.
    pub end: Option<Spanned<bool>>,
    pub retry: Vec<Retrier>,
    pub catch: Vec<Catcher>,
    pub kind: StateKind,
    pub keys: Vec<KeySpan>,
}

impl State {
    pub fn name(&self) -> Option<&str> {
        self.name.as_ref().map(|n| n.value.as_str())
    }

    pub fn state_type(&self) -> Option<StateType> {
        self.kind.state_type()
    }

    pub fn is_end(&self) -> bool {
        self.end.as_ref().is_some_and(|e| e.value)
    }

    pub fn key(&self, name: &str) -> Option<&KeySpan> {
        super::find_key(&self.keys, name)
    }

    /// The span to underline when pointing at the state as a whole: its name, else its first line.
    pub fn anchor_span(&self) -> Span {
        self.name.as_ref().map(|n| n.span).unwrap_or(Span::new(self.span.start, self.span.start))
    }

    /// Nested scopes (Parallel branches, Map processor).
    pub fn child_scopes(&self) -> &[Scope] {
        match &self.kind {
            StateKind::Parallel(p) => &p.branches,
            StateKind::Map(m) => m.processor.as_slice(),
            _ => &[],
        }
    }

    /// Every transition target this state names, with what names it (for graph checks).
    pub fn transitions(&self) -> Vec<Transition<'_>> {
        let mut out = Vec::new();
        self.for_each_transition(&mut |t| out.push(t));
        out
    }

    /// Calls `f` on every transition of [`State::transitions`], without collecting them.
    pub fn for_each_transition<'a>(&'a self, f: &mut dyn FnMut(Transition<'a>)) {
        if let Some(next) = &self.next {
            f(Transition { target: next, via: TransitionKind::Next });
        }
        if let StateKind::Choice(choice) = &self.kind {
            for (i, branch) in choice.branches.iter().enumerate() {
                if let Some(next) = &branch.next {
                    f(Transition { target: next, via: TransitionKind::ChoiceBranch(i) });
                }
            }
            if let Some(default) = &choice.default {
                f(Transition { target: default, via: TransitionKind::Default });
            }
        }
        for (i, catcher) in self.catch.iter().enumerate() {
            if let Some(next) = &catcher.next {
                f(Transition { target: next, via: TransitionKind::Catch(i) });
            }
        }
    }
}

/// A named edge of the state graph.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Transition<'a> {
    pub target: &'a Spanned<CompactString>,
    pub via: TransitionKind,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TransitionKind {
    Next,
    Default,
    ChoiceBranch(usize),
    Catch(usize),
}

impl TransitionKind {
    pub fn describe(self) -> &'static str {
        match self {
            TransitionKind::Next => "Next",
            TransitionKind::Default => "Default",
            TransitionKind::ChoiceBranch(_) => "branch Next",
            TransitionKind::Catch(_) => "catcher Next",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum StateKind {
    Task(Task),
    Pass,
    Choice(Choice),
    Parallel(Parallel),
    Map(Box<MapState>),
    Wait(Wait),
    Succeed,
    Fail(Fail),
    /// `Type` missing or not one of the eight.
    Unknown,
}

impl StateKind {
    pub fn state_type(&self) -> Option<StateType> {
        Some(match self {
            StateKind::Task(_) => StateType::Task,
            StateKind::Pass => StateType::Pass,
            StateKind::Choice(_) => StateType::Choice,
            StateKind::Parallel(_) => StateType::Parallel,
            StateKind::Map(_) => StateType::Map,
            StateKind::Wait(_) => StateType::Wait,
            StateKind::Succeed => StateType::Succeed,
            StateKind::Fail(_) => StateType::Fail,
            StateKind::Unknown => return None,
        })
    }
}

/// `TaskMode` (spec §9.2).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TaskMode {
    RequestComplete,
    WaitForSystemCallback,
    WaitForCustomCallback,
}

impl TaskMode {
    pub const ALL: [TaskMode; 3] =
        [TaskMode::RequestComplete, TaskMode::WaitForSystemCallback, TaskMode::WaitForCustomCallback];

    pub fn as_str(self) -> &'static str {
        match self {
            TaskMode::RequestComplete => "RequestComplete",
            TaskMode::WaitForSystemCallback => "WaitForSystemCallback",
            TaskMode::WaitForCustomCallback => "WaitForCustomCallback",
        }
    }

    pub fn parse(text: &str) -> Option<TaskMode> {
        TaskMode::ALL.into_iter().find(|m| m.as_str() == text)
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Task {
    pub action: Option<Spanned<CompactString>>,
    /// `TaskMode` as written; `None` means the default, `RequestComplete`.
    pub task_mode: Option<Spanned<CompactString>>,
    pub parameters: Option<Constructor>,
    /// `Timeout` in seconds when it is an integer or a string of digits.
    pub timeout: Option<Spanned<i64>>,
}

impl Task {
    /// The effective mode, when it is valid.
    pub fn mode(&self) -> Option<TaskMode> {
        match &self.task_mode {
            None => Some(TaskMode::RequestComplete),
            Some(m) => TaskMode::parse(&m.value),
        }
    }

    /// `(service, operation)` of a well-formed `Action`.
    pub fn service_and_operation(&self) -> Option<(&str, &str)> {
        let action = self.action.as_ref()?;
        action.value.split_once(':')
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Choice {
    pub branches: Vec<ChoiceBranch>,
    /// Span of the `Branches` value, when present.
    pub branches_span: Option<Span>,
    pub default: Option<Spanned<CompactString>>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ChoiceBranch {
    pub span: Span,
    pub condition: Option<Expression>,
    pub next: Option<Spanned<CompactString>>,
    pub keys: Vec<KeySpan>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Parallel {
    pub branches: Vec<Scope>,
    pub branches_span: Option<Span>,
}

/// Map (spec §5.5), inline or distributed.
#[derive(Clone, Debug, PartialEq)]
pub struct MapState {
    pub items_path: Option<Expression>,
    pub processor: Option<Scope>,
    pub max_concurrency: Option<Spanned<i64>>,
    pub item_constructor: Option<Constructor>,
    /// `ProcessorConfig.ExecutionMode` as written.
    pub processor_execution_mode: Option<Spanned<CompactString>>,
    pub processor_config: Option<Span>,
    pub item_reader: Option<Span>,
    pub item_batcher: Option<Span>,
    pub result_writer: Option<Span>,
    pub max_items: Option<Span>,
    pub tolerated_failure_percentage: Option<Spanned<f64>>,
    pub tolerated_failure_count: Option<Spanned<i64>>,
}

impl MapState {
    /// Distributed when `ProcessorConfig` is present (spec §5.5 INFERRED selection rule).
    pub fn is_distributed(&self) -> bool {
        self.processor_config.is_some()
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Wait {
    /// `Seconds` when it is a number (fractions kept so the linter can reject them).
    pub seconds: Option<Spanned<f64>>,
    /// `Seconds.$`.
    pub seconds_expr: Option<Expression>,
    /// Compatibility: `UntilDateTime` (Dec 2023 revision only, spec §5.6).
    pub until_date_time: Option<Spanned<CompactString>>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Fail {
    pub code: Option<Spanned<CompactString>>,
    pub detail: Option<Spanned<CompactString>>,
}

/// An entry of `Retry` (spec §8.2).
#[derive(Clone, Debug, PartialEq)]
pub struct Retrier {
    pub span: Span,
    pub errors: Vec<Spanned<CompactString>>,
    pub description: Option<Spanned<CompactString>>,
    pub max_attempts: Option<Spanned<i64>>,
    pub interval_seconds: Option<Spanned<f64>>,
    pub backoff_rate: Option<Spanned<f64>>,
    pub max_backoff_seconds: Option<Spanned<f64>>,
    pub keys: Vec<KeySpan>,
}

/// An entry of `Catch` (spec §8.3).
#[derive(Clone, Debug, PartialEq)]
pub struct Catcher {
    pub span: Span,
    pub errors: Vec<Spanned<CompactString>>,
    pub description: Option<Spanned<CompactString>>,
    pub output_constructor: Option<Constructor>,
    pub next: Option<Spanned<CompactString>>,
    pub keys: Vec<KeySpan>,
}
