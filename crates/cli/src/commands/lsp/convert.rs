//! `ide`'s and fdl's values (byte offsets) as the protocol's (UTF-16 line/column).

use fdl::{Diagnostic, Severity, Span};
use ide::position::{LineCol, LineMap};
use lsp_types as lsp;

pub fn position(lines: &LineMap, text: &str, offset: u32) -> lsp::Position {
    let LineCol { line, character } = lines.line_col(text, offset);
    lsp::Position { line, character }
}

pub fn range(lines: &LineMap, text: &str, span: Span) -> lsp::Range {
    lsp::Range { start: position(lines, text, span.start), end: position(lines, text, span.end) }
}

pub fn diagnostic(lines: &LineMap, text: &str, uri: &lsp::Url, d: &Diagnostic) -> lsp::Diagnostic {
    let severity = match d.severity {
        Severity::Error => lsp::DiagnosticSeverity::ERROR,
        Severity::Warning => lsp::DiagnosticSeverity::WARNING,
        Severity::Info => lsp::DiagnosticSeverity::INFORMATION,
    };
    let message = match &d.help {
        Some(help) => format!("{}\nhelp: {help}", d.message),
        None => d.message.clone(),
    };
    let related: Vec<lsp::DiagnosticRelatedInformation> = d
        .labels
        .iter()
        .map(|label| lsp::DiagnosticRelatedInformation {
            location: lsp::Location { uri: uri.clone(), range: range(lines, text, label.span) },
            message: label.message.clone(),
        })
        .collect();
    lsp::Diagnostic {
        range: range(lines, text, d.span),
        severity: Some(severity),
        code: Some(lsp::NumberOrString::String(d.code.to_owned())),
        code_description: None,
        source: Some("flowplay".to_owned()),
        message,
        related_information: (!related.is_empty()).then_some(related),
        tags: None,
        data: None,
    }
}

pub fn text_edit(lines: &LineMap, text: &str, span: Span, new_text: String) -> lsp::TextEdit {
    lsp::TextEdit { range: range(lines, text, span), new_text }
}

pub fn completion_kind(kind: ide::CompletionKind) -> lsp::CompletionItemKind {
    match kind {
        ide::CompletionKind::Key => lsp::CompletionItemKind::PROPERTY,
        ide::CompletionKind::EnumValue => lsp::CompletionItemKind::ENUM_MEMBER,
        ide::CompletionKind::State => lsp::CompletionItemKind::REFERENCE,
        ide::CompletionKind::Function => lsp::CompletionItemKind::FUNCTION,
        ide::CompletionKind::Variable => lsp::CompletionItemKind::VARIABLE,
    }
}

#[allow(deprecated)] // `DocumentSymbol::deprecated`: the protocol type still has the field.
pub fn symbol(lines: &LineMap, text: &str, s: ide::Symbol) -> lsp::DocumentSymbol {
    let kind = match s.kind {
        ide::SymbolKind::Flow => lsp::SymbolKind::MODULE,
        ide::SymbolKind::State => lsp::SymbolKind::OBJECT,
        ide::SymbolKind::Branch => lsp::SymbolKind::NAMESPACE,
    };
    let children: Vec<lsp::DocumentSymbol> = s.children.into_iter().map(|c| symbol(lines, text, c)).collect();
    lsp::DocumentSymbol {
        name: s.name,
        detail: s.detail,
        kind,
        tags: None,
        deprecated: None,
        range: range(lines, text, s.span),
        // The protocol wants the selection inside the range.
        selection_range: range(
            lines,
            text,
            if s.span.start <= s.selection.start && s.selection.end <= s.span.end {
                s.selection
            } else {
                Span::empty(s.span.start)
            },
        ),
        children: (!children.is_empty()).then_some(children),
    }
}

pub fn token_type(kind: ide::TokenKind) -> lsp::SemanticTokenType {
    match kind {
        ide::TokenKind::Variable => lsp::SemanticTokenType::VARIABLE,
        ide::TokenKind::Property => lsp::SemanticTokenType::PROPERTY,
        ide::TokenKind::Function => lsp::SemanticTokenType::FUNCTION,
        ide::TokenKind::String => lsp::SemanticTokenType::STRING,
        ide::TokenKind::Number => lsp::SemanticTokenType::NUMBER,
        ide::TokenKind::Keyword => lsp::SemanticTokenType::KEYWORD,
    }
}

/// Tokens (sorted by position) in the protocol's relative encoding: each one's line and start
/// as deltas from the previous one, its length in UTF-16 units. A token over several lines (a
/// string in a folded scalar) is left out: clients need not support those.
pub fn semantic_tokens(lines: &LineMap, text: &str, tokens: &[(Span, ide::TokenKind)]) -> Vec<lsp::SemanticToken> {
    let mut out = Vec::with_capacity(tokens.len());
    let mut previous = LineCol::default();
    for &(span, kind) in tokens {
        let (start, end) = lines.range(text, span);
        if start.line != end.line || end.character <= start.character {
            continue;
        }
        let delta_line = start.line - previous.line;
        let delta_start = if delta_line == 0 { start.character - previous.character } else { start.character };
        out.push(lsp::SemanticToken {
            delta_line,
            delta_start,
            length: end.character - start.character,
            token_type: ide::TokenKind::ALL.iter().position(|k| *k == kind).unwrap_or(0) as u32,
            token_modifiers_bitset: 0,
        });
        previous = start;
    }
    out
}
