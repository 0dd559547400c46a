//! Diagnostics: what the parser, the lowering and the lint rules report.
//!
//! A [`Diagnostic`] has a stable rule code, a severity, a message that says what to write
//! instead, a primary span, optional secondary labels, an optional help text and an optional fix
//! made of text edits. Positions are byte spans; renderers convert them with
//! [`crate::LineIndex`].

use serde::{Deserialize, Serialize};

use crate::span::Span;

/// How serious a finding is. Ordered: `Info < Warning < Error`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    pub fn parse(text: &str) -> Option<Severity> {
        match text.to_ascii_lowercase().as_str() {
            "info" | "note" => Some(Severity::Info),
            "warning" | "warn" => Some(Severity::Warning),
            "error" => Some(Severity::Error),
            _ => None,
        }
    }
}

impl std::fmt::Display for Severity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A secondary location, e.g. where a duplicated name was first defined.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Label {
    pub span: Span,
    pub message: String,
}

/// Replace the text at `span` with `replacement` (an empty span inserts).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TextEdit {
    pub span: Span,
    pub replacement: String,
}

/// Whether a fix can be applied without a person looking at it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Applicability {
    /// Keeps the meaning the author evidently intended; `flowplay lint --fix` applies it.
    Safe,
    /// Probably right, but changes behaviour or guesses; offered in the editor, applied only on request.
    Unsafe,
}

impl Applicability {
    pub fn as_str(self) -> &'static str {
        match self {
            Applicability::Safe => "safe",
            Applicability::Unsafe => "unsafe",
        }
    }
}

/// A machine-applicable change that resolves a diagnostic.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fix {
    pub message: String,
    pub edits: Vec<TextEdit>,
    pub applicability: Applicability,
}

impl Fix {
    pub fn safe(message: impl Into<String>, edits: Vec<TextEdit>) -> Self {
        Self { message: message.into(), edits, applicability: Applicability::Safe }
    }

    pub fn unsafe_(message: impl Into<String>, edits: Vec<TextEdit>) -> Self {
        Self { message: message.into(), edits, applicability: Applicability::Unsafe }
    }

    /// A fix that replaces one span.
    pub fn replace(
        message: impl Into<String>,
        span: Span,
        replacement: impl Into<String>,
        applicability: Applicability,
    ) -> Self {
        Self { message: message.into(), edits: vec![TextEdit { span, replacement: replacement.into() }], applicability }
    }
}

/// One finding.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    /// Stable rule code, e.g. `FDL-S013`.
    pub code: &'static str,
    pub severity: Severity,
    pub message: String,
    pub span: Span,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub labels: Vec<Label>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fix: Option<Fix>,
}

/// Longest `quoted` value a message keeps whole; a longer one keeps its start and end around
/// `…`, so a 100,000-character `Name` does not make a 200 KB message (the span still covers the
/// whole value).
pub const MAX_QUOTED_CHARS: usize = 60;

/// `text` with every `quoted` value longer than [`MAX_QUOTED_CHARS`] characters shortened.
pub fn shorten_quoted(text: &str) -> String {
    let parts: Vec<&str> = text.split('`').collect();
    let last = parts.len().saturating_sub(1);
    let mut out = String::with_capacity(text.len().min(4 * MAX_QUOTED_CHARS));
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            out.push('`');
        }
        // Odd parts are inside backticks when a closing backtick follows.
        let quoted = i % 2 == 1 && i < last;
        let count = part.chars().count();
        if quoted && count > MAX_QUOTED_CHARS {
            let head: String = part.chars().take(MAX_QUOTED_CHARS * 2 / 3).collect();
            let tail: String = part.chars().skip(count - MAX_QUOTED_CHARS / 3).collect();
            out.push_str(&head);
            out.push('…');
            out.push_str(&tail);
        } else {
            out.push_str(part);
        }
    }
    out
}

impl Diagnostic {
    /// Shortens long quoted values in the message, labels, help and fix description (never in
    /// the fix's edits).
    pub fn shorten_values(&mut self) {
        let long = |t: &str| t.len() > MAX_QUOTED_CHARS;
        if long(&self.message) {
            self.message = shorten_quoted(&self.message);
        }
        for label in &mut self.labels {
            if long(&label.message) {
                label.message = shorten_quoted(&label.message);
            }
        }
        if let Some(help) = self.help.as_mut().filter(|h| long(h)) {
            *help = shorten_quoted(help);
        }
        if let Some(fix) = self.fix.as_mut().filter(|f| long(&f.message)) {
            fix.message = shorten_quoted(&fix.message);
        }
    }

    pub fn new(code: &'static str, severity: Severity, span: Span, message: impl Into<String>) -> Self {
        Self { code, severity, message: message.into(), span, labels: Vec::new(), help: None, fix: None }
    }

    pub fn error(code: &'static str, span: Span, message: impl Into<String>) -> Self {
        Self::new(code, Severity::Error, span, message)
    }

    pub fn warning(code: &'static str, span: Span, message: impl Into<String>) -> Self {
        Self::new(code, Severity::Warning, span, message)
    }

    pub fn info(code: &'static str, span: Span, message: impl Into<String>) -> Self {
        Self::new(code, Severity::Info, span, message)
    }

    pub fn with_label(mut self, span: Span, message: impl Into<String>) -> Self {
        self.labels.push(Label { span, message: message.into() });
        self
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn with_fix(mut self, fix: Fix) -> Self {
        self.fix = Some(fix);
        self
    }
}

/// Sorts diagnostics by position, then code, for stable output.
pub fn sort_diagnostics(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| {
        (a.span.start, a.span.end, a.code, &a.message).cmp(&(b.span.start, b.span.end, b.code, &b.message))
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_quoted_values_keep_their_start_and_end() {
        let name = format!("start{}end", "x".repeat(100_000));
        let short = shorten_quoted(&format!("`{name}` is not a valid name; write `Ok`"));
        assert!(short.len() < 200, "{short}");
        assert!(short.starts_with("`startxx") && short.contains("xxend` is not a valid name; write `Ok`"), "{short}");
        assert!(short.contains('…'));
    }

    #[test]
    fn short_values_and_unclosed_backticks_are_left_alone() {
        for text in ["`A` names no state", "no quotes at all", "an unclosed `quote that goes on"] {
            assert_eq!(shorten_quoted(text), text);
        }
        let unclosed = format!("an unclosed `{}", "y".repeat(200));
        assert_eq!(shorten_quoted(&unclosed), unclosed);
        // Multi-byte characters are counted as characters and never split.
        let wide = format!("`{}`", "状".repeat(100));
        assert_eq!(shorten_quoted(&wide).chars().count(), MAX_QUOTED_CHARS + 3);
    }

    #[test]
    fn a_huge_name_makes_a_short_report() {
        let name = "n".repeat(100_000);
        let source = format!(
            "Type: StateMachine\nName: {name}\nSpecVersion: v1\nStartAt: {name}\nStates:\n  - Type: Pass\n    Name: A\n    End: true\n"
        );
        let report = crate::Linter::default().lint(&source);
        assert!(!report.diagnostics.is_empty());
        for d in &report.diagnostics {
            assert!(d.message.len() < 300, "{}", d.message);
            assert!(d.help.as_ref().is_none_or(|h| h.len() < 400), "{:?}", d.help);
        }
    }
}
