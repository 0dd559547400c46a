//! Suppression comments, and the findings about them (`FDL-X…`).
//!
//! - `# flowplay-ignore: CODE[, CODE…]` after code on a line silences those codes on that line
//!   only; alone on its line it silences them on the next line (comment lines in between are
//!   skipped, so several suppression comments can be stacked above one line).
//! - `# flowplay-ignore-file: CODE[, CODE…]` anywhere silences them in the whole file.
//!
//! Codes are separated by commas or spaces and matched without regard to case; `all` stands for
//! every rule except the `FDL-X…` rules about suppressions. The list ends at the first word that
//! does not look like a code (or a rule's name, which is reported as an unknown code), so a reason
//! can follow (`# flowplay-ignore: FDL-S007 vendor key`).
//!
//! The linter silences findings through [`Suppressions::silence`], which records which codes were
//! used; once every other finding is known it asks for the findings about the comments
//! themselves: [`Suppressions::misuse`] (unknown codes, comments without codes) and
//! [`Suppressions::unused`] (codes that silenced nothing), then [`Suppressions::attach_removals`]
//! gives those findings their fixes.

use std::collections::{HashMap, HashSet};

use crate::diagnostic::{Applicability, Diagnostic, Fix, TextEdit};
use crate::lint::rule_by_code;
use crate::lint::rules::suppression::{
    x001_unused_suppression as x001, x002_unknown_suppression_code as x002, x003_malformed_suppression as x003,
};
use crate::span::{LineIndex, Span};
use crate::yaml::Comment;

const DIRECTIVE: &str = "flowplay-ignore";
const FILE_SUFFIX: &str = "-file";

/// The suppression comments of one file and which of their codes have silenced a finding.
#[derive(Clone, Debug, Default)]
pub struct Suppressions {
    directives: Vec<Directive>,
    /// Indices of the directives of the whole file, and of those that reach a line, by line: a
    /// file may hold thousands of comments and findings.
    file: Vec<usize>,
    /// `(line, directive index)`, sorted: a sorted list rather than a map, one hash table type
    /// fewer in the embed package (its 150 KB budget).
    by_line: Vec<(usize, usize)>,
}

/// Which lines a suppression comment covers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reach {
    /// The whole file (`# flowplay-ignore-file: …`).
    File,
    /// One 0-based line: the comment's own when code precedes it, else the next line that is
    /// not a comment; `None` when nothing follows the comment.
    Line(Option<usize>),
}

/// One comment that starts with `flowplay-ignore`.
#[derive(Clone, Debug)]
pub struct Directive {
    /// From the `#` to the end of the comment.
    pub comment: Span,
    /// 0-based line of the comment.
    pub line: usize,
    /// Whether code precedes the comment on its line.
    pub trailing: bool,
    pub reach: Reach,
    /// The codes listed (empty for a comment that is not well formed).
    pub codes: Vec<CodeEntry>,
    pub form: Form,
}

/// Whether a directive is written as the syntax says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Form {
    WellFormed,
    /// `# flowplay-ignore` or `# flowplay-ignore:` with no code after it.
    NoCodes,
    /// Another spelling (`flowplay-ignore FDL-S007`, `flowplay-ignore[FDL-S007]`): the canonical
    /// comment for the codes found in it, when there are any.
    Malformed {
        canonical: Option<String>,
    },
}

/// A code as written in a suppression comment.
#[derive(Clone, Debug)]
pub struct CodeEntry {
    pub text: String,
    pub span: Span,
    /// Whether it silenced a finding.
    pub used: bool,
}

impl CodeEntry {
    fn is_all(&self) -> bool {
        self.text.eq_ignore_ascii_case("all")
    }

    /// Whether this entry silences a finding with `code`; `all` does not silence the findings
    /// about suppression comments (`suppression_rule`).
    fn matches(&self, code: &str, suppression_rule: bool) -> bool {
        self.text.eq_ignore_ascii_case(code) || (self.is_all() && !suppression_rule)
    }
}

impl Suppressions {
    pub fn from_comments(comments: &[Comment], source: &str, index: &LineIndex) -> Self {
        if !comments.iter().any(|c| c.text.contains(DIRECTIVE)) {
            return Self::default();
        }
        // Lines holding nothing but a comment: a suppression comment above them reaches past them.
        let mut comment_lines: Vec<usize> = comments
            .iter()
            .filter(|c| !code_before(source, index, c.span.start))
            .map(|c| index.line_of(c.span.start))
            .collect();
        comment_lines.sort_unstable();
        comment_lines.dedup();
        // For each of them, the first line after it that is not one of them (one pass from the
        // end, so a long run of comment lines costs no more than its length).
        let mut next_lines = vec![0; comment_lines.len()];
        for k in (0..comment_lines.len()).rev() {
            let next = comment_lines[k] + 1;
            next_lines[k] = match comment_lines.get(k + 1) {
                Some(&l) if l == next => next_lines[k + 1],
                _ => next,
            };
        }
        let skip = CommentLines { lines: &comment_lines, next: &next_lines };
        let directives: Vec<Directive> =
            comments.iter().filter_map(|c| Directive::parse(c, source, index, &skip)).collect();
        let mut file = Vec::new();
        let mut by_line = Vec::new();
        for (i, directive) in directives.iter().enumerate() {
            match directive.reach {
                Reach::File => file.push(i),
                Reach::Line(Some(line)) => by_line.push((line, i)),
                Reach::Line(None) => {}
            }
        }
        by_line.sort_unstable();
        Self { directives, file, by_line }
    }

    pub fn directives(&self) -> &[Directive] {
        &self.directives
    }

    /// Whether a finding with `code` that starts on 0-based `line` is silenced, recording every
    /// code that silences it as used. `suppression_rule`: the finding is about a suppression
    /// comment (`FDL-X…`), which only a comment naming its code silences.
    pub fn silence(&mut self, code: &str, line: usize, suppression_rule: bool) -> bool {
        let mut silenced = false;
        let from = self.by_line.partition_point(|&(l, _)| l < line);
        let on_line = self.by_line[from..].iter().take_while(|&&(l, _)| l == line).map(|&(_, i)| i);
        for i in self.file.iter().copied().chain(on_line) {
            for entry in self.directives[i].codes.iter_mut().filter(|e| e.matches(code, suppression_rule)) {
                entry.used = true;
                silenced = true;
            }
        }
        silenced
    }

    /// FDL-X002 for every code that names no rule and FDL-X003 for every comment without codes
    /// or not written as the syntax says. The unknown codes' fixes come from
    /// [`Self::attach_removals`].
    pub fn misuse(&self) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        for directive in &self.directives {
            match &directive.form {
                Form::WellFormed => {}
                Form::NoCodes => out.push(x003::no_codes(directive)),
                Form::Malformed { canonical } => out.push(x003::malformed(directive, canonical.as_deref())),
            }
            for entry in directive.codes.iter().filter(|e| !e.is_all() && rule_by_code(&e.text).is_none()) {
                out.push(x002::unknown_code(entry));
            }
        }
        out
    }

    /// FDL-X001 for every known code that silenced nothing, of the codes `judged` says may be
    /// judged (a rule that is off or did not run could not have used its code), and for every
    /// `all` that silenced nothing. Call it once every finding has been through [`Self::silence`].
    pub fn unused(&self, judged: impl Fn(&str) -> bool) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        for directive in &self.directives {
            for entry in &directive.codes {
                if entry.used || !(entry.is_all() || rule_by_code(&entry.text).is_some_and(|m| judged(m.code))) {
                    continue;
                }
                out.push(x001::unused(directive, entry));
            }
        }
        out
    }

    /// Gives each FDL-X001 and FDL-X002 finding of `findings` (those that are reported) a safe fix
    /// that removes its code from the comment, or the whole comment when every code in it is
    /// reported.
    pub fn attach_removals(&self, source: &str, index: &LineIndex, findings: &mut [Diagnostic]) {
        let removable = |d: &Diagnostic| d.code == x001::CODE || d.code == x002::CODE;
        let reported: HashSet<Span> = findings.iter().filter(|d| removable(d)).map(|d| d.span).collect();
        let mut fixes: HashMap<Span, Fix> = HashMap::new();
        for directive in &self.directives {
            let removed: Vec<bool> = directive.codes.iter().map(|e| reported.contains(&e.span)).collect();
            for (i, entry) in directive.codes.iter().enumerate().filter(|&(i, _)| removed[i]) {
                let fix = if removed.iter().all(|&r| r) {
                    Fix::safe("remove the suppression comment", vec![remove_comment(directive, source, index)])
                } else {
                    Fix::safe(format!("remove `{}` from the comment", entry.text), vec![remove_code(directive, i)])
                };
                fixes.insert(entry.span, fix);
            }
        }
        for d in findings.iter_mut().filter(|d| removable(d)) {
            d.fix = fixes.get(&d.span).cloned();
        }
    }
}

/// The lines that hold only a comment (sorted), and for each the next line that does not.
struct CommentLines<'a> {
    lines: &'a [usize],
    next: &'a [usize],
}

impl Directive {
    fn parse(comment: &Comment, source: &str, index: &LineIndex, skip: &CommentLines<'_>) -> Option<Self> {
        let line = index.line_of(comment.span.start);
        // The comment as written, without a line break the span may end on.
        let end = comment.span.end.min(index.line_span(source, line).end).max(comment.span.start);
        let span = Span::new(comment.span.start, end);
        let written = source.get(span.range())?;
        let body = written.strip_prefix('#')?;
        let lead = body.len() - body.trim_start().len();
        let after = body.trim_start().strip_prefix(DIRECTIVE)?;
        // Offset in the source of the text after `flowplay-ignore`.
        let mut at = span.start as usize + 1 + lead + DIRECTIVE.len();
        let (file, rest) = match after.strip_prefix(FILE_SUFFIX) {
            Some(rest) => {
                at += FILE_SUFFIX.len();
                (true, rest)
            }
            None => (false, after),
        };
        let trailing = code_before(source, index, span.start);
        let reach = if file {
            Reach::File
        } else if trailing {
            Reach::Line(Some(line))
        } else {
            let next = skip.lines.binary_search(&line).map_or(line + 1, |k| skip.next[k]);
            // The empty "line" after a final line break is no line.
            let last = index.line_count().saturating_sub(1);
            let exists = next < last || (next == last && !index.line_span(source, next).is_empty());
            Reach::Line(exists.then_some(next))
        };
        let (codes, form) = match rest.strip_prefix(':') {
            Some(list) => {
                let codes = code_list(list, at + 1);
                let form = if codes.is_empty() { Form::NoCodes } else { Form::WellFormed };
                (codes, form)
            }
            None if rest.trim().is_empty() => (Vec::new(), Form::NoCodes),
            // Only FDL-X003 reads the rewrite (see `Linter::check_suppressions`).
            None if !cfg!(feature = "suppression-checks") => (Vec::new(), Form::Malformed { canonical: None }),
            None => {
                let found: Vec<&str> =
                    rest.split(|c: char| !(c.is_ascii_alphanumeric() || c == '-')).filter(|t| is_code(t)).collect();
                let directive = if file { "flowplay-ignore-file" } else { DIRECTIVE };
                let canonical = (!found.is_empty()).then(|| format!("# {directive}: {}", found.join(", ")));
                (Vec::new(), Form::Malformed { canonical })
            }
        };
        Some(Directive { comment: span, line, trailing, reach, codes, form })
    }
}

/// The codes at the start of `list` (which starts at byte `at` of the source), separated by
/// commas or white space, up to the first word that is not a code.
fn code_list(list: &str, at: usize) -> Vec<CodeEntry> {
    let mut out = Vec::new();
    let mut rest = list;
    let mut offset = at;
    loop {
        let skipped = rest.len() - rest.trim_start_matches(|c: char| c == ',' || c.is_whitespace()).len();
        rest = &rest[skipped..];
        offset += skipped;
        let len = rest.find(|c: char| c == ',' || c.is_whitespace()).unwrap_or(rest.len());
        let word = &rest[..len];
        if word.is_empty() || !(is_code(word) || word.eq_ignore_ascii_case("all") || is_rule_name(word)) {
            return out;
        }
        out.push(CodeEntry { text: word.to_owned(), span: Span::from_range(offset..offset + len), used: false });
        rest = &rest[len..];
        offset += len;
    }
}

/// Whether `word` is a rule's name (`unknown-key`): written where its code belongs, it gets
/// FDL-X002 with the code, rather than ending the list as the start of a reason.
fn is_rule_name(word: &str) -> bool {
    crate::lint::all_rules().iter().any(|r| r.meta().name.eq_ignore_ascii_case(word))
}

/// Whether `word` looks like a rule code: letters, an optional `-` and letters, then at least
/// two digits (`FDL-S007`, `FDL-PA01`, also `S007` and `FP012`, which then get a did-you-mean).
fn is_code(word: &str) -> bool {
    let letters = |s: &str| s.len() - s.trim_start_matches(|c: char| c.is_ascii_alphabetic()).len();
    let head = letters(word);
    if head == 0 {
        return false;
    }
    let mut rest = &word[head..];
    if let Some(after) = rest.strip_prefix('-') {
        let n = letters(after);
        if n == 0 {
            return false;
        }
        rest = &after[n..];
    }
    rest.len() >= 2 && rest.bytes().all(|b| b.is_ascii_digit())
}

/// Whether anything but spaces and tabs precedes `offset` on its line.
fn code_before(source: &str, index: &LineIndex, offset: u32) -> bool {
    let start = index.line_start(index.line_of(offset));
    source.get(start as usize..offset as usize).is_some_and(|p| !p.trim_matches([' ', '\t']).is_empty())
}

/// The edit that removes code `i` of a comment with other codes left: with the separator before
/// it, or for the first code the separator after it.
fn remove_code(directive: &Directive, i: usize) -> TextEdit {
    let codes = &directive.codes;
    let span = match (i.checked_sub(1).and_then(|p| codes.get(p)), codes.get(i + 1)) {
        (Some(prev), _) => Span::new(prev.span.end, codes[i].span.end),
        (None, Some(next)) => Span::new(codes[i].span.start, next.span.start),
        (None, None) => codes[i].span,
    };
    TextEdit { span, replacement: String::new() }
}

/// The edit that removes a whole comment: a trailing one with the spaces before it, one alone on
/// its line with the line.
fn remove_comment(directive: &Directive, source: &str, index: &LineIndex) -> TextEdit {
    let line = index.line_span(source, directive.line);
    let span = if directive.trailing {
        let before = &source[line.start as usize..directive.comment.start as usize];
        Span::new(line.start + before.trim_end_matches([' ', '\t']).len() as u32, directive.comment.end)
    } else if directive.line + 1 < index.line_count() {
        Span::new(line.start, index.line_start(directive.line + 1))
    } else if directive.line > 0 {
        // The last line, without a line break after it: take the one before it.
        Span::new(index.line_span(source, directive.line - 1).end, line.end)
    } else {
        line
    };
    TextEdit { span, replacement: String::new() }
}

/// The malformed comment's replacement by its canonical form (unsafe: it starts to silence).
pub(crate) fn canonical_fix(directive: &Directive, canonical: &str) -> Fix {
    Fix::replace(format!("write `{canonical}`"), directive.comment, canonical, Applicability::Unsafe)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::yaml::{ParseLimits, parse};

    fn suppressions(source: &str) -> Suppressions {
        let doc = parse(source, ParseLimits::default());
        Suppressions::from_comments(&doc.comments, source, &LineIndex::new(source))
    }

    #[test]
    fn codes_are_read_up_to_the_reason() {
        let src = "a: 1 # flowplay-ignore: FDL-S007,fdl-e014 all FDL-PA01 because vendor X12\n";
        let s = suppressions(src);
        let codes: Vec<&str> = s.directives()[0].codes.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(codes, ["FDL-S007", "fdl-e014", "all", "FDL-PA01"]);
        for c in &s.directives()[0].codes {
            assert_eq!(c.span.slice(src), c.text);
        }
    }

    #[test]
    fn a_trailing_comment_reaches_its_line_and_one_alone_the_next_content_line() {
        let src = "a: 1 # flowplay-ignore: FDL-S007\n# flowplay-ignore: FDL-S007\n# other\nb: 2\n# flowplay-ignore-file: X01\n# flowplay-ignore: FDL-S007\n";
        let reaches: Vec<Reach> = suppressions(src).directives().iter().map(|d| d.reach).collect();
        assert_eq!(reaches, [Reach::Line(Some(0)), Reach::Line(Some(3)), Reach::File, Reach::Line(None)]);
    }

    #[test]
    fn comments_without_codes_or_with_another_spelling_are_told_apart() {
        let forms =
            |src: &str| -> Vec<Form> { suppressions(src).directives().iter().map(|d| d.form.clone()).collect() };
        assert_eq!(forms("a: 1 # flowplay-ignore\n"), [Form::NoCodes]);
        assert_eq!(forms("a: 1 # flowplay-ignore:\n"), [Form::NoCodes]);
        assert_eq!(forms("a: 1 # flowplay-ignore-file: because\n"), [Form::NoCodes]);
        assert_eq!(
            forms("a: 1 # flowplay-ignore[FDL-S007]\n"),
            [Form::Malformed { canonical: Some("# flowplay-ignore: FDL-S007".into()) }]
        );
        assert_eq!(
            forms("a: 1 #flowplay-ignore-file FDL-S007 FDL-E014\n"),
            [Form::Malformed { canonical: Some("# flowplay-ignore-file: FDL-S007, FDL-E014".into()) }]
        );
        assert_eq!(forms("a: 1 # flowplay-ignored\n"), [Form::Malformed { canonical: None }]);
        assert!(forms("a: 1 # see flowplay-ignore: X\n").is_empty());
    }

    #[test]
    fn code_shapes() {
        for yes in ["FDL-S007", "fdl-pa01", "S007", "FP012", "FDL-S07"] {
            assert!(is_code(yes), "{yes}");
        }
        for no in ["v2", "FDL-", "because", "FDL-S007,", "-S007", "FDL-S0a7", "12"] {
            assert!(!is_code(no), "{no}");
        }
    }
}
