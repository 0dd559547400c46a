//! The YAML files under a directory, for the tests that run over the fixtures, the examples and
//! the shared corpus (`#[path]`-included by `tests/json_writer.rs` and `tests/print_roundtrip.rs`).

use std::path::{Path, PathBuf};

/// Appends every `.yaml`/`.yml` file under `dir`, recursively. Panics when `dir` cannot be read:
/// a test that silently found no files would prove nothing.
pub fn yaml_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display())) {
        let path = entry.unwrap().path();
        if path.is_dir() {
            yaml_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "yaml" || e == "yml") {
            out.push(path);
        }
    }
}
