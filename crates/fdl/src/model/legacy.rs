//! The legacy dialect (`type: flow`, `steps:`; spec §15).

use compact_str::CompactString;
use serde_json::Value;

use super::{Constructor, KeySpan, Spanned};
use crate::span::Span;

#[derive(Clone, Debug, PartialEq)]
pub struct LegacyFlow {
    pub span: Span,
    pub version: Option<Spanned<CompactString>>,
    pub type_: Option<Spanned<CompactString>>,
    pub name: Option<Spanned<CompactString>>,
    pub steps: StepList,
    pub input_mappings: Option<Vec<Mapping>>,
    pub output_mappings: Option<Vec<Mapping>>,
    pub timeout_seconds: Option<Spanned<i64>>,
    pub keys: Vec<KeySpan>,
}

/// An ordered list of sibling steps (`steps:` of the flow, a branch, a choice, a foreach).
#[derive(Clone, Debug, PartialEq, Default)]
pub struct StepList {
    /// Span of the `steps` value, or of the owner when the key is missing.
    pub span: Span,
    /// Whether the `steps` key was present.
    pub present: bool,
    pub steps: Vec<Step>,
}

impl StepList {
    pub fn step(&self, name: &str) -> Option<&Step> {
        self.steps.iter().find(|s| s.name() == Some(name))
    }
}

/// The step types of spec §15.2.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StepType {
    Task,
    Pass,
    Wait,
    Succeed,
    Fail,
    Choice,
    Parallel,
    Foreach,
    /// `loop` (spec §15.8b, from the editor schema; its semantics are INFERRED).
    Loop,
}

impl StepType {
    pub const ALL: [StepType; 9] = [
        StepType::Task,
        StepType::Pass,
        StepType::Wait,
        StepType::Succeed,
        StepType::Fail,
        StepType::Choice,
        StepType::Parallel,
        StepType::Foreach,
        StepType::Loop,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            StepType::Task => "task",
            StepType::Pass => "pass",
            StepType::Wait => "wait",
            StepType::Succeed => "succeed",
            StepType::Fail => "fail",
            StepType::Choice => "choice",
            StepType::Parallel => "parallel",
            StepType::Foreach => "foreach",
            StepType::Loop => "loop",
        }
    }

    pub fn parse(text: &str) -> Option<StepType> {
        StepType::ALL.into_iter().find(|t| t.as_str() == text)
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Step {
    pub span: Span,
    pub name: Option<Spanned<CompactString>>,
    pub type_: Option<Spanned<CompactString>>,
    pub end: Option<Spanned<bool>>,
    pub input_mappings: Option<Vec<Mapping>>,
    pub output_mappings: Option<Vec<Mapping>>,
    pub kind: StepKind,
    pub keys: Vec<KeySpan>,
}

impl Step {
    pub fn name(&self) -> Option<&str> {
        self.name.as_ref().map(|n| n.value.as_str())
    }

    pub fn anchor_span(&self) -> Span {
        self.name.as_ref().map(|n| n.span).unwrap_or(Span::new(self.span.start, self.span.start))
    }

    pub fn key(&self, name: &str) -> Option<&KeySpan> {
        super::find_key(&self.keys, name)
    }

    /// Nested step lists with what owns them.
    pub fn child_lists(&self) -> Vec<&StepList> {
        match &self.kind {
            StepKind::Choice(c) => {
                let mut out: Vec<&StepList> = c.choices.iter().map(|b| &b.steps).collect();
                if let Some(d) = &c.default {
                    out.push(&d.steps);
                }
                out
            }
            StepKind::Parallel(p) => p.branches.iter().collect(),
            StepKind::Foreach(f) => vec![&f.steps],
            StepKind::Loop(l) => vec![&l.steps],
            _ => Vec::new(),
        }
    }

    /// `goto` targets named by this step (choice branches, default, catchers).
    pub fn gotos(&self) -> Vec<&Spanned<CompactString>> {
        let mut out = Vec::new();
        match &self.kind {
            StepKind::Choice(c) => {
                out.extend(c.choices.iter().filter_map(|b| b.goto.as_ref()));
                out.extend(c.default.iter().filter_map(|d| d.goto.as_ref()));
            }
            StepKind::Task(t) => out.extend(t.catch.iter().filter_map(|c| c.goto.as_ref())),
            _ => {}
        }
        out
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum StepKind {
    Task(LegacyTask),
    Pass,
    Wait(LegacyWait),
    Succeed,
    Fail(LegacyFail),
    Choice(LegacyChoice),
    Parallel(LegacyParallel),
    Foreach(LegacyForeach),
    Loop(LegacyLoop),
    Unknown,
}

/// `{target, source}` (spec §15.3).
#[derive(Clone, Debug, PartialEq)]
pub struct Mapping {
    pub span: Span,
    pub target: Option<Spanned<CompactString>>,
    /// The source: a path string such as `$input.x` or a constant.
    pub source: Option<Spanned<Value>>,
    pub keys: Vec<KeySpan>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct LegacyTask {
    /// The function, queue or flow called (the first task form of spec §15.4).
    pub resource_arn: Option<Spanned<CompactString>>,
    /// `product:Operation`, a cloud API called by name (the second task form of spec §15.4).
    pub action: Option<Spanned<CompactString>>,
    pub pattern: Option<Spanned<CompactString>>,
    pub timeout_seconds: Option<Spanned<i64>>,
    /// Service arguments: the API's parameters with an `action`, MNS message fields with a
    /// queue ARN. String values that are legacy paths (`$.x`, `$input.x`) are read from the
    /// step's input; there is no `.$` suffix in this dialect.
    pub service_params: Option<Constructor>,
    pub error_mappings: Option<Vec<Mapping>>,
    pub retry: Vec<LegacyRetry>,
    pub catch: Vec<LegacyCatch>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct LegacyRetry {
    pub span: Span,
    pub errors: Vec<Spanned<CompactString>>,
    pub interval_seconds: Option<Spanned<f64>>,
    pub max_interval_seconds: Option<Spanned<f64>>,
    pub max_attempts: Option<Spanned<i64>>,
    pub multiplier: Option<Spanned<f64>>,
    pub keys: Vec<KeySpan>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct LegacyCatch {
    pub span: Span,
    pub errors: Vec<Spanned<CompactString>>,
    pub goto: Option<Spanned<CompactString>>,
    pub keys: Vec<KeySpan>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct LegacyWait {
    /// `duration`: seconds, or an input path such as `$.wait`.
    pub duration: Option<Spanned<Value>>,
    /// `timestamp`: RFC 3339 constant or an input path.
    pub timestamp: Option<Spanned<Value>>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct LegacyFail {
    pub error: Option<Spanned<CompactString>>,
    pub cause: Option<Spanned<CompactString>>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct LegacyChoice {
    pub choices: Vec<LegacyChoiceBranch>,
    pub default: Option<LegacyChoiceDefault>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct LegacyChoiceBranch {
    pub span: Span,
    pub condition: Option<Spanned<CompactString>>,
    pub steps: StepList,
    pub goto: Option<Spanned<CompactString>>,
    pub keys: Vec<KeySpan>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct LegacyChoiceDefault {
    pub span: Span,
    pub steps: StepList,
    pub goto: Option<Spanned<CompactString>>,
    pub keys: Vec<KeySpan>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct LegacyParallel {
    pub branches: Vec<StepList>,
    /// The keys of each item of `branches` (only `steps` is documented), in the same order.
    pub branch_keys: Vec<Vec<KeySpan>>,
    pub branches_span: Option<Span>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct LegacyForeach {
    pub collection: Option<Spanned<CompactString>>,
    pub item: Option<Spanned<CompactString>>,
    pub index: Option<Spanned<CompactString>>,
    pub iteration_mapping: Option<Span>,
    /// The keys of `iterationMapping`.
    pub iteration_mapping_keys: Vec<KeySpan>,
    pub steps: StepList,
}

/// `loop` (spec §15.8b): `steps` run while `preCondition` (checked before each pass) and
/// `postCondition` (checked after each pass) hold (INFERRED: no help-center page describes it).
#[derive(Clone, Debug, PartialEq)]
pub struct LegacyLoop {
    pub pre_condition: Option<Spanned<CompactString>>,
    pub post_condition: Option<Spanned<CompactString>>,
    pub steps: StepList,
}
