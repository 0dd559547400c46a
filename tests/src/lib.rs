//! Shared helpers for the product-level tests: locating `../shared/corpus`.

use std::path::PathBuf;

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
