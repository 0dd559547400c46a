//! Completion: keys valid for the state type at the cursor, enum values (`Type`, `TaskMode`, …),
//! state names after `Next`/`StartAt`/`Default` (those of the cursor's scope) and step names
//! after a legacy `goto`, Actions and their Parameters from the OpenAPI catalog, and variables
//! and built-in functions inside expressions.

use catalog::Catalog;
use fdl::lint::{ApiCatalog, OperationLookup, ParamPosition, ServiceLookup};
use fdl::model::fields::{COMMON_STATE_KEYS, ROOT_KEYS, specific_keys};
use fdl::model::{Document, Flow, LegacyFlow, State, StateKind, StateType, StepList, StepType, TaskMode};

use crate::context::{char_boundary, line_at, scope_at, word_start};

/// What a completion item is, for the editor's icon.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CompletionKind {
    /// A mapping key.
    Key,
    /// One value of a closed set (`Type`, `TaskMode`, …).
    EnumValue,
    /// A state or step name.
    State,
    /// An Action (`FC:InvokeFunction`) or a built-in function.
    Function,
    /// `$Input`, `$Context`, … inside an expression.
    Variable,
}

#[derive(Clone, Debug, PartialEq)]
pub struct CompletionItem {
    pub label: String,
    pub kind: CompletionKind,
    pub detail: String,
}

/// The items offered at a position, and the byte offset where the word they replace starts
/// (the cursor is where it ends).
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Completions {
    pub from: u32,
    pub items: Vec<CompletionItem>,
}

/// The Actions offered when the catalog has nothing more precise.
const ACTIONS: &[(&str, &str)] = &[
    ("FC:InvokeFunction", "Function Compute (optimized)"),
    ("HTTP:Request", "HTTP request (optimized)"),
    ("FNF:StartExecution", "child flow (optimized)"),
    ("MNS:SendMessage", "Simple Message Queue (optimized)"),
    ("EventBridge:PutEvents", "EventBridge (optimized)"),
    ("OSS:GetObject", "OSS (optimized)"),
    ("ECS:DescribeInstances", "OpenAPI (normal integration)"),
];

/// The variables of expressions (spec §7).
const VARIABLES: &[&str] = &["$Input", "$Output", "$Context", "$Global", "$Item"];
/// The structure of `$Context` (spec §6.6): each path with its members and what they hold.
const CONTEXT_MEMBERS: &[(&str, &[(&str, &str)])] = &[
    ("$Context", &[("Execution", "the execution"), ("Current", "the current state")]),
    (
        "$Context.Execution",
        &[
            ("Name", "string: the execution's name"),
            ("Input", "object: the execution's input"),
            ("RoleArn", "string: the execution's RAM role"),
        ],
    ),
    (
        "$Context.Current",
        &[
            ("Name", "string: the state's name"),
            ("Input", "object: the state's input (= $Input)"),
            ("Output", "object: the state's raw output (= $Output)"),
            ("Error", "object: {Code, Detail}, while handling an error"),
            ("RetryCount", "number: retries done so far"),
            ("TaskToken", "string: the callback token (WaitForCustomCallback)"),
        ],
    ),
    ("$Context.Current.Error", &[("Code", "string: the error's name"), ("Detail", "string: its cause")]),
];

fn item(label: &str, kind: CompletionKind, detail: &str) -> CompletionItem {
    CompletionItem { label: label.to_owned(), kind, detail: detail.to_owned() }
}

/// The completions at byte offset `offset` of `text`; `catalog` lists Actions and Parameters
/// when given (else a short list of common Actions).
pub fn complete(text: &str, offset: u32, catalog: Option<&Catalog>) -> Completions {
    complete_in(text, offset, catalog, None)
}

/// [`complete`] with the document already lowered from `text` (a language server keeps it from
/// linting), which saves parsing it again unless the cursor's line must be blanked out.
pub fn complete_in(text: &str, offset: u32, catalog: Option<&Catalog>, lowered: Option<&Document>) -> Completions {
    let pos = char_boundary(text, offset);
    let (line_start, whole_line) = line_at(text, pos);
    let line = &whole_line[..(pos - line_start).min(whole_line.len())];
    let word_start = word_start(line);
    let word = &line[word_start..];
    let from = (line_start + word_start) as u32;
    // A key being typed (no `:` on its line yet) would break the YAML: analyse the text with that
    // line blanked out (same length, so offsets stay the same).
    let blanked;
    let fresh;
    let document = if whole_line.contains(':') {
        match lowered {
            Some(document) => Some(document),
            None => {
                fresh = fdl::analyze(text).document;
                fresh.as_ref()
            }
        }
    } else {
        blanked = format!(
            "{}{}{}",
            &text[..line_start],
            " ".repeat(whole_line.len()),
            &text[line_start + whole_line.len()..]
        );
        fresh = fdl::analyze(&blanked).document;
        fresh.as_ref()
    };
    let items = match document {
        Some(Document::Legacy(flow)) => legacy(flow, text, line, pos as u32),
        document => current(document.and_then(Document::as_current), text, line, word, pos, line_start, catalog),
    };
    Completions { from, items }
}

fn current(
    flow: Option<&Flow>,
    text: &str,
    line: &str,
    word: &str,
    pos: usize,
    line_start: usize,
    catalog: Option<&Catalog>,
) -> Vec<CompletionItem> {
    let trimmed = line.trim_start().trim_start_matches("- ");
    let indent = line.len() - line.trim_start().len();
    if let Some((key, value)) = trimmed.split_once(':').filter(|(k, _)| !k.contains(' ') || k.ends_with(".$")) {
        let in_value = value.starts_with(' ') || value.is_empty();
        return if in_value { value_items(flow, key.trim(), word, indent, pos, catalog) } else { Vec::new() };
    }
    // Key position: keys valid for the state around the cursor (or the root).
    let state = flow.and_then(|f| scope_at(f, pos as u32).1);
    if let Some(params) = state.and_then(|s| operation_params(s, pos as u32, indent, line_start, text, catalog)) {
        return params;
    }
    match (state.and_then(State::state_type), indent) {
        (_, 0) => ROOT_KEYS.iter().map(|k| item(k, CompletionKind::Key, "top-level key")).collect(),
        (Some(t), _) => {
            let existing: Vec<&str> =
                state.map(|s| s.keys.iter().map(|k| k.name.as_str()).collect()).unwrap_or_default();
            COMMON_STATE_KEYS
                .iter()
                .chain(specific_keys(t))
                .filter(|k| !existing.contains(k) && **k != "OnErrors")
                .map(|k| item(k, CompletionKind::Key, &format!("{} field", t.as_str())))
                .collect()
        }
        (None, _) => ["Type", "Name"].map(|k| item(k, CompletionKind::Key, "state key")).into(),
    }
}

/// The values for `key:` at the cursor.
fn value_items(
    flow: Option<&Flow>,
    key: &str,
    word: &str,
    indent: usize,
    pos: usize,
    catalog: Option<&Catalog>,
) -> Vec<CompletionItem> {
    match key {
        "Next" | "StartAt" | "Default" => {
            let Some(flow) = flow else { return Vec::new() };
            let (scope, _) = scope_at(flow, pos as u32);
            scope
                .states
                .iter()
                .filter_map(|s| {
                    Some(item(s.name()?, CompletionKind::State, s.state_type().map_or("state", StateType::as_str)))
                })
                .collect()
        }
        "Type" if indent == 0 => vec![item("StateMachine", CompletionKind::EnumValue, "the root Type")],
        "Type" => StateType::ALL.iter().map(|t| item(t.as_str(), CompletionKind::EnumValue, "state type")).collect(),
        "TaskMode" => TaskMode::ALL.iter().map(|m| item(m.as_str(), CompletionKind::EnumValue, "TaskMode")).collect(),
        "Action" => actions(word, catalog),
        "invocationType" => ["Sync", "Async"].map(|v| item(v, CompletionKind::EnumValue, "FC invocation type")).into(),
        "SpecVersion" => vec![item("v1", CompletionKind::EnumValue, "the only spec version")],
        k if k.ends_with(".$") || matches!(k, "Condition" | "ItemsPath") => expression_items(word),
        _ => Vec::new(),
    }
}

/// Actions: after `Service:`, the operations of that product when the catalog has them.
fn actions(word: &str, catalog: Option<&Catalog>) -> Vec<CompletionItem> {
    let listed = word.split_once(':').and_then(|(service, _)| {
        let catalog = catalog?;
        let product = catalog.resolve(service)?;
        let names = catalog.operation_names(&product.code);
        let detail = format!("{} {} operation", product.code, product.version);
        (!names.is_empty())
            .then(|| names.iter().map(|n| item(&format!("{service}:{n}"), CompletionKind::Function, &detail)).collect())
    });
    listed.unwrap_or_else(|| ACTIONS.iter().map(|(a, d)| item(a, CompletionKind::Function, d)).collect())
}

/// Inside an expression: `$Context.` fields, variables, and built-in functions.
fn expression_items(word: &str) -> Vec<CompletionItem> {
    if let Some((parent, _)) = word.rsplit_once('.').filter(|(parent, _)| parent.starts_with("$Context")) {
        let members = CONTEXT_MEMBERS.iter().find(|(path, _)| *path == parent).map_or(&[][..], |(_, m)| *m);
        return members
            .iter()
            .map(|(name, detail)| item(&format!("{parent}.{name}"), CompletionKind::Variable, detail))
            .collect();
    }
    let variables = VARIABLES.iter().map(|v| item(v, CompletionKind::Variable, "variable"));
    if word.starts_with('$') {
        return variables.collect();
    }
    fdl::expr::FUNCTIONS
        .iter()
        .map(|f| item(f.name, CompletionKind::Function, f.signature))
        .chain(variables.filter(|v| v.label != "$Item"))
        .collect()
}

/// The parameters of the cataloged operation when `offset` is inside the Task's `Parameters`
/// (after its key, before the next key of the state, on a deeper indentation), less those given.
fn operation_params(
    state: &State,
    offset: u32,
    indent: usize,
    line_start: usize,
    text: &str,
    catalog: Option<&Catalog>,
) -> Option<Vec<CompletionItem>> {
    let key = state.key("Parameters")?;
    let key_line_start = text[..key.key.start as usize].rfind('\n').map_or(0, |i| i + 1);
    let key_indent = key.key.start as usize - key_line_start;
    let next_key =
        state.keys.iter().filter(|k| k.key.start > key.key.start).map(|k| k.key.start).min().unwrap_or(u32::MAX);
    if !(key.key.end < offset && (line_start as u32) < next_key && indent > key_indent) {
        return None;
    }
    let StateKind::Task(task) = &state.kind else { return None };
    let (service, operation) = task.service_and_operation()?;
    let catalog = catalog?;
    let ServiceLookup::Product(product) = catalog.service(service, operation) else { return None };
    let OperationLookup::Known { params } = ApiCatalog::operation(catalog, &product, operation) else { return None };
    let given: Vec<&str> =
        task.parameters.as_ref().map(|p| p.fields.iter().map(|f| f.key.as_str()).collect()).unwrap_or_default();
    Some(
        params
            .iter()
            .filter(|p| !given.contains(&p.name.as_str()) && p.position != ParamPosition::Host)
            .map(|p| {
                item(&p.name, CompletionKind::Key, &format!("{}{}", p.ty, if p.required { ", required" } else { "" }))
            })
            .collect(),
    )
}

/// The legacy dialect: step types after `type:` and sibling step names after `goto:`.
fn legacy(flow: &LegacyFlow, text: &str, line: &str, pos: u32) -> Vec<CompletionItem> {
    let trimmed = line.trim_start().trim_start_matches("- ");
    let Some((key, value)) = trimmed.split_once(':') else { return legacy_keys(flow, text, line, pos) };
    if !(value.starts_with(' ') || value.is_empty()) {
        return Vec::new();
    }
    match key.trim() {
        "type" if line.starts_with(' ') || line.starts_with('-') => {
            StepType::ALL.iter().map(|t| item(t.as_str(), CompletionKind::EnumValue, "step type")).collect()
        }
        "type" => vec![item("flow", CompletionKind::EnumValue, "the root type")],
        "goto" => {
            let list = list_at(&flow.steps, pos);
            list.steps
                .iter()
                .filter_map(|s| {
                    Some(item(s.name()?, CompletionKind::State, s.type_.as_ref().map_or("step", |t| t.value.as_str())))
                })
                .collect()
        }
        "version" => ["v1", "v1beta1"].map(|v| item(v, CompletionKind::EnumValue, "legacy version")).into(),
        _ => Vec::new(),
    }
}

/// Keys at a key position: the root's at column 0; else those of the step whose keys are written
/// in the cursor's column (the last such step starting before the cursor), less those it has.
/// Inside nested mappings (`retry` items, mappings, …) nothing is offered rather than a guess.
fn legacy_keys(flow: &LegacyFlow, text: &str, line: &str, pos: u32) -> Vec<CompletionItem> {
    use fdl::model::fields::legacy::{COMMON, ROOT, specific};
    let indent = line.len() - line.trim_start_matches([' ', '-']).len();
    if indent == 0 {
        let present: Vec<&str> = flow.keys.iter().map(|k| k.name.as_str()).collect();
        return ROOT
            .iter()
            .filter(|k| !present.contains(k))
            .map(|k| item(k, CompletionKind::Key, "top-level key"))
            .collect();
    }
    let column = |offset: u32| offset as usize - text[..offset as usize].rfind('\n').map_or(0, |i| i + 1);
    let mut best: Option<&fdl::model::Step> = None;
    let mut visit = vec![&flow.steps];
    while let Some(list) = visit.pop() {
        for step in &list.steps {
            let in_column = step.keys.first().is_some_and(|k| column(k.key.start) == indent);
            if step.span.start <= pos && in_column && best.is_none_or(|b| b.span.start < step.span.start) {
                best = Some(step);
            }
            visit.extend(step.child_lists());
        }
    }
    let Some(step) = best else { return Vec::new() };
    let present: Vec<&str> = step.keys.iter().map(|k| k.name.as_str()).collect();
    let step_type = step.type_.as_ref().and_then(|t| StepType::parse(&t.value));
    let detail = step_type.map_or("step key".to_owned(), |t| format!("{} step key", t.as_str()));
    COMMON
        .iter()
        .chain(step_type.map_or(&[][..], specific))
        .filter(|k| !present.contains(k))
        .map(|k| item(k, CompletionKind::Key, &detail))
        .collect()
}

/// The innermost step list whose step holds `offset` (the list a `goto` there names siblings in).
pub(crate) fn list_at(list: &StepList, offset: u32) -> &StepList {
    for step in &list.steps {
        if step.span.start <= offset && offset <= step.span.end {
            for child in step.child_lists() {
                if child.present && child.steps.iter().any(|s| s.span.start <= offset && offset <= s.span.end) {
                    return list_at(child, offset);
                }
            }
            return list;
        }
    }
    list
}

#[cfg(test)]
mod tests;
