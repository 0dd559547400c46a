//! A fast path for the YAML most workflows are written in: a hand-written line scanner that
//! builds exactly the [`YamlDocument`] the granit path builds (same tree, spans, scalar styles,
//! comments and diagnostics), or gives up.
//!
//! Why: linting a 1,000-state workflow has a 5 ms budget, and granit-parser alone takes longer
//! than that on such a document. granit stays the reference and the fallback: this scanner
//! returns `None` ("not sure, use the full parser") as soon as it meets anything outside its
//! subset, so it never has to reproduce granit's error reporting or its rarer corners.
//!
//! The subset, one document without markers or directives, indented with spaces:
//! - block mappings with plain or one-line quoted keys (`key: value`, `key:`);
//! - block sequences (`- item`), including compact `- key: value` mappings, compact nested
//!   sequences (`- - x`) and sequences at their key's indentation;
//! - plain scalars on one line, single- and double-quoted scalars on one line (common escapes);
//! - flow sequences of scalars on one line (`[a, 'b']`);
//! - empty values and items, full-line and trailing `# comments`.
//!
//! Everything else is refused: tabs, CR, BOM and control characters, block scalars (`|`, `>`),
//! multi-line scalars, flow mappings, nested flow collections, anchors, aliases, tags, `?` keys,
//! nesting near the depth limit, and any indentation that would be an error.

use super::parse::{Comment, ParseLimits, YamlDocument, check_duplicate_keys, check_yaml11_boolean};
use super::tree::{Entry, Node, NodeKind, Scalar, ScalarStyle};
use crate::span::Span;
use compact_str::CompactString;

/// The scanner recurses once per nesting level: a bound of its own, whatever the caller's limit.
const MAX_DEPTH: usize = 48;

/// Levels kept clear of `max_depth`, so granit alone reports (and locates) excessive nesting.
const DEPTH_MARGIN: usize = 4;

/// Longest plain or quoted key accepted (YAML limits implicit keys to 1,024 characters).
const MAX_KEY_LEN: usize = 1000;

/// Parses `source` when it is inside the subset; `None` means "use the full parser".
pub(crate) fn parse(source: &str, limits: ParseLimits) -> Option<YamlDocument> {
    if !allowed_characters(source) {
        return None;
    }
    let lines = split_lines(source)?;
    let mut scanner = Scanner {
        src: source,
        bytes: source.as_bytes(),
        lines,
        next: 0,
        max_depth: limits.max_depth.saturating_sub(DEPTH_MARGIN).min(MAX_DEPTH),
        doc: YamlDocument::default(),
        open_entries: Vec::new(),
        open_items: Vec::new(),
    };
    if let Some(first) = scanner.next_content() {
        let root = scanner.block_node(first, scanner.content_start(first), 1)?;
        // Content after the root node (less indented than it) is an error: granit reports it.
        if scanner.next_content().is_some() {
            return None;
        }
        scanner.doc.root = Some(root);
    }
    Some(scanner.doc)
}

/// Refuses characters whose treatment (line breaks other than LF, BOM, tabs, non-printable
/// characters) is granit's business.
fn allowed_characters(source: &str) -> bool {
    // A fold without an early exit, so the compiler can vectorise it.
    let control = source.bytes().fold(false, |found, b| found | ((b < b' ') & (b != b'\n')) | (b == 0x7f));
    if control {
        return false;
    }
    source.is_ascii()
        || !source
            .chars()
            .any(|c| matches!(c, '\u{80}'..='\u{9f}' | '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}'))
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum LineKind {
    Blank,
    Comment,
    Content,
}

#[derive(Clone, Copy)]
struct Line {
    /// Offset of the line's first byte.
    start: usize,
    /// Offset of its `\n`, or the end of the text.
    end: usize,
    /// Leading spaces.
    indent: usize,
    kind: LineKind,
}

/// Splits the text into lines; `None` on document markers and directives.
fn split_lines(source: &str) -> Option<Vec<Line>> {
    let bytes = source.as_bytes();
    let mut lines = Vec::with_capacity(bytes.len() / 24 + 1);
    let mut start = 0;
    while start <= bytes.len() {
        let end = bytes.get(start..).and_then(|rest| memchr::memchr(b'\n', rest)).map_or(bytes.len(), |i| start + i);
        let text = bytes.get(start..end).unwrap_or_default();
        if text.starts_with(b"---") || text.starts_with(b"...") || text.starts_with(b"%") {
            return None;
        }
        let indent = text.iter().take_while(|&&b| b == b' ').count();
        let kind = match text.get(indent) {
            None => LineKind::Blank,
            Some(b'#') => LineKind::Comment,
            Some(_) => LineKind::Content,
        };
        lines.push(Line { start, end, indent, kind });
        start = end + 1;
    }
    Some(lines)
}

/// Bytes that give a plain scalar's first character a meaning of its own.
fn is_indicator(b: u8) -> bool {
    b"-?:,[]{}#&*!|>'\"%@`".contains(&b)
}

struct Scanner<'s> {
    src: &'s str,
    bytes: &'s [u8],
    lines: Vec<Line>,
    /// The first line not consumed yet.
    next: usize,
    max_depth: usize,
    doc: YamlDocument,
    /// Entries and items of the collections being read, innermost last: each collection takes
    /// its own off the top when it ends, in one allocation of the right size (growing a `Vec`
    /// per collection cost more than the rest of the scanner).
    open_entries: Vec<Entry>,
    open_items: Vec<Node>,
}

impl Scanner<'_> {
    fn byte(&self, at: usize) -> Option<u8> {
        self.bytes.get(at).copied()
    }

    fn line(&self, index: usize) -> Line {
        self.lines.get(index).copied().unwrap_or(Line {
            start: self.bytes.len(),
            end: self.bytes.len(),
            indent: 0,
            kind: LineKind::Blank,
        })
    }

    fn content_start(&self, index: usize) -> usize {
        let line = self.line(index);
        line.start + line.indent
    }

    fn skip_spaces(&self, mut at: usize, end: usize) -> usize {
        while at < end && self.byte(at) == Some(b' ') {
            at += 1;
        }
        at
    }

    /// A `-` block entry indicator at `at` (followed by a space or the end of the line).
    fn is_dash(&self, at: usize, line_end: usize) -> bool {
        self.byte(at) == Some(b'-') && (at + 1 >= line_end || self.byte(at + 1) == Some(b' '))
    }

    /// Skips blank and comment lines (collecting the comments) and returns the next content line
    /// without consuming it.
    fn next_content(&mut self) -> Option<usize> {
        while let Some(line) = self.lines.get(self.next).copied() {
            match line.kind {
                LineKind::Content => return Some(self.next),
                LineKind::Comment => self.comment(line.start + line.indent, line.end),
                LineKind::Blank => {}
            }
            self.next += 1;
        }
        None
    }

    /// Records the comment whose `#` is at `hash` and which runs to `end` (the end of the line).
    fn comment(&mut self, hash: usize, end: usize) {
        let text = self.src.get(hash + 1..end).unwrap_or_default().to_owned();
        self.doc.comments.push(Comment { span: Span::from_range(hash..end), text });
    }

    /// After a value that ends at `at`: only spaces and a comment may follow on the line.
    fn line_tail(&mut self, at: usize, line_end: usize) -> Option<()> {
        let rest = self.skip_spaces(at, line_end);
        if rest >= line_end {
            return Some(());
        }
        if rest > at && self.byte(rest) == Some(b'#') {
            self.comment(rest, line_end);
            return Some(());
        }
        None
    }

    /// A block mapping or sequence whose first line is `index`, starting at offset `at`.
    fn block_node(&mut self, index: usize, at: usize, depth: usize) -> Option<Node> {
        let end = self.line(index).end;
        if self.is_dash(at, end) { self.block_seq(index, at, depth, false) } else { self.block_map(index, at, depth) }
    }

    fn block_map(&mut self, mut index: usize, mut at: usize, depth: usize) -> Option<Node> {
        if depth > self.max_depth {
            return None;
        }
        let column = at.saturating_sub(self.line(index).start);
        let base = self.open_entries.len();
        loop {
            self.next = index + 1;
            let line_end = self.line(index).end;
            let (key, colon) = self.key(at, line_end)?;
            let rest = self.skip_spaces(colon + 1, line_end);
            let value = if rest >= line_end || self.byte(rest) == Some(b'#') {
                if rest < line_end {
                    self.comment(rest, line_end);
                }
                match self.next_content() {
                    Some(n) if self.line(n).indent > column => self.block_node(n, self.content_start(n), depth + 1)?,
                    // A sequence may sit at its key's indentation.
                    Some(n)
                        if self.line(n).indent == column && self.is_dash(self.content_start(n), self.line(n).end) =>
                    {
                        self.block_seq(n, self.content_start(n), depth + 1, true)?
                    }
                    // granit places an empty value at the `:`.
                    _ => empty(colon),
                }
            } else {
                self.scalar_or_flow(rest, line_end, depth + 1)?
            };
            check_yaml11_boolean(&value, self.src, &mut self.doc.diagnostics);
            self.open_entries.push(Entry { key, value });
            match self.next_content() {
                Some(n) if self.line(n).indent == column => {
                    at = self.content_start(n);
                    if self.is_dash(at, self.line(n).end) {
                        return None;
                    }
                    index = n;
                }
                // A continuation line (multi-line plain scalar) or bad indentation.
                Some(n) if self.line(n).indent > column => return None,
                _ => break,
            }
        }
        let entries: Vec<Entry> = self.open_entries.drain(base..).collect();
        check_duplicate_keys(&entries, &mut self.doc.diagnostics);
        // A block mapping runs from its first key to the end of its last value.
        let start = entries.first()?.key.span.start;
        let end = entries.last()?.value.span.end;
        Some(Node { kind: NodeKind::Map(entries), span: Span::new(start, end) })
    }

    /// A block sequence whose first `-` is at `at`. `indentless` when it sits at the indentation
    /// of the key it is the value of: granit then starts it at the first item, not at the `-`.
    fn block_seq(&mut self, mut index: usize, mut at: usize, depth: usize, indentless: bool) -> Option<Node> {
        if depth > self.max_depth {
            return None;
        }
        let column = at.saturating_sub(self.line(index).start);
        let base = self.open_items.len();
        let mut start = at;
        loop {
            self.next = index + 1;
            let line_end = self.line(index).end;
            let rest = self.skip_spaces(at + 1, line_end);
            let inline = rest < line_end && self.byte(rest) != Some(b'#');
            let item = if inline {
                self.inline_node(index, rest, depth + 1)?
            } else {
                if rest < line_end {
                    self.comment(rest, line_end);
                }
                match self.next_content() {
                    Some(n) if self.line(n).indent > column => self.block_node(n, self.content_start(n), depth + 1)?,
                    // granit places an empty item at the end of the `-` line.
                    _ => empty(line_end),
                }
            };
            if self.open_items.len() == base && indentless {
                start = if inline { item.span.start as usize } else { line_end };
            }
            check_yaml11_boolean(&item, self.src, &mut self.doc.diagnostics);
            self.open_items.push(item);
            match self.next_content() {
                Some(n) if self.line(n).indent == column && self.is_dash(self.content_start(n), self.line(n).end) => {
                    index = n;
                    at = self.content_start(n);
                }
                Some(n) if self.line(n).indent > column => return None,
                _ => break,
            }
        }
        let items: Vec<Node> = self.open_items.drain(base..).collect();
        let end = items.last()?.span.end;
        Some(Node { kind: NodeKind::Seq(items), span: Span::from_range(start..end as usize) })
    }

    /// The node after a `- ` on the same line: a compact sequence or mapping, or a scalar.
    fn inline_node(&mut self, index: usize, at: usize, depth: usize) -> Option<Node> {
        let line_end = self.line(index).end;
        if self.is_dash(at, line_end) {
            return self.block_seq(index, at, depth, false);
        }
        if self.key(at, line_end).is_some() {
            return self.block_map(index, at, depth);
        }
        self.scalar_or_flow(at, line_end, depth)
    }

    /// A key at `at` and the offset of its `:`.
    fn key(&self, at: usize, line_end: usize) -> Option<(Node, usize)> {
        let first = self.byte(at)?;
        if first == b'\'' || first == b'"' {
            let (node, after) = self.quoted(at, line_end)?;
            let colon = self.skip_spaces(after, line_end);
            let spaced = colon + 1 >= line_end || self.byte(colon + 1) == Some(b' ');
            return (self.byte(colon) == Some(b':') && spaced && after.saturating_sub(at) <= MAX_KEY_LEN)
                .then_some((node, colon));
        }
        if is_indicator(first) {
            return None;
        }
        let line = self.bytes.get(at..line_end)?;
        let mut from = 0;
        let colon = loop {
            let i = from + memchr::memchr2(b':', b'#', line.get(from..)?)?;
            match line.get(i + 1) {
                // A `#` may start a comment: leave such lines to granit.
                _ if line[i] == b'#' => return None,
                None | Some(b' ') => break at + i,
                Some(_) => from = i + 1,
            }
        };
        let text = self.src.get(at..colon)?.trim_end_matches(' ');
        if text.is_empty() || text.len() > MAX_KEY_LEN {
            return None;
        }
        Some((plain(text, at), colon))
    }

    /// A scalar or flow sequence value at `at`, which must end the line (a comment aside).
    fn scalar_or_flow(&mut self, at: usize, line_end: usize, depth: usize) -> Option<Node> {
        let first = self.byte(at)?;
        match first {
            b'\'' | b'"' => {
                let (node, after) = self.quoted(at, line_end)?;
                self.line_tail(after, line_end)?;
                Some(node)
            }
            b'[' => self.flow_seq(at, line_end, depth),
            // `-1` is a plain scalar; `- ` would be a block entry.
            b'-' if !self.is_dash(at, line_end) => self.plain_value(at, line_end),
            _ if is_indicator(first) => None,
            _ => self.plain_value(at, line_end),
        }
    }

    /// A plain scalar running to the end of the line or to a ` #` comment.
    fn plain_value(&mut self, at: usize, line_end: usize) -> Option<Node> {
        let line = self.bytes.get(at..line_end)?;
        // A comment starts at a `#` after a space.
        let end = memchr::memchr_iter(b'#', line).find(|&i| i > 0 && line[i - 1] == b' ').map_or(line_end, |i| at + i);
        let text = self.src.get(at..end)?.trim_end_matches(' ');
        // `: ` inside would make it a mapping on one line (an error); granit reports it.
        let bytes = text.as_bytes();
        if memchr::memchr_iter(b':', bytes).any(|i| bytes.get(i + 1).is_none_or(|&b| b == b' ')) {
            return None;
        }
        if end < line_end {
            self.comment(end, line_end);
        }
        Some(plain(text, at))
    }

    /// A flow sequence of scalars on one line, `[` at `at`.
    fn flow_seq(&mut self, at: usize, line_end: usize, depth: usize) -> Option<Node> {
        if depth > self.max_depth {
            return None;
        }
        let mut items = Vec::new();
        let mut i = at + 1;
        loop {
            i = self.skip_spaces(i, line_end);
            let first = self.byte(i).filter(|_| i < line_end)?;
            if first == b']' && items.is_empty() {
                break;
            }
            let item = if first == b'\'' || first == b'"' {
                let (node, after) = self.quoted(i, line_end)?;
                i = after;
                node
            } else {
                let (node, after) = self.flow_plain(i, line_end)?;
                i = after;
                node
            };
            check_yaml11_boolean(&item, self.src, &mut self.doc.diagnostics);
            items.push(item);
            i = self.skip_spaces(i, line_end);
            match self.byte(i).filter(|_| i < line_end)? {
                b',' => i += 1,
                b']' => break,
                _ => return None,
            }
        }
        let end = i + 1;
        self.line_tail(end, line_end)?;
        Some(Node { kind: NodeKind::Seq(items), span: Span::from_range(at..end) })
    }

    /// A plain scalar inside a flow sequence: up to `,` or `]`, with a conservative alphabet.
    fn flow_plain(&self, at: usize, line_end: usize) -> Option<(Node, usize)> {
        let first = self.byte(at)?;
        if is_indicator(first) && !(first == b'-' && self.byte(at + 1).is_some_and(|b| b.is_ascii_alphanumeric())) {
            return None;
        }
        let mut i = at;
        while i < line_end {
            match self.byte(i)? {
                b',' | b']' => break,
                b'[' | b'{' | b'}' | b'#' | b':' | b'\'' | b'"' => return None,
                _ => i += 1,
            }
        }
        if i >= line_end {
            return None;
        }
        let text = self.src.get(at..i)?.trim_end_matches(' ');
        Some((plain(text, at), i))
    }

    /// A single- or double-quoted scalar closed on its line; the node and the offset after it.
    fn quoted(&self, at: usize, line_end: usize) -> Option<(Node, usize)> {
        let quote = self.byte(at)?;
        let mut value = CompactString::default();
        let mut segment = at + 1;
        let mut i = at + 1;
        loop {
            if i >= line_end {
                return None;
            }
            let b = self.byte(i)?;
            if b == quote {
                value.push_str(self.src.get(segment..i)?);
                if quote == b'\'' && self.byte(i + 1) == Some(b'\'') && i + 1 < line_end {
                    value.push('\'');
                    i += 2;
                    segment = i;
                    continue;
                }
                break;
            }
            if quote == b'"' && b == b'\\' {
                value.push_str(self.src.get(segment..i)?);
                let (c, len) = self.escape(i + 1, line_end)?;
                value.push(c);
                i += 1 + len;
                segment = i;
                continue;
            }
            i += 1;
        }
        let style = if quote == b'\'' { ScalarStyle::SingleQuoted } else { ScalarStyle::DoubleQuoted };
        let node =
            Node { kind: NodeKind::Scalar(Scalar { value, style, tag: None }), span: Span::from_range(at..i + 1) };
        Some((node, i + 1))
    }

    /// The character a double-quoted escape stands for (after the `\` at `at - 1`) and the
    /// length of the escape after the backslash.
    fn escape(&self, at: usize, line_end: usize) -> Option<(char, usize)> {
        if at >= line_end {
            return None;
        }
        let c = match self.byte(at)? {
            b'0' => '\0',
            b'a' => '\u{7}',
            b'b' => '\u{8}',
            b't' => '\t',
            b'n' => '\n',
            b'v' => '\u{b}',
            b'f' => '\u{c}',
            b'r' => '\r',
            b'e' => '\u{1b}',
            b' ' => ' ',
            b'"' => '"',
            b'/' => '/',
            b'\\' => '\\',
            b'N' => '\u{85}',
            b'_' => '\u{a0}',
            b'L' => '\u{2028}',
            b'P' => '\u{2029}',
            kind @ (b'x' | b'u' | b'U') => {
                let digits = match kind {
                    b'x' => 2,
                    b'u' => 4,
                    _ => 8,
                };
                let hex = self.src.get(at + 1..at + 1 + digits).filter(|_| at + digits < line_end)?;
                if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
                    return None;
                }
                let c = char::from_u32(u32::from_str_radix(hex, 16).ok()?)?;
                return Some((c, 1 + digits));
            }
            _ => return None,
        };
        Some((c, 1))
    }
}

fn plain(text: &str, at: usize) -> Node {
    Node {
        kind: NodeKind::Scalar(Scalar { value: CompactString::from(text), style: ScalarStyle::Plain, tag: None }),
        span: Span::from_range(at..at + text.len()),
    }
}

/// The null of an empty value, as granit reports it (`~`, zero-width).
fn empty(at: usize) -> Node {
    Node {
        kind: NodeKind::Scalar(Scalar { value: CompactString::const_new("~"), style: ScalarStyle::Plain, tag: None }),
        span: Span::from_range(at..at),
    }
}
