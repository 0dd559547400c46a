//! Code actions for the findings in a range: every fix a finding offers (safe ones marked as
//! preferred, unsafe ones labelled), and suppressing the finding with a `# flowplay-ignore`
//! comment (on its line, or in the whole file) in the syntax of [`fdl::lint::suppression`].
//!
//! A suppression is offered only when it works: the edited file is linted again and must no
//! longer have the finding, nor any finding it did not have (a comment inserted into a block
//! scalar, say, would change the text instead of silencing anything).

use fdl::lint::Suppressions;
use fdl::lint::suppression::{Form, Reach};
use fdl::{Applicability, Diagnostic, Linter, Span, TextEdit};

/// What an action does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CodeActionKind {
    /// Applies a finding's fix.
    Fix(Applicability),
    /// Adds (or extends) a suppression comment.
    Suppress,
}

#[derive(Clone, Debug, PartialEq)]
pub struct CodeAction {
    pub title: String,
    pub kind: CodeActionKind,
    /// The finding it resolves (index into the diagnostics given).
    pub diagnostic: usize,
    pub edits: Vec<TextEdit>,
    /// The action an editor applies on "quick fix" without asking (safe fixes).
    pub preferred: bool,
}

/// The most findings of one request whose suppressions are offered: each is checked by linting
/// the edited file twice, so a range over a whole file with hundreds of findings would take
/// seconds. Fixes are offered for every finding.
pub const MAX_SUPPRESSED_FINDINGS: usize = 8;

/// The actions for the findings of `diagnostics` (the report of `linter` on `source`) that
/// overlap `range` (a cursor touching a finding counts).
pub fn code_actions(source: &str, diagnostics: &[Diagnostic], range: Span, linter: &Linter) -> Vec<CodeAction> {
    let mut out = Vec::new();
    let analysis = fdl::analyze(source);
    let suppressions = Suppressions::from_comments(&analysis.yaml.comments, source, &analysis.line_index);
    let mut suppressed = 0;
    for (i, d) in diagnostics.iter().enumerate() {
        let overlaps = d.span.start <= range.end && range.start <= d.span.end;
        if !overlaps {
            continue;
        }
        if let Some(fix) = &d.fix {
            let safe = fix.applicability == Applicability::Safe;
            let label = if safe { "" } else { " (unsafe: check the result)" };
            out.push(CodeAction {
                title: format!("{}: {}{label}", d.code, fix.message),
                kind: CodeActionKind::Fix(fix.applicability),
                diagnostic: i,
                edits: fix.edits.clone(),
                preferred: safe,
            });
        }
        // The findings about suppression comments are resolved by editing the comments.
        if d.code.starts_with("FDL-X") || suppressed == MAX_SUPPRESSED_FINDINGS {
            continue;
        }
        suppressed += 1;
        let line = analysis.line_index.line_of(d.span.start);
        let candidates = [
            (
                format!("Suppress {} on this line", d.code),
                line_suppression(source, &analysis.line_index, &suppressions, line, d.code),
            ),
            (format!("Suppress {} in this file", d.code), file_suppression(source, &suppressions, d.code)),
        ];
        for (title, edit) in candidates {
            if silences(source, diagnostics, d, &edit, linter) {
                out.push(CodeAction {
                    title,
                    kind: CodeActionKind::Suppress,
                    diagnostic: i,
                    edits: vec![edit],
                    preferred: false,
                });
            }
        }
    }
    out
}

/// The line break the file uses.
fn newline(source: &str) -> &'static str {
    if source.contains("\r\n") { "\r\n" } else { "\n" }
}

/// `# flowplay-ignore: CODE` on its own line above `line` (with that line's indentation), or
/// `, CODE` added to such a comment already there.
fn line_suppression(
    source: &str,
    index: &fdl::LineIndex,
    suppressions: &Suppressions,
    line: usize,
    code: &str,
) -> TextEdit {
    let existing = suppressions
        .directives()
        .iter()
        .find(|d| !d.trailing && d.reach == Reach::Line(Some(line)) && d.form == Form::WellFormed);
    if let Some(last) = existing.and_then(|d| d.codes.last()) {
        return TextEdit { span: Span::empty(last.span.end), replacement: format!(", {code}") };
    }
    let start = index.line_start(line);
    let text = index.line_span(source, line).slice(source);
    let indent = &text[..text.len() - text.trim_start_matches(' ').len()];
    TextEdit { span: Span::empty(start), replacement: format!("{indent}# flowplay-ignore: {code}{}", newline(source)) }
}

/// `# flowplay-ignore-file: CODE` on the first line, or `, CODE` added to such a comment.
fn file_suppression(source: &str, suppressions: &Suppressions, code: &str) -> TextEdit {
    let existing = suppressions.directives().iter().find(|d| d.reach == Reach::File && d.form == Form::WellFormed);
    if let Some(last) = existing.and_then(|d| d.codes.last()) {
        return TextEdit { span: Span::empty(last.span.end), replacement: format!(", {code}") };
    }
    TextEdit { span: Span::empty(0), replacement: format!("# flowplay-ignore-file: {code}{}", newline(source)) }
}

/// Whether the edited file has lost finding `d` and gained no other (by code and message).
fn silences(source: &str, before: &[Diagnostic], d: &Diagnostic, edit: &TextEdit, linter: &Linter) -> bool {
    let Some(edited) = apply(source, std::slice::from_ref(edit)) else { return false };
    let after = linter.lint(&edited).diagnostics;
    let key = |x: &Diagnostic| (x.code, x.message.clone());
    let mut remaining: Vec<_> = before.iter().map(key).collect();
    if let Some(i) = remaining.iter().position(|k| *k == key(d)) {
        remaining.remove(i);
    }
    let mut after: Vec<_> = after.iter().map(key).collect();
    remaining.sort();
    after.sort();
    remaining == after
}

/// `source` with `edits` applied (non-overlapping, any order); `None` when they do not fit it.
pub fn apply(source: &str, edits: &[TextEdit]) -> Option<String> {
    let mut sorted: Vec<&TextEdit> = edits.iter().collect();
    sorted.sort_by_key(|e| (e.span.start, e.span.end));
    let mut out = String::with_capacity(source.len());
    let mut at = 0usize;
    for edit in sorted {
        let (start, end) = (edit.span.start as usize, edit.span.end as usize);
        if start < at || end < start {
            return None;
        }
        out.push_str(source.get(at..start)?);
        out.push_str(&edit.replacement);
        at = end;
    }
    out.push_str(source.get(at..)?);
    Some(out)
}

#[cfg(test)]
mod tests;
