//! `--format concise`: one line per finding, `path:line:col: CODE message` (actionlint's default,
//! Ruff's `concise`), for grep, editors' quickfix lists and terminals too narrow for snippets.

use fdl::LineIndex;

use super::FileResult;

pub fn render(files: &[FileResult]) -> String {
    let mut out = String::new();
    for f in files {
        let index = LineIndex::new(&f.source);
        for d in &f.diagnostics {
            let start = index.position(&f.source, d.span.start);
            // One finding, one line: a multi-line message is joined.
            let message = d.message.split('\n').map(str::trim).collect::<Vec<_>>().join(" ");
            out.push_str(&format!("{}:{}:{}: {} {message}\n", f.path, start.line, start.column, d.code));
        }
    }
    out
}
