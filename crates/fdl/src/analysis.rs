//! Parsing and lowering: text → spanned YAML tree → typed model, with the diagnostics found on
//! the way. Linting (the rules) is [`crate::Linter`]'s.

use crate::diagnostic::Diagnostic;
use crate::lint::rules::syntax::p001_syntax::YamlSyntax;
use crate::lower;
use crate::model::Document;
use crate::span::LineIndex;
use crate::yaml::{self, ParseLimits, YamlDocument};

/// A parsed and lowered document with the diagnostics found so far.
pub struct Analysis {
    pub line_index: LineIndex,
    pub yaml: YamlDocument,
    pub document: Option<Document>,
    /// Parser and lowering diagnostics.
    pub diagnostics: Vec<Diagnostic>,
}

/// Parses and lowers a document.
pub fn analyze(source: &str) -> Analysis {
    analyze_with_limits(source, ParseLimits::default())
}

pub fn analyze_with_limits(source: &str, limits: ParseLimits) -> Analysis {
    let mut yaml = yaml::parse(source, limits);
    let mut diagnostics = std::mem::take(&mut yaml.diagnostics);
    let document = match &yaml.root {
        Some(root) => {
            let (document, lowering) = lower::lower(source, root);
            diagnostics.extend(lowering);
            document
        }
        None => {
            if diagnostics.is_empty() {
                diagnostics.push(Diagnostic::error(
                    YamlSyntax::META.code,
                    crate::Span::empty(0),
                    "the document is empty; a workflow starts with `Type: StateMachine`",
                ));
            }
            None
        }
    };
    Analysis { line_index: LineIndex::new(source), yaml, document, diagnostics }
}
