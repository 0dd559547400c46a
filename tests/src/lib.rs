//! Shared helpers for the product-level tests: locating the corpora, linting a file the way the
//! CLI does, and reading the corpora's tab-separated lists.

use std::path::{Path, PathBuf};

use fdl::{Diagnostic, LintConfig};

/// The repository root.
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// `../shared/corpus` beside the checkout. When it is missing the test fails if `CI` is set and
/// otherwise prints why it is skipping and returns `None`.
pub fn corpus_dir() -> Option<PathBuf> {
    let dir = repo_root().join("../shared/corpus");
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

/// Lints a text as `flowplay lint` lints a file (see [`lint_file`]).
pub fn lint_source(source: String) -> Linted {
    let report = fdl::lint_with_catalog(&source, &LintConfig::default(), Some(catalog::Catalog::embedded()));
    let index = fdl::LineIndex::new(&source);
    Linted { source, report, index }
}

/// The text `flowplay lint --fix` (with `--unsafe-fixes` when `include_unsafe`) writes for `source`.
pub fn fix_source(source: &str, include_unsafe: bool) -> String {
    fdl::fix::fix_all(source, &LintConfig::default(), include_unsafe).0
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
