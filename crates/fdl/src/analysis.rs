//! The pipeline: parse → lower → lint, with configuration and suppressions applied.

use crate::diagnostic::{Diagnostic, Severity, sort_diagnostics};
use crate::lint::{LintConfig, LintContext, Suppressions, all_rules};
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
                    lower::ROOT_NOT_MAPPING,
                    crate::Span::empty(0),
                    "the document is empty; a workflow starts with `Type: StateMachine`",
                ));
            }
            None
        }
    };
    Analysis { line_index: LineIndex::new(source), yaml, document, diagnostics }
}

/// The result of linting one document.
pub struct LintReport {
    pub analysis: Analysis,
    /// Every finding after configuration and suppressions, sorted by position.
    pub diagnostics: Vec<Diagnostic>,
}

impl LintReport {
    pub fn count(&self, severity: Severity) -> usize {
        self.diagnostics.iter().filter(|d| d.severity == severity).count()
    }

    pub fn has_errors(&self) -> bool {
        self.count(Severity::Error) > 0
    }
}

/// Lints a document: parser, lowering and every rule.
pub fn lint(source: &str, config: &LintConfig) -> LintReport {
    lint_with_catalog(source, config, None)
}

/// Lints with an OpenAPI catalog, which enables the `FDL-A…` rules.
pub fn lint_with_catalog(
    source: &str,
    config: &LintConfig,
    catalog: Option<&dyn crate::lint::ApiCatalog>,
) -> LintReport {
    let analysis = analyze_with_limits(source, config.limits);
    let mut found = analysis.diagnostics.clone();
    if let (Some(root), Some(document)) = (&analysis.yaml.root, &analysis.document) {
        let ctx = LintContext {
            source,
            line_index: &analysis.line_index,
            root,
            comments: &analysis.yaml.comments,
            document,
            execution_mode: config.execution_mode,
            catalog,
            graphs: Default::default(),
            expression_sites: Default::default(),
        };
        for rule in all_rules() {
            rule.check(&ctx, &mut found);
        }
        crate::placeholder::drop_findings_inside(&crate::placeholder::spans(source, root), &mut found);
    }
    let suppressions = Suppressions::from_comments(&analysis.yaml.comments, source, &analysis.line_index);
    let mut diagnostics: Vec<Diagnostic> = found
        .into_iter()
        .filter_map(|mut d| {
            d.severity = config.severity_for(d.code, d.severity)?;
            let line = analysis.line_index.line_of(d.span.start);
            (!suppressions.is_suppressed(d.code, line)).then_some(d)
        })
        .collect();
    sort_diagnostics(&mut diagnostics);
    diagnostics.dedup();
    LintReport { analysis, diagnostics }
}
