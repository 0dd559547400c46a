//! Helpers shared by the engine's integration tests (each test file that needs them says
//! `mod support;`).

use std::path::{Path, PathBuf};

/// `../shared/corpus` beside the checkout (or beside the worktree folder holding it), or the
/// directory `FLOWPLAY_SHARED_CORPUS` names: when missing, fails if `CI` is set, else says it
/// skipped.
pub fn shared_corpus() -> Option<PathBuf> {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let candidates: Vec<PathBuf> = match std::env::var_os("FLOWPLAY_SHARED_CORPUS") {
        Some(dir) => vec![PathBuf::from(dir)],
        None => vec![manifest.join("../../../shared/corpus"), manifest.join("../../../../shared/corpus")],
    };
    if let Some(dir) = candidates.iter().find(|d| d.is_dir()) {
        return Some(dir.clone());
    }
    if std::env::var_os("CI").is_some() {
        panic!(
            "the public corpus is missing at {} (CI must have ../shared beside the checkout)",
            candidates[0].display()
        );
    }
    eprintln!("SKIPPED: the public corpus is not at {}; its legacy flows did not run", candidates[0].display());
    None
}

pub fn yaml_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            yaml_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "yaml" || x == "yml") {
            out.push(p);
        }
    }
}
