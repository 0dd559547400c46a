//! Suppression comments: `# flowplay-ignore: CODE[, CODE]` on the line of a finding or the line
//! above it, and `# flowplay-ignore-file: CODE[, CODE]` anywhere for the whole file.

use crate::span::LineIndex;
use crate::yaml::Comment;

#[derive(Clone, Debug, Default)]
pub struct Suppressions {
    /// (0-based line the comment is on, codes).
    lines: Vec<(usize, Vec<String>)>,
    file: Vec<String>,
}

const LINE_DIRECTIVE: &str = "flowplay-ignore:";
const FILE_DIRECTIVE: &str = "flowplay-ignore-file:";

impl Suppressions {
    pub fn from_comments(comments: &[Comment], source: &str, index: &LineIndex) -> Self {
        let mut out = Suppressions::default();
        let _ = source;
        for comment in comments {
            let text = comment.text.trim();
            if let Some(rest) = text.strip_prefix(FILE_DIRECTIVE) {
                out.file.extend(parse_codes(rest));
            } else if let Some(rest) = text.strip_prefix(LINE_DIRECTIVE) {
                out.lines.push((index.line_of(comment.span.start), parse_codes(rest)));
            }
        }
        out
    }

    /// Whether a finding with `code` that starts on 0-based `line` is suppressed.
    pub fn is_suppressed(&self, code: &str, line: usize) -> bool {
        let matches = |codes: &Vec<String>| codes.iter().any(|c| c.eq_ignore_ascii_case(code) || c == "all");
        matches(&self.file) || self.lines.iter().any(|(l, codes)| (*l == line || *l + 1 == line) && matches(codes))
    }
}

fn parse_codes(text: &str) -> Vec<String> {
    text.split([',', ' ']).map(str::trim).filter(|c| !c.is_empty()).map(str::to_owned).collect()
}
