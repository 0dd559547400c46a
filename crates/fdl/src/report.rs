//! The versioned JSON shape of lint results, shared by `flowplay lint --format json` and the
//! wasm API. Positions are given three ways: 1-based line and column in characters, column in
//! UTF-16 code units (for browser editors), and byte offsets.

use serde::{Deserialize, Serialize};

use crate::diagnostic::{Applicability, Diagnostic, Severity};
use crate::lint::rule_by_code;
use crate::span::{LineIndex, Position, Span};

/// Bumped when a field changes meaning or disappears (adding fields does not bump it).
pub const JSON_FORMAT_VERSION: u32 = 1;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct JsonRange {
    pub start: Position,
    pub end: Position,
}

impl JsonRange {
    pub fn new(source: &str, index: &LineIndex, span: Span) -> Self {
        Self { start: index.position(source, span.start), end: index.position(source, span.end) }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct JsonLabel {
    pub message: String,
    pub range: JsonRange,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct JsonEdit {
    pub range: JsonRange,
    pub replacement: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct JsonFix {
    pub message: String,
    pub applicability: Applicability,
    pub edits: Vec<JsonEdit>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct JsonDiagnostic {
    pub code: String,
    /// The rule's kebab-case name, e.g. `unresolved-transition`.
    pub rule: Option<String>,
    pub severity: Severity,
    pub message: String,
    pub range: JsonRange,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub labels: Vec<JsonLabel>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fix: Option<JsonFix>,
}

impl JsonDiagnostic {
    pub fn new(source: &str, index: &LineIndex, d: &Diagnostic) -> Self {
        let range = |span| JsonRange::new(source, index, span);
        Self {
            code: d.code.to_owned(),
            rule: rule_by_code(d.code).map(|m| m.name.to_owned()),
            severity: d.severity,
            message: d.message.clone(),
            range: range(d.span),
            labels: d.labels.iter().map(|l| JsonLabel { message: l.message.clone(), range: range(l.span) }).collect(),
            help: d.help.clone(),
            fix: d.fix.as_ref().map(|f| JsonFix {
                message: f.message.clone(),
                applicability: f.applicability,
                edits: f
                    .edits
                    .iter()
                    .map(|e| JsonEdit { range: range(e.span), replacement: e.replacement.clone() })
                    .collect(),
            }),
        }
    }
}

/// Appends `s` as a JSON string literal, escaped as serde_json escapes it (`"`, `\`, the short
/// escapes `\b \f \n \r \t`, other control characters as `\u00xx`). A writer of its own keeps
/// serde_json's serializer out of the embed wasm (size budget); `tests/json_writer.rs` checks
/// that both give the same text.
pub fn write_json_string(out: &mut String, s: &str) {
    out.push('"');
    let mut start = 0;
    for (i, b) in s.bytes().enumerate() {
        let escape = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x08 => "\\b",
            0x0c => "\\f",
            0..=0x1f => "",
            _ => continue,
        };
        out.push_str(&s[start..i]);
        if escape.is_empty() {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            out.push_str("\\u00");
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 0xf)]));
        } else {
            out.push_str(escape);
        }
        start = i + 1;
    }
    out.push_str(&s[start..]);
    out.push('"');
}

fn write_position(out: &mut String, p: &Position) {
    use std::fmt::Write;
    let _ = write!(
        out,
        r#"{{"line":{},"column":{},"column_utf16":{},"offset":{}}}"#,
        p.line, p.column, p.column_utf16, p.offset
    );
}

impl JsonRange {
    /// Appends `{"start":…,"end":…}`.
    pub fn write_json(&self, out: &mut String) {
        out.push_str(r#"{"start":"#);
        write_position(out, &self.start);
        out.push_str(r#","end":"#);
        write_position(out, &self.end);
        out.push('}');
    }
}

impl JsonDiagnostic {
    /// Appends this diagnostic as compact JSON: the text `serde_json::to_string` gives (same keys,
    /// order, omitted fields and escaping), without serde_json's serializer in the embed wasm.
    pub fn write_json(&self, out: &mut String) {
        out.push_str(r#"{"code":"#);
        write_json_string(out, &self.code);
        out.push_str(r#","rule":"#);
        match &self.rule {
            Some(rule) => write_json_string(out, rule),
            None => out.push_str("null"),
        }
        out.push_str(r#","severity":"#);
        write_json_string(out, self.severity.as_str());
        out.push_str(r#","message":"#);
        write_json_string(out, &self.message);
        out.push_str(r#","range":"#);
        self.range.write_json(out);
        if !self.labels.is_empty() {
            out.push_str(r#","labels":["#);
            for (i, label) in self.labels.iter().enumerate() {
                out.push_str(if i == 0 { r#"{"message":"# } else { r#",{"message":"# });
                write_json_string(out, &label.message);
                out.push_str(r#","range":"#);
                label.range.write_json(out);
                out.push('}');
            }
            out.push(']');
        }
        if let Some(help) = &self.help {
            out.push_str(r#","help":"#);
            write_json_string(out, help);
        }
        if let Some(fix) = &self.fix {
            out.push_str(r#","fix":{"message":"#);
            write_json_string(out, &fix.message);
            out.push_str(r#","applicability":"#);
            write_json_string(out, fix.applicability.as_str());
            out.push_str(r#","edits":["#);
            for (i, edit) in fix.edits.iter().enumerate() {
                out.push_str(if i == 0 { r#"{"range":"# } else { r#",{"range":"# });
                edit.range.write_json(out);
                out.push_str(r#","replacement":"#);
                write_json_string(out, &edit.replacement);
                out.push('}');
            }
            out.push_str("]}");
        }
        out.push('}');
    }
}

/// One file's results.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct JsonFileReport {
    pub path: String,
    pub diagnostics: Vec<JsonDiagnostic>,
}

/// `flowplay lint --format json` output.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct JsonReport {
    pub version: u32,
    pub files: Vec<JsonFileReport>,
}

/// A plain-text rendering (no colour) used by snapshot tests and the wasm API's `format`:
/// `line:col severity[CODE]: message`, the source line and a caret underline.
pub fn render_plain(source: &str, diagnostics: &[Diagnostic]) -> String {
    let index = LineIndex::new(source);
    let mut out = String::new();
    for d in diagnostics {
        let start = index.position(source, d.span.start);
        out.push_str(&format!("{}:{}: {}[{}]: {}\n", start.line, start.column, d.severity, d.code, d.message));
        underline(source, &index, d.span, &mut out);
        for label in &d.labels {
            let p = index.position(source, label.span.start);
            out.push_str(&format!("  note at {}:{}: {}\n", p.line, p.column, label.message));
        }
        if let Some(help) = &d.help {
            out.push_str(&format!("  help: {help}\n"));
        }
        if let Some(fix) = &d.fix {
            out.push_str(&format!("  fix ({}): {}\n", fix.applicability.as_str(), fix.message));
        }
    }
    out
}

fn underline(source: &str, index: &LineIndex, span: Span, out: &mut String) {
    let line = index.line_of(span.start);
    let line_span = index.line_span(source, line);
    let text = line_span.slice(source);
    let start_col = source.get(line_span.start as usize..span.start as usize).map_or(0, |p| p.chars().count());
    let end = span.end.min(line_span.end).max(span.start);
    let width = source.get(span.start as usize..end as usize).map_or(0, |p| p.chars().count()).max(1);
    out.push_str(&format!("  | {text}\n  | {}{}\n", " ".repeat(start_col), "^".repeat(width)));
}
