//! Shared helpers for the product-level tests: locating the corpora, linting a file the way the
//! CLI does, and reading the corpora's tab-separated lists.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use fdl::{Diagnostic, LintConfig, Severity};

/// The repository root.
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// `../shared/corpus` beside the checkout, or the directory `FLOWPLAY_SHARED_CORPUS` names (a
/// worktree elsewhere has no `../shared`). When it is missing the test fails if `CI` is set and
/// otherwise prints why it is skipping and returns `None`.
pub fn corpus_dir() -> Option<PathBuf> {
    let dir =
        std::env::var_os("FLOWPLAY_SHARED_CORPUS").map_or_else(|| repo_root().join("../shared/corpus"), PathBuf::from);
    if dir.is_dir() {
        return Some(dir);
    }
    if std::env::var_os("CI").is_some() {
        panic!("the public corpus is missing at {} (CI must have ../shared beside the checkout)", dir.display());
    }
    eprintln!("SKIPPED: the public corpus is not at {}; corpus tests did not run", dir.display());
    None
}

/// `tests/corpus/realworld`: public workflows collected into this repository (always present).
pub fn realworld_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("corpus/realworld")
}

/// A file linted as `flowplay lint` lints it, with positions at hand.
pub struct Linted {
    pub source: String,
    pub report: fdl::LintReport,
    index: fdl::LineIndex,
}

impl Linted {
    pub fn diagnostics(&self) -> &[Diagnostic] {
        &self.report.diagnostics
    }

    /// The 1-based line where a finding starts.
    pub fn line(&self, diagnostic: &Diagnostic) -> u32 {
        self.index.position(&self.source, diagnostic.span.start).line
    }

    /// `line:column CODE message`, for failure messages.
    pub fn describe(&self, diagnostic: &Diagnostic) -> String {
        let p = self.index.position(&self.source, diagnostic.span.start);
        format!("{}:{} {} {} {}", p.line, p.column, diagnostic.severity.as_str(), diagnostic.code, diagnostic.message)
    }
}

/// Lints one file with the CLI's default setup: default configuration and the built-in OpenAPI
/// catalog (so `FDL-A…` rules run too), as `flowplay lint FILE` does.
pub fn lint_file(path: &Path) -> Linted {
    let source = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    lint_source(source)
}

/// The linter of a plain `flowplay lint`: default configuration and the built-in OpenAPI catalog.
pub fn cli_linter() -> fdl::Linter<'static> {
    fdl::Linter::new(LintConfig::default()).with_catalog(Some(catalog::Catalog::embedded()))
}

/// Lints a text as `flowplay lint` lints a file (see [`lint_file`]).
pub fn lint_source(source: String) -> Linted {
    let report = cli_linter().lint(&source);
    let index = fdl::LineIndex::new(&source);
    Linted { source, report, index }
}

/// The text `flowplay lint --fix` (with `--unsafe-fixes` when `include_unsafe`) writes for `source`.
pub fn fix_source(source: &str, include_unsafe: bool) -> String {
    let scope = if include_unsafe { fdl::FixScope::IncludingUnsafe } else { fdl::FixScope::SafeOnly };
    cli_linter().fix(source, scope).text
}

/// The rows of a tab-separated list with a header line; blank lines and `#` comments are skipped.
/// Panics (naming the file and line) when a row has fewer than `columns` cells.
pub fn read_tsv(path: &Path, columns: usize) -> Vec<Vec<String>> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    text.lines()
        .enumerate()
        .skip(1)
        .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|(n, l)| {
            let cells: Vec<String> = l.split('\t').map(str::to_owned).collect();
            assert!(
                cells.len() >= columns,
                "{}:{}: expected {columns} tab-separated columns: {l}",
                path.display(),
                n + 1
            );
            cells
        })
        .collect()
}

/// A finding on a file its source presents as working, reviewed and listed with the reason.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Reviewed {
    pub file: String,
    pub line: u32,
    pub code: String,
}

/// A reviewed list: `file`, `line`, `code`, `why` (the why is required).
pub fn read_reviewed(path: &Path) -> BTreeSet<Reviewed> {
    read_tsv(path, 4)
        .into_iter()
        .map(|row| {
            assert!(!row[3].trim().is_empty(), "{}: {}:{} needs a reason", path.display(), row[0], row[1]);
            let line = row[1].parse().unwrap_or_else(|_| panic!("{}: bad line number {}", path.display(), row[1]));
            Reviewed { file: row[0].clone(), line, code: row[2].clone() }
        })
        .collect()
}

/// Holds the errors and warnings on working files to one standard: each must be listed, after
/// review, either as a known false positive (a finding a user would not agree with, tolerated until
/// the rule is fixed) or, for a warning only, as a true warning (one a user would agree with on
/// this file). Both lists must be exact: an entry that no longer fires fails the check, so the
/// false positives only shrink and the true warnings stay true. Info findings are not gated.
pub struct ReviewedGate {
    false_positives: BTreeSet<Reviewed>,
    true_warnings: BTreeSet<Reviewed>,
    seen: BTreeSet<Reviewed>,
    unexpected: Vec<String>,
}

impl ReviewedGate {
    /// `false_positives` and `true_warnings` are the two lists' paths (see [`read_reviewed`]).
    pub fn new(false_positives: &Path, true_warnings: &Path) -> Self {
        let false_positives = read_reviewed(false_positives);
        let true_warnings = read_reviewed(true_warnings);
        let both: Vec<_> = false_positives.intersection(&true_warnings).collect();
        assert!(both.is_empty(), "listed both as false positive and as true warning: {both:?}");
        Self { false_positives, true_warnings, seen: BTreeSet::new(), unexpected: Vec::new() }
    }

    /// Checks the errors and warnings of one working file.
    pub fn check(&mut self, file: &str, linted: &Linted) {
        for d in linted.diagnostics().iter().filter(|d| matches!(d.severity, Severity::Error | Severity::Warning)) {
            let key = Reviewed { file: file.to_owned(), line: linted.line(d), code: d.code.to_owned() };
            let listed = self.false_positives.contains(&key)
                || (d.severity == Severity::Warning && self.true_warnings.contains(&key));
            if listed {
                self.seen.insert(key);
            } else {
                self.unexpected.push(format!("{file}:{}", linted.describe(d)));
            }
        }
    }

    /// How many reviewed false positives are still tolerated.
    pub fn false_positive_count(&self) -> usize {
        self.false_positives.len()
    }

    /// Panics with every unlisted error or warning and every entry that no longer fires.
    #[track_caller]
    pub fn finish(self, lists: &str) {
        let stale: Vec<String> = self
            .false_positives
            .iter()
            .chain(&self.true_warnings)
            .filter(|k| !self.seen.contains(*k))
            .map(|k| format!("{}:{} {}", k.file, k.line, k.code))
            .collect();
        assert!(
            self.unexpected.is_empty(),
            "errors or warnings on files their source presents as working. Fix the rule when a user would not agree; \
             list a warning a user would agree with, with the reason, in {lists}:\n{}",
            self.unexpected.join("\n")
        );
        assert!(
            stale.is_empty(),
            "entries of {lists} that no longer fire; delete them (the false positives only shrink):\n{}",
            stale.join("\n")
        );
    }
}
