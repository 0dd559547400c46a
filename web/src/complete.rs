//! Completion for the editor: keys valid for the state type at the cursor, state names after
//! `Next`/`StartAt`/`Default`, `Type` and `TaskMode` values, known Actions, variables and
//! built-in function names in expressions. Positions are UTF-16 offsets, as CodeMirror counts.

use fdl::model::fields::{COMMON_STATE_KEYS, ROOT_KEYS, specific_keys};
use fdl::model::{Flow, Scope, State, StateType, TaskMode};
use serde::Serialize;

#[derive(Serialize, PartialEq, Debug)]
pub struct CompletionOption {
    pub label: String,
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub detail: String,
}

#[derive(Serialize, PartialEq, Debug)]
pub struct Completions {
    /// UTF-16 offset where the replaced word starts.
    pub from: usize,
    pub options: Vec<CompletionOption>,
}

const ACTIONS: &[(&str, &str)] = &[
    ("FC:InvokeFunction", "Function Compute (optimized)"),
    ("HTTP:Request", "HTTP request (optimized)"),
    ("FNF:StartExecution", "child flow (optimized)"),
    ("MNS:SendMessage", "Simple Message Queue (optimized)"),
    ("EventBridge:PutEvents", "EventBridge (optimized)"),
    ("OSS:GetObject", "OSS (optimized)"),
    ("ECS:DescribeInstances", "OpenAPI (normal integration)"),
];

fn utf16_to_byte(text: &str, utf16: usize) -> usize {
    let mut units = 0;
    for (i, c) in text.char_indices() {
        if units >= utf16 {
            return i;
        }
        units += c.len_utf16();
    }
    text.len()
}

fn byte_to_utf16(text: &str, byte: usize) -> usize {
    text.get(..byte).map_or(0, |p| p.encode_utf16().count())
}

fn all_states(scope: &Scope, out: &mut Vec<(String, String)>) {
    for s in &scope.states {
        if let Some(n) = s.name() {
            out.push((n.to_owned(), s.state_type().map_or("state", StateType::as_str).to_owned()));
        }
        for c in s.child_scopes() {
            all_states(c, out);
        }
    }
}

fn deepest_state(scope: &Scope, offset: u32) -> Option<&State> {
    for s in &scope.states {
        if s.span.start <= offset && offset <= s.span.end {
            for c in s.child_scopes() {
                if let Some(inner) = deepest_state(c, offset) {
                    return Some(inner);
                }
            }
            return Some(s);
        }
    }
    None
}

fn opt(label: &str, kind: &'static str, detail: &str) -> CompletionOption {
    CompletionOption { label: label.to_owned(), kind, detail: detail.to_owned() }
}

/// Completions at `pos_utf16` in `text`.
pub fn complete(text: &str, pos_utf16: usize) -> Completions {
    let pos = utf16_to_byte(text, pos_utf16);
    let line_start = text[..pos].rfind('\n').map_or(0, |i| i + 1);
    let line = &text[line_start..pos];
    let word_start = line
        .rfind(|c: char| !(c.is_alphanumeric() || c == '_' || c == '.' || c == '$' || c == ':' || c == '-'))
        .map_or(0, |i| i + 1);
    let word = &line[word_start..];
    let from = byte_to_utf16(text, line_start + word_start);
    // Blank out the line being typed, so a half-written key does not break the YAML; offsets
    // stay the same.
    let line_end = text[pos..].find('\n').map_or(text.len(), |i| pos + i);
    let blanked: String =
        text[..line_start].to_owned() + &" ".repeat(text[line_start..line_end].chars().count()) + &text[line_end..];
    let analysis = fdl::analyze(if trimmed_is_key(&text[line_start..line_end]) { &blanked } else { text });
    let flow: Option<&Flow> = analysis.document.as_ref().and_then(|d| d.as_current());
    let trimmed = line.trim_start().trim_start_matches("- ");
    let mut options = Vec::new();
    if let Some((key, value)) = trimmed.split_once(':').filter(|(k, _)| !k.contains(' ') || k.ends_with(".$")) {
        let in_value = value.starts_with(' ') || value.is_empty();
        if !in_value {
            return Completions { from, options };
        }
        match key.trim() {
            "Next" | "StartAt" | "Default" => {
                let mut names = Vec::new();
                if let Some(f) = flow {
                    all_states(&f.scope, &mut names);
                }
                options.extend(names.iter().map(|(n, t)| opt(n, "variable", t)));
            }
            "Type" => {
                let at_root = line.len() - line.trim_start().len() == 0;
                if at_root {
                    options.push(opt("StateMachine", "enum", "the root Type"));
                } else {
                    options.extend(StateType::ALL.iter().map(|t| opt(t.as_str(), "enum", "state type")));
                }
            }
            "TaskMode" => options.extend(TaskMode::ALL.iter().map(|m| opt(m.as_str(), "enum", "TaskMode"))),
            "Action" => {
                // After `Service:`, the operations of that product (once the catalog has them).
                let listed = word.split_once(':').and_then(|(service, _)| {
                    crate::catalog_loader::with(|c| {
                        let c = c?;
                        let product = c.resolve(service)?;
                        let names = c.operation_names(&product.code);
                        (!names.is_empty()).then(|| {
                            names
                                .iter()
                                .map(|n| {
                                    opt(
                                        &format!("{service}:{n}"),
                                        "function",
                                        &format!("{} {} operation", product.code, product.version),
                                    )
                                })
                                .collect::<Vec<_>>()
                        })
                    })
                });
                match listed {
                    Some(ops) => options.extend(ops),
                    None => options.extend(ACTIONS.iter().map(|(a, d)| opt(a, "function", d))),
                }
            }
            "invocationType" => options.extend(["Sync", "Async"].map(|v| opt(v, "enum", "FC invocation type"))),
            "SpecVersion" => options.push(opt("v1", "enum", "the only spec version")),
            k if k.ends_with(".$") || matches!(k, "Condition" | "ItemsPath" | "Seconds.$") => {
                if word.starts_with("$Context.") && word.matches('.').count() == 1 {
                    options.extend(["$Context.Execution", "$Context.Current"].map(|v| opt(v, "variable", "$Context")));
                } else if word.starts_with('$') {
                    options.extend(
                        ["$Input", "$Output", "$Context", "$Global", "$Item"].map(|v| opt(v, "variable", "variable")),
                    );
                } else {
                    options.extend(fdl::expr::FUNCTIONS.iter().map(|f| CompletionOption {
                        label: f.name.to_owned(),
                        kind: "function",
                        detail: f.signature.to_owned(),
                    }));
                    options
                        .extend(["$Input", "$Output", "$Context", "$Global"].map(|v| opt(v, "variable", "variable")));
                }
            }
            _ => {}
        }
        return Completions { from, options };
    }
    // Key position: keys valid for the state around the cursor (or the root).
    let indent = line.len() - line.trim_start().len();
    let state = flow.and_then(|f| deepest_state(&f.scope, pos as u32));
    // Inside the Parameters of a normal-integration Task: the operation's parameters.
    if let Some(params) = state.and_then(|s| operation_params(s, pos as u32, indent, line_start, text)) {
        options.extend(params);
        return Completions { from, options };
    }
    match (state.and_then(State::state_type), indent) {
        (_, 0) => options.extend(ROOT_KEYS.iter().map(|k| opt(k, "property", "top-level key"))),
        (Some(t), _) => {
            let existing: Vec<&str> =
                state.map(|s| s.keys.iter().map(|k| k.name.as_str()).collect()).unwrap_or_default();
            for k in
                COMMON_STATE_KEYS.iter().chain(specific_keys(t)).filter(|k| !existing.contains(k) && **k != "OnErrors")
            {
                options.push(opt(k, "property", &format!("{} field", t.as_str())));
            }
        }
        (None, _) => options.extend(["Type", "Name"].map(|k| opt(k, "property", "state key"))),
    }
    Completions { from, options }
}

/// Whether the cursor's line is a key being typed (no `:` on it yet).
fn trimmed_is_key(line: &str) -> bool {
    !line.contains(':')
}

/// Parameters of the cataloged operation when `offset` is inside the Task's `Parameters`
/// (after its key, before the next key of the state, on a deeper indentation).
fn operation_params(
    state: &State,
    offset: u32,
    indent: usize,
    source_line_start: usize,
    text: &str,
) -> Option<Vec<CompletionOption>> {
    use fdl::lint::{ApiCatalog, OperationLookup, ServiceLookup};
    let key = state.key("Parameters")?;
    let key_line_start = text[..key.key.start as usize].rfind('\n').map_or(0, |i| i + 1);
    let key_indent = key.key.start as usize - key_line_start;
    let next_key =
        state.keys.iter().filter(|k| k.key.start > key.key.start).map(|k| k.key.start).min().unwrap_or(u32::MAX);
    if !(key.key.end < offset && (source_line_start as u32) < next_key && indent > key_indent) {
        return None;
    }
    let fdl::model::StateKind::Task(task) = &state.kind else { return None };
    let (service, operation) = task.service_and_operation()?;
    crate::catalog_loader::with(|c| {
        let c = c?;
        let ServiceLookup::Product(product) = c.service(service, operation) else { return None };
        let OperationLookup::Known { params } = ApiCatalog::operation(c, &product, operation) else { return None };
        let given: Vec<&str> =
            task.parameters.as_ref().map(|p| p.fields.iter().map(|f| f.key.as_str()).collect()).unwrap_or_default();
        Some(
            params
                .iter()
                .filter(|p| !given.contains(&p.name.as_str()) && p.position != fdl::lint::ParamPosition::Host)
                .map(|p| CompletionOption {
                    label: p.name.clone(),
                    kind: "property",
                    detail: format!("{}{}", p.ty, if p.required { ", required" } else { "" }),
                })
                .collect(),
        )
    })
}

/// Hover text at `pos_utf16`: the rule-independent documentation of what is under the cursor —
/// an Action's product and operation, a Parameters key's type and whether it is required, or a
/// state key's meaning. `None` when there is nothing to say.
pub fn hover(text: &str, pos_utf16: usize) -> Option<String> {
    let pos = utf16_to_byte(text, pos_utf16);
    catalog_hover(text, pos).or_else(|| key_hover(text, pos))
}

/// The documentation of the key under the cursor (`  - Retry:` → what Retry does).
fn key_hover(text: &str, pos: usize) -> Option<String> {
    let line_start = text.get(..pos)?.rfind('\n').map_or(0, |i| i + 1);
    let line_end = text.get(pos..)?.find('\n').map_or(text.len(), |i| pos + i);
    let line = &text[line_start..line_end];
    let indent = line.len() - line.trim_start_matches([' ', '-']).len();
    let key_len = line[indent..].find(':')?;
    let key = &line[indent..indent + key_len];
    let column = pos - line_start;
    if !(indent..=indent + key_len).contains(&column) || key.contains(' ') {
        return None;
    }
    fdl::keys::key_doc(key).map(|doc| format!("{key} — {doc}"))
}

/// Hovers from the OpenAPI catalog: an Action's API, a parameter's type and position.
fn catalog_hover(text: &str, pos: usize) -> Option<String> {
    use fdl::lint::{ApiCatalog, OperationLookup, ServiceLookup};
    let analysis = fdl::analyze(text);
    let flow = analysis.document.as_ref().and_then(|d| d.as_current())?;
    let state = deepest_state(&flow.scope, pos as u32)?;
    let fdl::model::StateKind::Task(task) = &state.kind else { return None };
    let (service, operation) = task.service_and_operation()?;
    let action = task.action.as_ref()?;
    crate::catalog_loader::with(|c| {
        let c = c?;
        let product = match c.service(service, operation) {
            ServiceLookup::Product(p) => p,
            ServiceLookup::Optimized => {
                return action.span.contains(pos as u32).then(|| {
                    format!("{service}:{operation} — a CloudFlow optimized integration (parameters in lowerCamelCase)")
                });
            }
            ServiceLookup::Unknown { .. } => return None,
        };
        let entry = c.product(&product)?;
        let OperationLookup::Known { params } = ApiCatalog::operation(c, &product, operation) else {
            return action
                .span
                .contains(pos as u32)
                .then(|| format!("{product} API {} ({})", entry.version, entry.style));
        };
        if action.span.contains(pos as u32) {
            let required: Vec<&str> = params.iter().filter(|p| p.required).map(|p| p.name.as_str()).collect();
            return Some(format!(
                "{product}:{operation} — API {} ({}); {} parameters; required: {}",
                entry.version,
                entry.style,
                params.len(),
                if required.is_empty() { "none".to_owned() } else { required.join(", ") }
            ));
        }
        let field = task.parameters.as_ref()?.fields.iter().find(|f| f.key_span.contains(pos as u32))?;
        let p = params.iter().find(|p| fdl::lint::param_matches(&p.name, &field.key))?;
        Some(format!("{} — {} ({}, in {})", p.name, p.ty, if p.required { "required" } else { "optional" }, p.position))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const SRC: &str = "Type: StateMachine\nName: d\nSpecVersion: v1\nStartAt: A\nStates:\n  - Type: Wait\n    Name: 开始\n    Seconds: 1\n    Next: \n  - Type: Succeed\n    Name: End\n";

    fn labels(c: &Completions) -> Vec<&str> {
        c.options.iter().map(|o| o.label.as_str()).collect()
    }

    #[test]
    fn state_names_after_next_and_keys_for_the_state_type() {
        let pos = SRC.find("Next: ").unwrap() + 6;
        let c = complete(SRC, SRC[..pos].encode_utf16().count());
        assert_eq!(labels(&c), ["开始", "End"]);
        let key_pos = SRC.find("    Seconds").unwrap() + 4;
        let c = complete(SRC, SRC[..key_pos].encode_utf16().count());
        assert!(
            labels(&c).contains(&"OutputConstructor")
                && !labels(&c).contains(&"Seconds")
                && !labels(&c).contains(&"Action"),
            "{:?}",
            labels(&c)
        );
    }

    #[test]
    fn expressions_offer_variables_and_functions() {
        let src = "a:\n  x.$: $In";
        let c = complete(src, src.encode_utf16().count());
        assert!(labels(&c).contains(&"$Input"));
        assert_eq!(c.from, src.encode_utf16().count() - 3);
    }

    #[test]
    fn hover_on_a_key_shows_its_documentation() {
        let on = |needle: &str, offset: usize| {
            let pos = SRC.find(needle).unwrap() + offset;
            hover(SRC, SRC[..pos].encode_utf16().count())
        };
        assert!(on("Seconds: 1", 2).unwrap().starts_with("Seconds — How long to wait"));
        assert!(on("- Type: Wait", 3).unwrap().starts_with("Type — "), "after `- ` too");
        assert_eq!(on("Seconds: 1", 9), None, "not on the value");
        // After a non-ASCII value on an earlier line (UTF-16 positions).
        assert!(on("    Next: \n", 5).unwrap().starts_with("Next — "));
    }
}
