//! A fast path for the YAML most workflows are written in: a hand-written line scanner that
//! builds exactly the [`YamlDocument`] the granit path builds (same tree, spans, scalar styles,
//! comments and diagnostics), or gives up.
//!
//! Why: linting a 1,000-state workflow has a 5 ms budget, and granit-parser alone takes longer
//! than that on such a document. granit stays the reference and the fallback: this scanner
//! returns `None` ("not sure, use the full parser") as soon as it meets anything outside its
//! subset, so it never has to reproduce granit's error reporting or its rarer corners.
//!
//! The subset, one document indented with spaces:
//! - block mappings with plain or one-line quoted keys (`key: value`, `key:`);
//! - block sequences (`- item`), including compact `- key: value` mappings, compact nested
//!   sequences (`- - x`) and sequences at their key's indentation;
//! - plain, single- and double-quoted scalars, also over several lines (keys on one line);
//!   any value alone on the lines below its key or `-`;
//! - literal and folded block scalars (`|`, `>`, with a chomping indicator `-` or `+`);
//! - flow sequences and mappings, nested, also over several lines (`[a, {b: 'c'}]`, `{}`);
//! - anchors on values and aliases as values (`&name`, `*name`), expanded as granit expands
//!   them, within the same alias budget; tags on values (`!!str`, `!local`);
//! - a `---` before the content (and, read alone, a second document: FDL-P007);
//! - empty values and items, full-line and trailing `# comments`; LF or CRLF line breaks; a
//!   byte order mark at the start.
//!
//! Everything else is refused: tabs, lone CRs, control characters, a byte order mark after the
//! start, plain continuation lines starting with an indicator, plain scalars over several lines
//! inside flow collections, block scalars with an indentation indicator or no content, anchors,
//! aliases and tags on keys or in flow collections, verbatim tags, `?` keys, `...` and
//! directives, nesting near the depth limit, and any indentation that would be an error.
//!
//! A refusal says where and why ([`Refusal`]): a build without granit (the embed package, for
//! its size budget) reports it as the document's syntax error.

use super::parse::{Comment, ParseLimits, YamlDocument, check_duplicate_keys, check_yaml11_boolean};
use super::tree::{Entry, Node, NodeKind, Scalar, ScalarStyle};
use crate::span::Span;
use compact_str::CompactString;
use std::cell::Cell;

/// The scanner recurses once per nesting level: a bound of its own, whatever the caller's limit.
const MAX_DEPTH: usize = 48;

/// Levels kept clear of `max_depth`, so granit alone reports (and locates) excessive nesting.
const DEPTH_MARGIN: usize = 4;

/// Longest plain or quoted key accepted (YAML limits implicit keys to 1,024 characters).
const MAX_KEY_LEN: usize = 1000;

/// Where the scanner stopped reading and why: granit takes over, or (in a build without granit)
/// it is reported as the document's syntax error.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Refusal {
    /// A collection nested deeper than the limit starts at this offset (FDL-P005).
    TooDeep(usize),
    /// The alias at this range would take alias expansion over its budget (FDL-P006).
    AliasBudget(usize, usize),
    /// At this offset: what the scanner met, phrased to complete "cannot read this YAML: …".
    Unreadable(usize, &'static str),
}

/// The depth limit the scanner enforces itself when granit is not there to report it: its
/// recursion needs a bound of its own whatever the caller's limit.
pub(crate) const MAX_DEPTH_ALONE: usize = 128;

/// Parses `source` when it is inside the subset; otherwise says where and why it stopped.
/// `alone`: no full parser follows, so the scanner enforces the depth limit itself (with granit
/// it leaves a margin, so that granit reports and locates excessive nesting).
pub(crate) fn parse(source: &str, limits: ParseLimits, alone: bool) -> Result<YamlDocument, Refusal> {
    if let Some(at) = disallowed_character(source) {
        return Err(Refusal::Unreadable(at, character_reason(source, at)));
    }
    let Lines { lines, leading_marker, second_document } = split_lines(source, alone)?;
    let max_depth = if alone {
        limits.max_depth.min(MAX_DEPTH_ALONE)
    } else {
        limits.max_depth.saturating_sub(DEPTH_MARGIN).min(MAX_DEPTH)
    };
    // A second document is not read: the scanner sees the text up to its `---`.
    let first_document = source.get(..second_document.unwrap_or(source.len())).unwrap_or(source);
    let mut scanner = Scanner {
        src: first_document,
        bytes: first_document.as_bytes(),
        lines,
        next: 0,
        max_depth,
        doc: YamlDocument::default(),
        open_entries: Vec::new(),
        open_items: Vec::new(),
        refusal: Cell::new(None),
        anchors: Vec::new(),
        alias_nodes: 0,
        max_alias_nodes: limits.max_alias_nodes,
    };
    if let Some(first) = scanner.next_content() {
        let Some(root) = scanner.block_node(first, scanner.content_start(first), 1) else {
            return Err(scanner.refusal());
        };
        // Content after the root node (less indented than it) is an error: granit reports it.
        if let Some(n) = scanner.next_content() {
            return Err(Refusal::Unreadable(scanner.content_start(n), LESS_INDENTED));
        }
        scanner.doc.root = Some(root);
    } else if let Some(marker) = leading_marker {
        // granit reads `---` alone as a document holding null.
        return Err(Refusal::Unreadable(marker, "a `---` with no document after it"));
    }
    if let Some(marker) = second_document {
        scanner.doc.diagnostics.push(super::parse::second_document(source, marker as u32, marker as u32 + 3));
    }
    Ok(scanner.doc)
}

const LESS_INDENTED: &str = "this line is less indented than the document's first line";
const NEVER_CLOSED: &str = "a flow collection (`[…]` or `{…}`) never closed: the text ends inside it";
const OVER_INDENTED: &str = "this line's indentation matches no enclosing block";

/// The offset of the first character whose treatment (line breaks other than LF and CRLF, BOM,
/// tabs, non-printable characters) is granit's business.
fn disallowed_character(source: &str) -> Option<usize> {
    let bytes = source.as_bytes();
    // A fold without an early exit, so the compiler can vectorise it.
    let control =
        bytes.iter().fold(false, |found, &b| found | ((b < b' ') & (b != b'\n') & (b != b'\r')) | (b == 0x7f));
    if control {
        return bytes.iter().position(|&b| (b < b' ' && b != b'\n' && b != b'\r') || b == 0x7f);
    }
    // A carriage return only as part of a CRLF line break.
    if let Some(cr) = memchr::memchr_iter(b'\r', bytes).find(|&i| bytes.get(i + 1) != Some(&b'\n')) {
        return Some(cr);
    }
    if source.is_ascii() {
        return None;
    }
    // A byte order mark is allowed at the start (granit skips it), nowhere else.
    source
        .char_indices()
        .skip(usize::from(source.starts_with('\u{feff}')))
        .find(|(_, c)| {
            matches!(c, '\u{80}'..='\u{9f}' | '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}')
        })
        .map(|(i, _)| i)
}

fn character_reason(source: &str, at: usize) -> &'static str {
    match source.get(at..).and_then(|rest| rest.chars().next()) {
        Some('\t') => "a tab character (the embedded validator reads YAML indented and separated with spaces)",
        Some('\r') => "a carriage return without a line feed (the embedded validator reads LF and CRLF line breaks)",
        Some('\u{feff}') => "a byte order mark (U+FEFF)",
        Some('\u{2028}' | '\u{2029}') => "a Unicode line or paragraph separator",
        _ => "a control or non-printable character, which YAML does not allow in a document",
    }
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
    /// Offset of its line break (`\n`, or the `\r` of `\r\n`), or the end of the text.
    end: usize,
    /// Leading spaces.
    indent: usize,
    kind: LineKind,
}

/// The text's lines, and the offset of a `---` that starts a second document (only when `alone`;
/// with granit, which then also reports syntax errors in the rest, such a text is refused).
struct Lines {
    lines: Vec<Line>,
    /// The offset of a `---` before the content.
    leading_marker: Option<usize>,
    second_document: Option<usize>,
}

/// Splits the text into lines. A `---` before any content is skipped (with its comment); `...`
/// and directives are refused.
fn split_lines(source: &str, alone: bool) -> Result<Lines, Refusal> {
    const MARKERS: &str = "a document marker (`---`, `...`) or a directive here; a workflow is one YAML document";
    let bytes = source.as_bytes();
    let mut lines = Vec::with_capacity(bytes.len() / 24 + 1);
    // The first line starts after a byte order mark.
    let mut start = if source.starts_with('\u{feff}') { '\u{feff}'.len_utf8() } else { 0 };
    // Content or a `---` seen: a `---` from then on starts a second document.
    let mut document_started = false;
    let mut leading_marker = None;
    while start <= bytes.len() {
        let newline =
            bytes.get(start..).and_then(|rest| memchr::memchr(b'\n', rest)).map_or(bytes.len(), |i| start + i);
        let end = if newline > start && bytes.get(newline - 1) == Some(&b'\r') { newline - 1 } else { newline };
        let text = bytes.get(start..end).unwrap_or_default();
        let mut indent = text.iter().take_while(|&&b| b == b' ').count();
        if text.starts_with(b"---") || text.starts_with(b"...") || text.starts_with(b"%") {
            // `---` alone (a comment aside), or text that merely starts with dashes.
            let rest = text.get(3..).unwrap_or_default();
            let spaces = rest.iter().take_while(|&&b| b == b' ').count();
            let marker = text.starts_with(b"---") && (rest.is_empty() || rest.first() == Some(&b' '));
            if marker && document_started && alone {
                // The text ends here for the scanner, as it would at the end of the text.
                lines.push(Line { start, end: start, indent: 0, kind: LineKind::Blank });
                return Ok(Lines { lines, leading_marker, second_document: Some(start) });
            }
            if !(marker && !document_started && (spaces == rest.len() || rest.get(spaces) == Some(&b'#'))) {
                if text.starts_with(b"---") && !marker {
                    // `---x` is a plain scalar: within the subset only as a key or value, not here.
                    return Err(Refusal::Unreadable(start, "a line starting with `---`"));
                }
                return Err(Refusal::Unreadable(start, MARKERS));
            }
            indent = 3 + spaces;
            document_started = true;
            leading_marker = Some(start);
        }
        let kind = match text.get(indent) {
            None => LineKind::Blank,
            Some(b'#') => LineKind::Comment,
            Some(_) => LineKind::Content,
        };
        document_started |= kind == LineKind::Content;
        lines.push(Line { start, end, indent, kind });
        start = newline + 1;
    }
    Ok(Lines { lines, leading_marker, second_document: None })
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
    /// Why the scanner stopped, recorded where it found out (the innermost call).
    refusal: Cell<Option<Refusal>>,
    /// Anchored nodes by name, latest last (a later anchor of the same name wins).
    anchors: Vec<(&'s str, Node)>,
    /// Nodes created by alias expansion so far, against `max_alias_nodes` (alias bombs).
    alias_nodes: usize,
    max_alias_nodes: usize,
}

impl<'s> Scanner<'s> {
    /// Records why reading stops at `at`; always `None`, for `return self.refuse(…)`.
    fn refuse<T>(&self, at: usize, reason: &'static str) -> Option<T> {
        self.refusal.set(Some(Refusal::Unreadable(at, reason)));
        None
    }

    fn too_deep<T>(&self, at: usize) -> Option<T> {
        self.refusal.set(Some(Refusal::TooDeep(at)));
        None
    }

    /// The recorded refusal, or the line being read when none was recorded.
    fn refusal(&self) -> Refusal {
        self.refusal.get().unwrap_or_else(|| {
            Refusal::Unreadable(self.content_start(self.next.saturating_sub(1)), "unexpected content")
        })
    }

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

    /// A block mapping or sequence whose first line is `index`, starting at offset `at`.
    fn block_node(&mut self, index: usize, at: usize, depth: usize) -> Option<Node> {
        let end = self.line(index).end;
        if self.is_dash(at, end) {
            self.block_seq(index, at, depth, false)
        } else {
            self.block_map(index, at, depth, None)
        }
    }

    /// A block mapping whose first key is at `at` on line `index` (`first_key`: that key and its
    /// colon, when the caller has read them already).
    fn block_map(
        &mut self,
        mut index: usize,
        mut at: usize,
        depth: usize,
        mut first_key: Option<(Node, usize)>,
    ) -> Option<Node> {
        if depth > self.max_depth {
            return self.too_deep(at);
        }
        let column = at.saturating_sub(self.line(index).start);
        let base = self.open_entries.len();
        loop {
            self.next = index + 1;
            let line_end = self.line(index).end;
            let Some((key, colon)) = first_key.take().or_else(|| self.key(at, line_end)) else {
                if self.refusal.get().is_none() {
                    return self.refuse(at, "expected a `key: value` entry here");
                }
                return None;
            };
            let rest = self.skip_spaces(colon + 1, line_end);
            let value = if rest >= line_end || self.byte(rest) == Some(b'#') {
                if rest < line_end {
                    self.comment(rest, line_end);
                }
                match self.next_content() {
                    Some(n) if self.line(n).indent > column => self.node_below(n, column, depth + 1, true)?,
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
                self.value(index, rest, column, depth + 1, true)?
            };
            check_yaml11_boolean(&value, self.src, &mut self.doc.diagnostics);
            self.open_entries.push(Entry { key, value });
            match self.next_content() {
                Some(n) if self.line(n).indent == column => {
                    at = self.content_start(n);
                    if self.is_dash(at, self.line(n).end) {
                        return self.refuse(at, "a `- ` list item where a `key: value` entry was expected");
                    }
                    index = n;
                }
                // A continuation line (multi-line plain scalar) or bad indentation.
                Some(n) if self.line(n).indent > column => return self.refuse(self.content_start(n), OVER_INDENTED),
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
            return self.too_deep(at);
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
                self.node_at(index, rest, column, depth + 1, false)?
            } else {
                if rest < line_end {
                    self.comment(rest, line_end);
                }
                match self.next_content() {
                    Some(n) if self.line(n).indent > column => self.node_below(n, column, depth + 1, false)?,
                    // granit places an empty item at the end of the `-` line.
                    _ => empty(line_end),
                }
            };
            if self.open_items.len() == base && indentless {
                start = if inline { rest } else { line_end };
            }
            check_yaml11_boolean(&item, self.src, &mut self.doc.diagnostics);
            self.open_items.push(item);
            match self.next_content() {
                Some(n) if self.line(n).indent == column && self.is_dash(self.content_start(n), self.line(n).end) => {
                    index = n;
                    at = self.content_start(n);
                }
                Some(n) if self.line(n).indent > column => return self.refuse(self.content_start(n), OVER_INDENTED),
                _ => break,
            }
        }
        let items: Vec<Node> = self.open_items.drain(base..).collect();
        let end = items.last()?.span.end;
        Some(Node { kind: NodeKind::Seq(items), span: Span::from_range(start..end as usize) })
    }

    /// The node that starts line `index`, below its key or `-` (in a collection at `column`).
    fn node_below(&mut self, index: usize, column: usize, depth: usize, in_map: bool) -> Option<Node> {
        self.next = index + 1;
        self.node_at(index, self.content_start(index), column, depth, in_map)
    }

    /// The node starting at `at` on line `index` (after a `- `, or alone on its line): a block
    /// sequence or mapping, or a value. `column`: the enclosing collection's.
    fn node_at(&mut self, index: usize, at: usize, column: usize, depth: usize, in_map: bool) -> Option<Node> {
        let line_end = self.line(index).end;
        if self.is_dash(at, line_end) {
            return self.block_seq(index, at, depth, false);
        }
        // The item may be a scalar: no key there is no refusal.
        if let Some(key) = self.probe_key(at, line_end) {
            return self.block_map(index, at, depth, Some(key));
        }
        self.value(index, at, column, depth, in_map)
    }

    /// `key` as a test: where there is no key, no refusal is recorded.
    fn probe_key(&self, at: usize, line_end: usize) -> Option<(Node, usize)> {
        let recorded = self.refusal.get();
        let key = self.key(at, line_end);
        if key.is_none() {
            self.refusal.set(recorded);
        }
        key
    }

    /// A key at `at` and the offset of its `:`.
    fn key(&self, at: usize, line_end: usize) -> Option<(Node, usize)> {
        let first = self.byte(at)?;
        if first == b'\'' || first == b'"' {
            let (node, after) = self.quoted(at, line_end, false)?;
            let colon = self.skip_spaces(after, line_end);
            let spaced = colon + 1 >= line_end || self.byte(colon + 1) == Some(b' ');
            if self.byte(colon) != Some(b':') || !spaced {
                return self.refuse(colon, "expected `: ` after this quoted key");
            }
            if after.saturating_sub(at) > MAX_KEY_LEN {
                return self.refuse(at, "a key longer than 1,000 characters");
            }
            return Some((node, colon));
        }
        if is_indicator(first) {
            return self.refuse(at, indicator_reason(first));
        }
        let line = self.bytes.get(at..line_end)?;
        let mut from = 0;
        let colon = loop {
            let Some(i) = line.get(from..).and_then(|rest| memchr::memchr2(b':', b'#', rest)) else {
                return self.refuse(at, "expected a `key: value` entry here (a `:` followed by a space)");
            };
            let i = from + i;
            match line.get(i + 1) {
                // A `#` may start a comment: leave such lines to granit.
                _ if line[i] == b'#' => return self.refuse(at + i, "a `#` inside a key or before its `:`"),
                None | Some(b' ') => break at + i,
                Some(_) => from = i + 1,
            }
        };
        let text = self.src.get(at..colon)?.trim_end_matches(' ');
        if text.len() > MAX_KEY_LEN {
            return self.refuse(at, "a key longer than 1,000 characters");
        }
        if text.is_empty() {
            return self.refuse(at, "a `:` without a key");
        }
        Some((plain(text, at), colon))
    }

    /// The value at `at` on line `index` (after `key: ` or `- `), which must end the line (a
    /// comment aside): a block scalar, a flow collection, a scalar, an alias, or an anchored
    /// one of those or of the block on the next lines. `column`: the enclosing collection's
    /// (`in_map`: a mapping), which nested lines must be indented beyond.
    fn value(&mut self, index: usize, at: usize, column: usize, depth: usize, in_map: bool) -> Option<Node> {
        let line_end = self.line(index).end;
        let first = self.byte(at)?;
        match first {
            b'&' => self.anchored(index, at, column, depth, in_map),
            b'!' => self.tagged(index, at, column, depth, in_map),
            b'*' => {
                let (name, after) = self.anchor_name(at, line_end)?;
                self.line_tail(after, line_end)?;
                self.alias(name, at, after)
            }
            b'|' | b'>' => self.block_scalar(index, at, column),
            b'\'' | b'"' | b'[' | b'{' => {
                let (node, after) = self.flow_node(at, depth)?;
                if after <= line_end {
                    self.line_tail(after, line_end)?;
                } else {
                    // A flow collection over several lines: go on after the line it ends on.
                    let last = self.line_index_at(after - 1);
                    self.line_tail(after, self.line(last).end)?;
                    self.next = last + 1;
                }
                Some(node)
            }
            // `-1` is a plain scalar; `- ` would be a block entry.
            b'-' if !self.is_dash(at, line_end) => self.multi_line_plain(at, line_end, column),
            _ if is_indicator(first) => self.refuse(at, indicator_reason(first)),
            _ => self.multi_line_plain(at, line_end, column),
        }
    }

    /// The name of the anchor (`&name`) or alias (`*name`) at `at`, and the offset after it.
    fn anchor_name(&self, at: usize, line_end: usize) -> Option<(&'s str, usize)> {
        let start = at + 1;
        let mut end = start;
        while end < line_end && self.byte(end).is_some_and(|b| b.is_ascii_alphanumeric() || b"_-.".contains(&b)) {
            end += 1;
        }
        if end == start || (end < line_end && self.byte(end) != Some(b' ')) {
            return self
                .refuse(at, "an anchor or alias name with characters other than letters, digits, `_`, `-`, `.`");
        }
        Some((self.src.get(start..end)?, end))
    }

    /// The node anchored by the `&name` at `at`: the rest of the line, or the block below it.
    fn anchored(&mut self, index: usize, at: usize, column: usize, depth: usize, in_map: bool) -> Option<Node> {
        let line_end = self.line(index).end;
        let (name, after) = self.anchor_name(at, line_end)?;
        let rest = self.skip_spaces(after, line_end);
        let node = if rest >= line_end || self.byte(rest) == Some(b'#') {
            if rest < line_end {
                self.comment(rest, line_end);
            }
            match self.next_content() {
                Some(n) if self.line(n).indent > column => self.node_below(n, column, depth, in_map)?,
                Some(n)
                    if in_map
                        && self.line(n).indent == column
                        && self.is_dash(self.content_start(n), self.line(n).end) =>
                {
                    self.block_seq(n, self.content_start(n), depth, true)?
                }
                _ => return self.refuse(at, "an anchor on an empty value"),
            }
        } else if matches!(self.byte(rest), Some(b'&' | b'*' | b'!')) {
            return self.refuse(rest, "an anchor followed by another anchor, an alias or a tag");
        } else {
            self.value(index, rest, column, depth, in_map)?
        };
        self.anchors.push((name, node.clone()));
        Some(node)
    }

    /// The value after the tag at `at` (`!!str`, `!local`, `!`), on the same line. granit keeps a
    /// scalar's tag and drops a collection's.
    fn tagged(&mut self, index: usize, at: usize, column: usize, depth: usize, in_map: bool) -> Option<Node> {
        let line_end = self.line(index).end;
        let secondary = self.byte(at + 1) == Some(b'!');
        let name_start = at + 1 + usize::from(secondary);
        let mut name_end = name_start;
        while name_end < line_end
            && self.byte(name_end).is_some_and(|b| b.is_ascii_alphanumeric() || b"_-.".contains(&b))
        {
            name_end += 1;
        }
        let rest = self.skip_spaces(name_end, line_end);
        if (secondary && name_end == name_start) || rest == name_end || rest >= line_end {
            return self.refuse(at, "a tag other than `!!name`, `!name` or `!` before a value on its line");
        }
        if matches!(self.byte(rest), Some(b'&' | b'*' | b'!' | b'#')) {
            return self.refuse(rest, "a tag followed by an anchor, an alias, another tag or a comment");
        }
        let name = self.src.get(name_start..name_end)?;
        let mut node = self.value(index, rest, column, depth, in_map)?;
        if let NodeKind::Scalar(scalar) = &mut node.kind {
            // As granit names them: the core schema's seven by their name, other `!!` tags by
            // their URI, local tags as written.
            scalar.tag = Some(match name {
                "str" | "int" | "float" | "bool" | "null" | "map" | "seq" if secondary => name.to_owned(),
                _ if secondary => format!("tag:yaml.org,2002:{name}"),
                _ => format!("!{name}"),
            });
        }
        Some(node)
    }

    /// A copy of the node anchored as `name`, spanning the alias (`at..end`), as granit expands it.
    fn alias(&mut self, name: &str, at: usize, end: usize) -> Option<Node> {
        let Some((_, target)) = self.anchors.iter().rev().find(|(anchor, _)| *anchor == name) else {
            return self.refuse(at, "an alias to an anchor not defined before it");
        };
        self.alias_nodes = self.alias_nodes.saturating_add(target.count());
        if self.alias_nodes > self.max_alias_nodes {
            self.refusal.set(Some(Refusal::AliasBudget(at, end)));
            return None;
        }
        let mut node = target.clone();
        node.span = Span::from_range(at..end);
        Some(node)
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
        self.refuse(rest, "more text after a complete value on this line")
    }

    /// A plain scalar running to the end of the line or to a ` #` comment.
    /// A plain scalar's text on one line from `at`: the node, and whether a comment ended it.
    fn plain_line(&mut self, at: usize, line_end: usize) -> Option<(Node, bool)> {
        let line = self.bytes.get(at..line_end)?;
        // A comment starts at a `#` after a space.
        let end = memchr::memchr_iter(b'#', line).find(|&i| i > 0 && line[i - 1] == b' ').map_or(line_end, |i| at + i);
        let text = self.src.get(at..end)?.trim_end_matches(' ');
        // `: ` inside would make it a mapping on one line (an error); granit reports it.
        let bytes = text.as_bytes();
        if let Some(i) = memchr::memchr_iter(b':', bytes).find(|&i| bytes.get(i + 1).is_none_or(|&b| b == b' ')) {
            return self.refuse(at + i, "a `: ` inside a plain value (a mapping cannot start here); quote the value");
        }
        if end < line_end {
            self.comment(end, line_end);
        }
        Some((plain(text, at), end < line_end))
    }

    /// A plain scalar starting at `at` that may go on over the following lines indented beyond
    /// `column`: lines are joined with a space, blank lines between them become line breaks.
    fn multi_line_plain(&mut self, at: usize, line_end: usize, column: usize) -> Option<Node> {
        let (mut node, mut commented) = self.plain_line(at, line_end)?;
        let mut index = self.next;
        while !commented {
            let mut blank = 0;
            while index < self.lines.len() && self.line(index).kind == LineKind::Blank {
                blank += 1;
                index += 1;
            }
            let line = self.line(index);
            if index >= self.lines.len() || line.kind != LineKind::Content || line.indent <= column {
                break;
            }
            let start = line.start + line.indent;
            if self.byte(start).is_some_and(is_indicator) {
                return self.refuse(start, "a plain scalar's continuation line starting with an indicator");
            }
            if self.probe_key(start, line.end).is_some() {
                return self.refuse(
                    start,
                    "a `key: value` line continuing the plain value above it (check this line's indentation, \
                     and that the key above has a space after its `:`)",
                );
            }
            let (more, comment) = self.plain_line(start, line.end)?;
            let NodeKind::Scalar(scalar) = &mut node.kind else { return None };
            if blank == 0 {
                scalar.value.push(' ');
            }
            push_breaks(&mut scalar.value, blank);
            scalar.value.push_str(more.as_str()?);
            node.span.end = more.span.end;
            commented = comment;
            index += 1;
            self.next = index;
        }
        Some(node)
    }

    /// A literal (`|`) or folded (`>`) block scalar whose indicator is at `at` on line `index`,
    /// in a collection at `column`. Builds the value and the span exactly as granit does.
    fn block_scalar(&mut self, index: usize, at: usize, column: usize) -> Option<Node> {
        let folded = self.byte(at) == Some(b'>');
        let line_end = self.line(index).end;
        let chomp = match self.byte(at + 1).filter(|_| at + 1 < line_end) {
            Some(b'-') => Chomp::Strip,
            Some(b'+') => Chomp::Keep,
            _ => Chomp::Clip,
        };
        let header_end = at + 1 + usize::from(chomp != Chomp::Clip);
        if self.byte(header_end).is_some_and(|b| b.is_ascii_digit()) && header_end < line_end {
            return self.refuse(header_end, "a block scalar with an indentation indicator");
        }
        if header_end < line_end && self.byte(header_end) != Some(b' ') {
            return self.refuse(header_end, "unexpected text after a block scalar's `|` or `>`");
        }
        self.line_tail(header_end, line_end)?;
        // The content's indentation: that of its first non-empty line.
        let mut first = index + 1;
        let mut widest_blank = 0;
        while first < self.lines.len() && self.line(first).kind == LineKind::Blank && !self.is_last_line(first) {
            widest_blank = widest_blank.max(self.line(first).indent);
            first += 1;
        }
        let indent = self.line(first).indent;
        if first >= self.lines.len() || self.is_last_line(first) && self.line(first).kind == LineKind::Blank {
            return self.refuse(at, "a block scalar without content");
        }
        if indent <= column {
            return self.refuse(at, "a block scalar without content (its lines must be indented)");
        }
        if widest_blank > indent {
            return self.refuse(
                self.line(first).start,
                "a blank line before a block scalar's first line is indented more than that line",
            );
        }
        let mut value = CompactString::default();
        let mut trailing_breaks = first - index - 1;
        let mut leading_break = false;
        let mut leading_blank = false;
        let mut line_index = first;
        loop {
            let line = self.line(line_index);
            let text = self.src.get(line.start + indent..line.end)?;
            let trailing_blank = text.starts_with(' ');
            if folded && leading_break && !leading_blank && !trailing_blank {
                if trailing_breaks == 0 {
                    value.push(' ');
                }
            } else if leading_break {
                value.push('\n');
            }
            push_breaks(&mut value, trailing_breaks);
            trailing_breaks = 0;
            leading_blank = trailing_blank;
            value.push_str(text);
            if self.is_last_line(line_index) {
                line_index += 1;
                break;
            }
            leading_break = true;
            line_index += 1;
            // Empty lines (no more spaces than the indentation), then a content line or the end.
            while line_index < self.lines.len()
                && self.line(line_index).kind == LineKind::Blank
                && self.line(line_index).indent <= indent
                && !self.is_last_line(line_index)
            {
                trailing_breaks += 1;
                line_index += 1;
            }
            let next = self.line(line_index);
            let is_content = line_index < self.lines.len()
                && !(self.is_last_line(line_index) && next.start == next.end)
                && next.indent >= indent
                && (next.kind != LineKind::Blank || next.indent > indent);
            if !is_content {
                break;
            }
        }
        // granit ends clip and keep with a line break even at the end of the text.
        if chomp != Chomp::Strip {
            value.push('\n');
        }
        if chomp == Chomp::Keep {
            push_breaks(&mut value, trailing_breaks);
        }
        // The span runs from the first content character to the next token's line, its
        // indentation included (or the end of the text).
        let end = if line_index < self.lines.len() {
            let next = self.line(line_index);
            if next.start == next.end && self.is_last_line(line_index) { next.start } else { next.start + next.indent }
        } else {
            self.bytes.len()
        };
        self.next = line_index;
        let start = self.line(first).start + indent;
        let style = if folded { ScalarStyle::Folded } else { ScalarStyle::Literal };
        Some(Node { kind: NodeKind::Scalar(Scalar { value, style, tag: None }), span: Span::from_range(start..end) })
    }

    /// Whether line `index` is the text's last (it has no line break after it).
    fn is_last_line(&self, index: usize) -> bool {
        index + 1 >= self.lines.len()
    }

    /// A flow node at `at`: a flow collection, a quoted scalar (on one line) or a plain scalar;
    /// the node and the offset after it.
    fn flow_node(&mut self, at: usize, depth: usize) -> Option<(Node, usize)> {
        match self.byte(at) {
            Some(b'[' | b'{') => self.flow_collection(at, depth),
            Some(b'\'' | b'"') => self.quoted(at, self.line_end_at(at), true),
            _ => self.flow_plain(at),
        }
    }

    /// The end of the line holding `at` (its `\n`, or the `\r` of `\r\n`, or the end of the text).
    fn line_end_at(&self, at: usize) -> usize {
        self.line(self.line_index_at(at)).end
    }

    /// The index of the line holding `at`.
    fn line_index_at(&self, at: usize) -> usize {
        self.lines.partition_point(|line| line.start <= at).saturating_sub(1)
    }

    /// Skips spaces, line breaks and comments between flow tokens (recording the comments when
    /// `record`); the offset of the next token.
    fn flow_space(&mut self, mut at: usize, record: bool) -> usize {
        loop {
            match self.byte(at) {
                Some(b' ' | b'\n' | b'\r') => at += 1,
                Some(b'#') if at > 0 && matches!(self.byte(at - 1), Some(b' ' | b'\n')) => {
                    let end = self.line_end_at(at);
                    if record {
                        self.comment(at, end);
                    }
                    at = end;
                }
                _ => return at,
            }
        }
    }

    /// The first byte of the next flow token after `at`, without recording comments.
    fn peek_flow_token(&self, mut at: usize) -> Option<u8> {
        loop {
            match self.byte(at)? {
                b' ' | b'\n' | b'\r' => at += 1,
                b'#' if at > 0 && matches!(self.byte(at - 1), Some(b' ' | b'\n')) => at = self.line_end_at(at),
                b => return Some(b),
            }
        }
    }

    /// A flow sequence or mapping, `[` or `{` at `at`, possibly over several lines.
    fn flow_collection(&mut self, at: usize, depth: usize) -> Option<(Node, usize)> {
        if depth > self.max_depth {
            return self.too_deep(at);
        }
        let is_map = self.byte(at) == Some(b'{');
        let close = if is_map { b'}' } else { b']' };
        let mut items = Vec::new();
        let mut entries = Vec::new();
        let mut i = at + 1;
        loop {
            i = self.flow_space(i, true);
            let Some(first) = self.byte(i) else {
                return self.refuse(at, NEVER_CLOSED);
            };
            if first == close && items.is_empty() && entries.is_empty() {
                break;
            }
            if is_map {
                let (key, after) = match first {
                    b'\'' | b'"' => self.quoted(i, self.line_end_at(i), false)?,
                    _ => self.flow_plain(i)?,
                };
                // The `:` must be on the key's line.
                let colon = self.skip_spaces(after, self.line_end_at(after));
                if self.byte(colon) != Some(b':') {
                    return self.refuse(colon, "expected `: ` after a key in a flow mapping");
                }
                let rest = self.flow_space(colon + 1, true);
                if rest == colon + 1 && rest < self.bytes.len() {
                    return self.refuse(rest, "expected a space after `:` in a flow mapping");
                }
                let value = match self.byte(rest) {
                    // granit places an empty value at the `:`.
                    Some(b',' | b'}') => {
                        i = rest;
                        empty(colon)
                    }
                    _ => {
                        let (value, after) = self.flow_node(rest, depth + 1)?;
                        i = after;
                        value
                    }
                };
                check_yaml11_boolean(&value, self.src, &mut self.doc.diagnostics);
                entries.push(Entry { key, value });
            } else {
                let (item, after) = self.flow_node(i, depth + 1)?;
                check_yaml11_boolean(&item, self.src, &mut self.doc.diagnostics);
                items.push(item);
                i = after;
            }
            i = self.flow_space(i, true);
            match self.byte(i) {
                Some(b',') => i += 1,
                Some(b) if b == close => break,
                None => return self.refuse(at, NEVER_CLOSED),
                _ => return self.refuse(i, "expected `,` or the closing bracket in a flow collection"),
            }
        }
        let end = i + 1;
        let span = Span::from_range(at..end);
        let node = if is_map {
            check_duplicate_keys(&entries, &mut self.doc.diagnostics);
            Node { kind: NodeKind::Map(entries), span }
        } else {
            Node { kind: NodeKind::Seq(items), span }
        };
        Some((node, end))
    }

    /// A plain scalar inside a flow collection: up to `,`, a closing bracket, a `: `, a comment
    /// or the end of its line (where the next token must end it: a plain scalar over several
    /// lines is refused), with a conservative alphabet.
    fn flow_plain(&self, at: usize) -> Option<(Node, usize)> {
        let first = self.byte(at)?;
        if is_indicator(first) && !(first == b'-' && self.byte(at + 1).is_some_and(|b| b.is_ascii_alphanumeric())) {
            return self.refuse(at, indicator_reason(first));
        }
        let mut i = at;
        loop {
            match self.byte(i) {
                None | Some(b',' | b']' | b'}' | b'\n' | b'\r') => break,
                Some(b':') if matches!(self.byte(i + 1), None | Some(b' ' | b',' | b']' | b'}' | b'\n' | b'\r')) => {
                    break;
                }
                Some(b'#') if i > at && self.byte(i - 1) == Some(b' ') => break,
                Some(b'[' | b'{' | b'#' | b'\'' | b'"') => {
                    return self.refuse(i, "a `[`, `{`, `#` or quote inside a plain scalar in a flow collection");
                }
                Some(_) => i += 1,
            }
        }
        if matches!(self.byte(i), Some(b'\n' | b'\r') | None) {
            match self.peek_flow_token(i) {
                Some(b',' | b']' | b'}' | b':') => {}
                None => return self.refuse(at, NEVER_CLOSED),
                Some(_) => return self.refuse(at, "a plain scalar in a flow collection going on over several lines"),
            }
        }
        let text = self.src.get(at..i)?.trim_end_matches(' ');
        Some((plain(text, at), i))
    }

    /// A single- or double-quoted scalar closed on its line; the node and the offset after it.
    fn quoted(&self, at: usize, mut line_end: usize, multi_line: bool) -> Option<(Node, usize)> {
        let quote = self.byte(at)?;
        let mut value = CompactString::default();
        let mut segment = at + 1;
        let mut i = at + 1;
        loop {
            if i >= line_end {
                if !multi_line || line_end >= self.bytes.len() {
                    return self.refuse(at, "a quoted scalar not closed (on its line, for a key)");
                }
                // A line break inside: trailing spaces go, the break folds into a space (or into
                // one line break per blank line after it).
                value.push_str(self.src.get(segment..i)?.trim_end_matches(' '));
                let (next, blank) = self.fold_break(at, line_end)?;
                if blank == 0 {
                    value.push(' ');
                }
                push_breaks(&mut value, blank);
                (i, segment, line_end) = (next, next, self.line_end_at(next));
                continue;
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
                if multi_line && i + 1 == line_end && line_end < self.bytes.len() {
                    // An escaped line break: no space, the next line's indentation goes.
                    let (next, blank) = self.fold_break(at, line_end)?;
                    if blank > 0 {
                        return self.refuse(i, "an escaped line break followed by blank lines");
                    }
                    (i, segment, line_end) = (next, next, self.line_end_at(next));
                    continue;
                }
                let Some((c, len)) = self.escape(i + 1, line_end) else {
                    return self.refuse(i, "an unknown or incomplete escape sequence in a double-quoted scalar");
                };
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

    /// After the line break at `line_end` inside the quoted scalar at `at`: the offset of the
    /// next line's first non-space character and the number of blank lines before it.
    fn fold_break(&self, at: usize, line_end: usize) -> Option<(usize, usize)> {
        let mut index = self.line_index_at(line_end);
        let mut blank = 0;
        loop {
            index += 1;
            let line = self.line(index);
            let first = self.skip_spaces(line.start, line.end);
            if first < line.end {
                return Some((first, blank));
            }
            if self.is_last_line(index) {
                return self.refuse(at, "a quoted scalar never closed: the text ends inside it");
            }
            blank += 1;
        }
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

#[derive(Clone, Copy, PartialEq, Eq)]
enum Chomp {
    Strip,
    Clip,
    Keep,
}

fn push_breaks(value: &mut CompactString, count: usize) {
    for _ in 0..count {
        value.push('\n');
    }
}

/// What a node starting with the indicator `first` is, for a refusal.
fn indicator_reason(first: u8) -> &'static str {
    match first {
        b'&' => "an anchor (`&`) on a key or in a flow collection, which the embedded validator does not read",
        b'*' => "an alias (`*`) as a key or in a flow collection, which the embedded validator does not read",
        b'!' => "a tag (`!`), which the embedded validator does not read",
        b'?' => "an explicit key (`?`), which the embedded validator does not read",
        b'@' | b'`' => "`@` and `` ` `` are reserved in YAML and cannot start a plain scalar; quote the value",
        b'|' | b'>' => "a block scalar (`|` or `>`) where only a flow value may stand",
        b'{' | b'[' => "a flow collection (`{` or `[`) where a key was expected",
        _ => "this character cannot start a plain scalar; quote the value",
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
