//! The linter: one value holding everything that decides a finding (the configuration, with its
//! execution mode, and the OpenAPI catalog), and the only way to lint or fix a document.
//!
//! The CLI's report and `--fix`, `flowplay run`'s pre-check, the wasm API and the playground
//! all go through a [`Linter`], so the findings a fix is checked against are the findings the
//! user is shown, and a fix offered by a catalog rule is also applied by `--fix`.

use crate::analysis::{Analysis, analyze_with_limits};
use crate::diagnostic::{Diagnostic, Severity, sort_diagnostics};
use crate::fix::{self, FixOutcome, FixScope};
use crate::lint::rules::integration::t030_unknown_service::UnknownService as NoCatalogService;
use crate::lint::rules::suppression::x001_unused_suppression::UnusedSuppression;
use crate::lint::{
    ApiCatalog, Category, ExecutionMode, LintConfig, LintContext, Suppressions, all_rules, rule_by_code,
};
use crate::span::LineIndex;

/// Lints and fixes documents with one configuration and one catalog.
///
/// ```
/// let linter = fdl::Linter::default();
/// let report = linter.lint("Type: StateMachine\nName: demo\nSpecVersion: v1\nStartAt: A\nStates:\n  - Type: Pass\n    Name: A\n    End: true\n");
/// assert!(report.diagnostics.is_empty());
/// ```
#[derive(Clone, Default)]
pub struct Linter<'c> {
    config: LintConfig,
    catalog: Option<&'c dyn ApiCatalog>,
}

impl<'c> Linter<'c> {
    /// A linter without an OpenAPI catalog (the `FDL-A…` rules do not run).
    pub fn new(config: LintConfig) -> Self {
        Self { config, catalog: None }
    }

    /// Checks Task Actions and Parameters against `catalog` (the `FDL-A…` rules), or not when
    /// `None`.
    pub fn with_catalog(mut self, catalog: Option<&'c dyn ApiCatalog>) -> Self {
        self.catalog = catalog;
        self
    }

    /// The same linter in another execution mode (a run lints in the mode it runs in).
    pub fn with_execution_mode(mut self, mode: ExecutionMode) -> Self {
        self.config.execution_mode = mode;
        self
    }

    pub fn config(&self) -> &LintConfig {
        &self.config
    }

    pub fn execution_mode(&self) -> ExecutionMode {
        self.config.execution_mode
    }

    pub fn catalog(&self) -> Option<&'c dyn ApiCatalog> {
        self.catalog
    }

    /// Lints a document: parser, lowering and every rule, with the configured severities and
    /// the file's suppression comments applied. Every fix offered keeps the file's line endings
    /// and never renames a key to one its mapping already has.
    pub fn lint(&self, source: &str) -> LintReport {
        let analysis = analyze_with_limits(source, self.config.limits);
        let mut found = analysis.diagnostics.clone();
        if let (Some(root), Some(document)) = (&analysis.yaml.root, &analysis.document) {
            let ctx = LintContext {
                source,
                line_index: &analysis.line_index,
                root,
                comments: &analysis.yaml.comments,
                document,
                execution_mode: self.config.execution_mode,
                catalog: self.catalog,
                graphs: Default::default(),
                expression_sites: Default::default(),
            };
            for rule in all_rules() {
                rule.check(&ctx, &mut found);
            }
            // Nothing whose only cause is a deployment-template placeholder is reported.
            crate::placeholder::drop_findings_inside(&crate::placeholder::spans(source, root), &mut found);
        }
        let index = &analysis.line_index;
        let mut suppressions = Suppressions::from_comments(&analysis.yaml.comments, source, index);
        let mut diagnostics: Vec<Diagnostic> =
            found.into_iter().filter_map(|d| self.finish(d, index, &mut suppressions, false)).collect();
        // The findings about the suppression comments themselves, now that every other finding
        // has been silenced or not. Whether a code went unused is judged only when the rules ran.
        // Without the feature (the embed package, for its size budget) the comments silence
        // findings but are not checked; `cfg!` keeps one code path and lets the optimiser drop it.
        if cfg!(feature = "suppression-checks") {
            self.check_suppressions(source, &analysis, &mut suppressions, &mut diagnostics);
        }
        fix::check_offered_fixes(source, &analysis, &mut diagnostics);
        sort_diagnostics(&mut diagnostics);
        diagnostics.dedup();
        LintReport { analysis, diagnostics }
    }

    /// `d` as reported: with its configured severity and shortened values, or `None` when its
    /// rule is off or a suppression comment silences it (`suppression_rule`: `d` is about a
    /// suppression comment, see [`Suppressions::silence`]).
    /// Adds FDL-X001..X003, the findings about the suppression comments, to `diagnostics`.
    fn check_suppressions(
        &self,
        source: &str,
        analysis: &Analysis,
        suppressions: &mut Suppressions,
        diagnostics: &mut Vec<Diagnostic>,
    ) {
        let index = &analysis.line_index;
        let mut own: Vec<Diagnostic> =
            suppressions.misuse().into_iter().filter_map(|d| self.finish(d, index, suppressions, true)).collect();
        if analysis.yaml.root.is_some() && analysis.document.is_some() {
            let unused = suppressions.unused(|code| self.judges(code));
            own.extend(unused.into_iter().filter_map(|d| self.finish(d, index, suppressions, true)));
        }
        suppressions.attach_removals(source, index, &mut own);
        diagnostics.append(&mut own);
    }

    fn finish(
        &self,
        mut d: Diagnostic,
        index: &LineIndex,
        suppressions: &mut Suppressions,
        suppression_rule: bool,
    ) -> Option<Diagnostic> {
        d.severity = self.config.severity_for(d.code, d.severity)?;
        d.shorten_values();
        let line = index.line_of(d.span.start);
        (!suppressions.silence(d.code, line, suppression_rule)).then_some(d)
    }

    /// Whether an unused suppression of rule `code` is reported (FDL-X001): the rule is on and
    /// runs with this linter (the `FDL-A…` rules need the catalog, FDL-T030 runs without it), and
    /// it is not FDL-X001 itself, which a comment names to keep a suppression on purpose.
    fn judges(&self, code: &str) -> bool {
        let Some(meta) = rule_by_code(code) else { return false };
        let runs = match meta.category {
            Category::Catalog => self.catalog.is_some(),
            _ if meta.code == NoCatalogService::META.code => self.catalog.is_none(),
            _ => true,
        };
        runs && meta.code != UnusedSuppression::META.code
            && self.config.severity_for(meta.code, meta.default_severity).is_some()
    }

    /// Applies fixes until none is left to apply (see [`crate::fix`]): safe ones only, or unsafe
    /// ones too. A fix is kept only when the file still parses and has no finding it did not
    /// have before; the result is a fixed point, so fixing it again changes nothing.
    pub fn fix(&self, source: &str, scope: FixScope) -> FixOutcome {
        fix::fix_to_fixed_point(self, source, scope)
    }
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
