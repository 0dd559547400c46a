//! Lowering: from the spanned YAML tree to the typed model. Detects the dialect (spec §1.3) and
//! reports only problems that stop a value from entering the model (the wrong YAML type);
//! everything else is the lint rules' business.

mod current;
mod legacy;
mod reader;

use crate::diagnostic::Diagnostic;
use crate::lint::rules::syntax::{
    p001_syntax::YamlSyntax, p002_not_cloudflow::NotCloudFlow, p003_mixed_dialects::MixedDialects,
    p013_step_functions::StepFunctionsDefinition,
};
use crate::model::Document;
use crate::yaml::Node;

pub use reader::parse_expression;

const CURRENT_ROOT_KEYS: [&str; 4] = ["Type", "SpecVersion", "StartAt", "States"];
const LEGACY_ROOT_KEYS: [&str; 2] = ["steps", "version"];

/// Lowers a parsed document. Returns `None` when the root is not a workflow at all.
pub fn lower(source: &str, root: &Node) -> (Option<Document>, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let Some(entries) = root.as_map() else {
        diagnostics.push(
            Diagnostic::error(
                YamlSyntax::META.code,
                root.span,
                format!("a workflow must be a YAML mapping at the top level, but this is {}", root.type_name()),
            )
            .with_help("start with `Type: StateMachine`, `Name`, `SpecVersion: v1`, `StartAt` and `States`"),
        );
        return (None, diagnostics);
    };
    let has = |k: &str| entries.iter().any(|e| e.key_str() == Some(k));
    // Amazon States Language: `States` a mapping of name → state, and none of CloudFlow's own root
    // keys. One finding rather than the handful of generic ones lowering it as CloudFlow gives.
    if let Some(states) = entries.iter().find(|e| e.key_str() == Some("States"))
        && states.value.as_map().is_some()
        && has("StartAt")
        && !has("Type")
        && !has("SpecVersion")
    {
        diagnostics.push(
            Diagnostic::error(
                StepFunctionsDefinition::META.code,
                states.key.span,
                "this is an AWS Step Functions definition (Amazon States Language), not a CloudFlow workflow: \
                 CloudFlow lists `States` as a sequence and has `Type: StateMachine` and `SpecVersion: v1` at the root",
            )
            .with_help(
                "add `Type: StateMachine`, `Name` and `SpecVersion: v1`, write each state as a list item with its \
                 name in `Name`, and replace AWS `Resource` ARNs with CloudFlow Task `Action`s",
            ),
        );
        return (None, diagnostics);
    }
    let current = CURRENT_ROOT_KEYS.iter().any(|k| has(k));
    let legacy = LEGACY_ROOT_KEYS.iter().any(|k| has(k)) || root.get("type").and_then(Node::as_str) == Some("flow");
    if current && legacy {
        let legacy_key = entries
            .iter()
            .find(|e| matches!(e.key_str(), Some("steps" | "version" | "type")))
            .map_or(root.span, |e| e.key.span);
        diagnostics.push(
            Diagnostic::error(
                MixedDialects::META.code,
                legacy_key,
                "this document mixes keys of the current dialect (`Type`, `States`, …) and the legacy one \
                 (`version`, `type: flow`, `steps`); use one dialect",
            )
            .with_help("the current dialect is recommended; `flowplay lint --fix` can migrate a legacy flow"),
        );
    }
    let mut reader = reader::Reader::new(source, &mut diagnostics);
    let document = if current {
        Some(Document::Current(current::lower_flow(&mut reader, root)))
    } else if legacy {
        Some(Document::Legacy(legacy::lower_flow(&mut reader, root)))
    } else {
        diagnostics.push(
            Diagnostic::error(
                NotCloudFlow::META.code,
                entries.first().map_or(root.span, |e| e.key.span),
                "this is not a CloudFlow workflow: expected `Type: StateMachine` with `States` (current \
                 dialect) or `type: flow` with `steps` (legacy dialect)",
            )
            .with_help("a minimal workflow: Type: StateMachine / Name: demo / SpecVersion: v1 / StartAt: Hello / States: [...]"),
        );
        None
    };
    (document, diagnostics)
}
