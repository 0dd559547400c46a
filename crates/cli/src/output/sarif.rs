//! `--format sarif`: SARIF 2.1.0 with the rule metadata, one result per finding. Columns are
//! 1-based and count characters (SARIF's default `columnKind` is UTF-16; we declare
//! `unicodeCodePoints` explicitly). Each rule links its section of docs/rules.md (`helpUri`).

use fdl::lint::{RuleMeta, all_rules};
use fdl::{LineIndex, Severity};
use serde_json::{Value, json};

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

use super::{FileResult, STDIN_NAME};
use crate::commands::rules::{docs_text, rule_doc_url};

pub fn render(files: &[FileResult]) -> String {
    let rules: Vec<&'static RuleMeta> = all_rules().iter().map(|r| r.meta()).collect();
    let rule_index = |code: &str| rules.iter().position(|m| m.code == code);
    let mut results = Vec::new();
    for f in files {
        let index = LineIndex::new(&f.source);
        for d in &f.diagnostics {
            let start = index.position(&f.source, d.span.start);
            let end = index.position(&f.source, d.span.end);
            let mut result = json!({
                "ruleId": d.code,
                "level": level(d.severity),
                "message": { "text": d.message },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": { "uri": uri(&f.path) },
                        "region": {
                            "startLine": start.line,
                            "startColumn": start.column,
                            "endLine": end.line,
                            "endColumn": end.column,
                        }
                    }
                }],
            });
            if let Some(i) = rule_index(d.code) {
                result["ruleIndex"] = json!(i);
            }
            if !d.labels.is_empty() {
                result["relatedLocations"] = Value::Array(
                    d.labels
                        .iter()
                        .enumerate()
                        .map(|(i, l)| {
                            let s = index.position(&f.source, l.span.start);
                            let e = index.position(&f.source, l.span.end);
                            json!({
                                "id": i,
                                "message": { "text": l.message },
                                "physicalLocation": {
                                    "artifactLocation": { "uri": uri(&f.path) },
                                    "region": { "startLine": s.line, "startColumn": s.column, "endLine": e.line, "endColumn": e.column }
                                }
                            })
                        })
                        .collect(),
                );
            }
            results.push(result);
        }
    }
    let driver_rules: Vec<Value> = rules
        .iter()
        .map(|m| {
            // Without the space `///` leaves on every line of a doc comment.
            let docs = docs_text(m);
            json!({
                "id": m.code,
                "name": m.name,
                "shortDescription": { "text": m.summary },
                "fullDescription": { "text": docs },
                "help": { "text": docs, "markdown": docs },
                "helpUri": rule_doc_url(m),
                "defaultConfiguration": { "level": level(m.default_severity) },
                "properties": { "category": m.category.as_str() },
            })
        })
        .collect();
    let sarif = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "flowplay",
                    "version": env!("CARGO_PKG_VERSION"),
                    "informationUri": fdl::PROJECT_URL,
                    "rules": driver_rules,
                }
            },
            "columnKind": "unicodeCodePoints",
            "results": results,
        }]
    });
    let mut text = serde_json::to_string_pretty(&sarif).unwrap_or_default();
    text.push('\n');
    text
}

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// What a path %-escapes in a URI: all but letters, digits, RFC 3986's other unreserved
/// characters, the sub-delimiters that mean nothing in a path, and `/` between segments. So `#`
/// and `?` (a fragment, a query), `%` (an escape), `:` (a scheme), spaces and non-ASCII are escaped.
const PATH_ESCAPE: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b'/')
    .remove(b'!')
    .remove(b'$')
    .remove(b'&')
    .remove(b'\'')
    .remove(b'(')
    .remove(b')')
    .remove(b'*')
    .remove(b'+')
    .remove(b',')
    .remove(b';')
    .remove(b'=')
    .remove(b'@');

/// The `uri` of a reported path: a relative reference with `/` separators, %-escaped; stdin
/// without `--stdin-filename` is `stdin` (a URI needs some name, and `<stdin>` is not one).
fn uri(path: &str) -> String {
    if path == STDIN_NAME {
        return "stdin".to_owned();
    }
    utf8_percent_encode(&path.replace('\\', "/"), PATH_ESCAPE).to_string()
}
