//! Hover text (plain text, which Markdown renders as is): a rule's documentation (on a code such as `FDL-S007`, e.g. in a suppression
//! comment), an Action's API and a parameter's type from the OpenAPI catalog, a built-in
//! function's signature inside an expression, and a key's documentation.

use catalog::Catalog;
use fdl::lint::{ApiCatalog, OperationLookup, ServiceLookup, param_matches, rule_by_code};
use fdl::model::{Document, StateKind};

use crate::context::{char_boundary, is_word_char, line_at, state_at, word_start};

/// The text to show at byte offset `offset` of `text`, or `None` when there is nothing to say.
pub fn hover(text: &str, offset: u32, catalog: Option<&Catalog>) -> Option<String> {
    hover_in(text, offset, catalog, None)
}

/// [`hover`] with the document already lowered from `text` (a language server keeps it from
/// linting), which saves parsing it again.
pub fn hover_in(text: &str, offset: u32, catalog: Option<&Catalog>, lowered: Option<&Document>) -> Option<String> {
    let pos = char_boundary(text, offset);
    rule_hover(text, pos)
        .or_else(|| function_hover(text, pos))
        .or_else(|| catalog.and_then(|c| catalog_hover(text, pos, c, lowered)))
        .or_else(|| key_hover(text, pos))
}

/// The word around `pos` (letters, digits, `_ . $ : -`), with its start offset.
fn word_at(text: &str, pos: usize) -> (usize, &str) {
    let (line_start, line) = line_at(text, pos);
    let column = (pos - line_start).min(line.len());
    let start = word_start(&line[..column]);
    let end = line[column..].find(|c: char| !is_word_char(c)).map_or(line.len(), |i| column + i);
    (line_start + start, &line[start..end])
}

/// A rule code under the cursor: its summary and documentation.
fn rule_hover(text: &str, pos: usize) -> Option<String> {
    let (_, word) = word_at(text, pos);
    let code = word.trim_end_matches([',', ':', '.']);
    if !code.get(..4).is_some_and(|p| p.eq_ignore_ascii_case("FDL-")) {
        return None;
    }
    let meta = rule_by_code(code)?;
    let mut out = format!("{} {} ({}) — {}", meta.code, meta.name, meta.default_severity, meta.summary);
    // Empty without fdl's `rule-docs` feature (the playground fetches the documentation itself).
    if !meta.docs.is_empty() {
        out.push_str("\n\n");
        out.push_str(meta.docs);
    }
    Some(out)
}

/// A built-in function's name followed by `(`: its signature and summary.
fn function_hover(text: &str, pos: usize) -> Option<String> {
    let (start, word) = word_at(text, pos);
    // `a.b.length(` → `length`: the function is the last segment.
    let name_start = word.rfind(['.', '$', ':']).map_or(0, |i| i + 1);
    let name = &word[name_start..];
    let after = text.get(start + word.len()..)?.trim_start_matches(' ');
    if !after.starts_with('(') || pos < start + name_start {
        return None;
    }
    let f = fdl::expr::FUNCTIONS.iter().find(|f| f.name == name)?;
    Some(format!("{}{} — {}", f.name, f.signature, f.summary))
}

/// The documentation of the key under the cursor (`  - Retry:` → what Retry does).
fn key_hover(text: &str, pos: usize) -> Option<String> {
    let (line_start, line) = line_at(text, pos);
    let indent = line.len() - line.trim_start_matches([' ', '-']).len();
    let key_len = line[indent..].find(':')?;
    let key = &line[indent..indent + key_len];
    let column = pos - line_start;
    if !(indent..=indent + key_len).contains(&column) || key.contains(' ') {
        return None;
    }
    fdl::keys::key_doc(key).map(|doc| format!("{key} — {doc}"))
}

/// From the OpenAPI catalog: an Action's API, a parameter's type and position.
fn catalog_hover(text: &str, pos: usize, catalog: &Catalog, lowered: Option<&Document>) -> Option<String> {
    let fresh;
    let document = match lowered {
        Some(document) => document,
        None => {
            fresh = fdl::analyze(text).document?;
            &fresh
        }
    };
    let flow = document.as_current()?;
    let at = pos as u32;
    let state = state_at(flow, at)?;
    let StateKind::Task(task) = &state.kind else { return None };
    let (service, operation) = task.service_and_operation()?;
    let action = task.action.as_ref()?;
    let on_action = action.span.start <= at && at <= action.span.end;
    let product = match catalog.service(service, operation) {
        ServiceLookup::Product(p) => p,
        ServiceLookup::Optimized => {
            return on_action.then(|| {
                format!("{service}:{operation} — a CloudFlow optimized integration (parameters in lowerCamelCase)")
            });
        }
        ServiceLookup::Unknown { .. } => return None,
    };
    let entry = catalog.product(&product)?;
    let OperationLookup::Known { params } = ApiCatalog::operation(catalog, &product, operation) else {
        return on_action.then(|| format!("{product} API {} ({})", entry.version, entry.style));
    };
    if on_action {
        let required: Vec<&str> = params.iter().filter(|p| p.required).map(|p| p.name.as_str()).collect();
        return Some(format!(
            "{product}:{operation} — API {} ({}); {} parameters; required: {}",
            entry.version,
            entry.style,
            params.len(),
            if required.is_empty() { "none".to_owned() } else { required.join(", ") }
        ));
    }
    let field = task.parameters.as_ref()?.fields.iter().find(|f| f.key_span.start <= at && at <= f.key_span.end)?;
    let p = params.iter().find(|p| param_matches(&p.name, &field.key))?;
    Some(format!("{} — {} ({}, in {})", p.name, p.ty, if p.required { "required" } else { "optional" }, p.position))
}

#[cfg(test)]
mod tests;
