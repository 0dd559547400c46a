//! `--format github`: GitHub Actions workflow commands, one annotation per finding.

use fdl::{LineIndex, Severity};

use super::FileResult;

pub fn render(files: &[FileResult]) -> String {
    let mut out = String::new();
    for f in files {
        let index = LineIndex::new(&f.source);
        for d in &f.diagnostics {
            let start = index.position(&f.source, d.span.start);
            let end = index.position(&f.source, d.span.end);
            let level = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "notice",
            };
            out.push_str(&format!(
                "::{level} file={},line={},col={},endLine={},endColumn={},title={}::{}\n",
                escape_property(&f.path),
                start.line,
                start.column,
                end.line,
                end.column,
                escape_property(d.code),
                escape_data(&d.message)
            ));
        }
    }
    out
}

/// Escaping rules of GitHub workflow commands.
fn escape_data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    #[test]
    fn properties_escape_colons_and_commas() {
        assert_eq!(super::escape_property("a:b,c%"), "a%3Ab%2Cc%25");
    }
}
