//! `--format json`: the versioned shape of `fdl::report` (shared with the wasm API).

use fdl::LineIndex;
use fdl::report::{JSON_FORMAT_VERSION, JsonDiagnostic, JsonFileReport, JsonReport};

use super::FileResult;

pub fn render(files: &[FileResult]) -> String {
    let report = JsonReport {
        version: JSON_FORMAT_VERSION,
        files: files
            .iter()
            .map(|f| {
                let index = LineIndex::new(&f.source);
                JsonFileReport {
                    path: f.path.clone(),
                    diagnostics: f.diagnostics.iter().map(|d| JsonDiagnostic::new(&f.source, &index, d)).collect(),
                }
            })
            .collect(),
    };
    let mut text = serde_json::to_string_pretty(&report).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    text.push('\n');
    text
}
