//! Byte spans into the source text and their conversion to line:column positions.
//!
//! Every node of the YAML tree, the model and the expression AST carries a [`Span`] of byte
//! offsets into the original document. Line and column are computed on demand through a
//! [`LineIndex`], in the unit each consumer needs: characters for the CLI, UTF-16 code units for
//! browser editors.

use serde::{Deserialize, Serialize};

/// A half-open range `start..end` of byte offsets into the source text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub const fn new(start: u32, end: u32) -> Self {
        Self { start, end }
    }

    /// A zero-width span at `offset`.
    pub const fn empty(offset: u32) -> Self {
        Self { start: offset, end: offset }
    }

    pub fn from_range(range: std::ops::Range<usize>) -> Self {
        Self { start: clamp_u32(range.start), end: clamp_u32(range.end) }
    }

    pub const fn len(self) -> u32 {
        self.end.saturating_sub(self.start)
    }

    pub const fn is_empty(self) -> bool {
        self.end <= self.start
    }

    pub fn range(self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }

    /// The smallest span that covers both.
    pub fn cover(self, other: Span) -> Span {
        Span { start: self.start.min(other.start), end: self.end.max(other.end) }
    }

    pub fn contains(self, offset: u32) -> bool {
        self.start <= offset && offset < self.end
    }

    /// The text this span covers, or `""` when it is out of bounds or not on char boundaries.
    pub fn slice(self, source: &str) -> &str {
        source.get(self.range()).unwrap_or("")
    }

    /// A span relative to this one: `self.start + offset .. self.start + offset + len`.
    pub fn sub(self, offset: u32, len: u32) -> Span {
        let start = self.start.saturating_add(offset);
        Span { start, end: start.saturating_add(len) }
    }
}

fn clamp_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// A position in the text. `line` is 1-based; columns are 1-based in their unit.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Position {
    pub line: u32,
    /// Column in Unicode scalar values (characters), 1-based. Used by the CLI and SARIF.
    pub column: u32,
    /// Column in UTF-16 code units, 1-based. Used by browser editors.
    pub column_utf16: u32,
    /// Byte offset into the source.
    pub offset: u32,
}

/// Precomputed line starts of a source text, for byte offset → line:column conversion.
#[derive(Clone, Debug)]
pub struct LineIndex {
    line_starts: Vec<u32>,
    len: u32,
}

impl LineIndex {
    pub fn new(source: &str) -> Self {
        let mut line_starts = vec![0u32];
        line_starts.extend(memchr::memchr_iter(b'\n', source.as_bytes()).map(|i| clamp_u32(i + 1)));
        Self { line_starts, len: clamp_u32(source.len()) }
    }

    /// 0-based line number of a byte offset.
    pub fn line_of(&self, offset: u32) -> usize {
        match self.line_starts.binary_search(&offset) {
            Ok(line) => line,
            Err(next) => next.saturating_sub(1),
        }
    }

    /// Byte offset where a 0-based line starts.
    pub fn line_start(&self, line: usize) -> u32 {
        self.line_starts.get(line).copied().unwrap_or(self.len)
    }

    /// Byte range of a 0-based line without its line break.
    pub fn line_span(&self, source: &str, line: usize) -> Span {
        let start = self.line_start(line);
        let mut end = self.line_starts.get(line + 1).copied().unwrap_or(self.len);
        let bytes = source.as_bytes();
        // Only the line break (`\n` or `\r\n`): other `\r`s are text, as in `line_of`/`position`
        // (stripping them all broke `offset_of(position(o)) == o`; found by fuzzing).
        if end > start && bytes.get(end as usize - 1) == Some(&b'\n') {
            end -= 1;
            if end > start && bytes.get(end as usize - 1) == Some(&b'\r') {
                end -= 1;
            }
        }
        Span::new(start, end)
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// Converts a byte offset to a position. Offsets inside a multi-byte character are moved
    /// back to the character's start; offsets past the end are clamped.
    pub fn position(&self, source: &str, offset: u32) -> Position {
        let mut offset = offset.min(self.len);
        while offset > 0 && !source.is_char_boundary(offset as usize) {
            offset -= 1;
        }
        let line = self.line_of(offset);
        let start = self.line_start(line);
        let prefix = source.get(start as usize..offset as usize).unwrap_or("");
        let column = prefix.chars().count() as u32 + 1;
        let column_utf16 = prefix.encode_utf16().count() as u32 + 1;
        Position { line: line as u32 + 1, column, column_utf16, offset }
    }

    /// Byte offset of a 1-based line and 1-based character column (clamped to the line).
    pub fn offset_of(&self, source: &str, line: u32, column: u32) -> u32 {
        let line_idx = (line.max(1) - 1) as usize;
        let span = self.line_span(source, line_idx);
        let text = span.slice(source);
        let skip = column.max(1) as usize - 1;
        let within = text.char_indices().nth(skip).map(|(i, _)| i).unwrap_or(text.len());
        span.start + within as u32
    }

    /// Byte offset of a 0-based line and 0-based UTF-16 column, as the Language Server Protocol
    /// and browser editors count (clamped to the line; a column inside a surrogate pair moves to
    /// the character's start).
    pub fn offset_of_utf16(&self, source: &str, line: u32, column_utf16: u32) -> u32 {
        if line as usize >= self.line_count() {
            return self.len;
        }
        let span = self.line_span(source, line as usize);
        span.start + utf16_to_byte(span.slice(source), column_utf16 as usize) as u32
    }
}

/// The byte offset of a UTF-16 offset into `text` (clamped to its end; an offset inside a
/// surrogate pair moves to the character's start).
pub fn utf16_to_byte(text: &str, utf16: usize) -> usize {
    let mut units = 0;
    for (i, c) in text.char_indices() {
        units += c.len_utf16();
        if units > utf16 {
            return i;
        }
    }
    text.len()
}

/// The UTF-16 offset of a byte offset into `text` (a byte inside a character counts from its start).
pub fn byte_to_utf16(text: &str, byte: usize) -> usize {
    let mut byte = byte.min(text.len());
    while !text.is_char_boundary(byte) {
        byte -= 1;
    }
    text[..byte].encode_utf16().count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_round_trip_on_lines_with_stray_carriage_returns() {
        // fuzz/regressions/yaml_model/stray-carriage-returns.yaml: a last line of lone `\r`s.
        let src = "a: 1\r\n\r\r\r\r";
        let index = LineIndex::new(src);
        assert_eq!(index.line_span(src, 0), Span::new(0, 4));
        assert_eq!(index.line_span(src, 1), Span::new(6, 10));
        // Every offset but the `\n` of `\r\n` (which clamps to the end of its line).
        for offset in (0..=src.len() as u32).filter(|&o| o != 5) {
            let p = index.position(src, offset);
            assert_eq!(index.offset_of(src, p.line, p.column), offset, "{p:?}");
        }
    }

    #[test]
    fn positions_count_chars_and_utf16_units() {
        let src = "a: 1\nname: 调用函数😀x\n";
        let idx = LineIndex::new(src);
        let x = src.find('x').unwrap() as u32;
        let pos = idx.position(src, x);
        assert_eq!(pos.line, 2);
        assert_eq!(pos.column, 12); // "name: " (6) + 4 Han + 1 emoji = 11 chars before
        assert_eq!(pos.column_utf16, 13); // emoji is two UTF-16 units
    }

    #[test]
    fn offset_inside_a_char_moves_to_its_start() {
        let src = "调";
        let idx = LineIndex::new(src);
        assert_eq!(idx.position(src, 1).offset, 0);
        assert_eq!(idx.position(src, 99).offset, 3);
    }

    #[test]
    fn utf16_offsets_convert_both_ways() {
        let src = "a: 😀开\r\nb: x";
        let idx = LineIndex::new(src);
        // `开` is at UTF-16 column 5 of line 0 (the emoji counts two).
        assert_eq!(idx.offset_of_utf16(src, 0, 5), src.find('开').unwrap() as u32);
        // Inside the surrogate pair: the emoji's start.
        assert_eq!(idx.offset_of_utf16(src, 0, 4), src.find('😀').unwrap() as u32);
        // Past the end of a line: its end, before the `\r\n`.
        assert_eq!(idx.offset_of_utf16(src, 0, 99), src.find('\r').unwrap() as u32);
        assert_eq!(idx.offset_of_utf16(src, 1, 3), src.find('x').unwrap() as u32);
        assert_eq!(idx.offset_of_utf16(src, 1, 4), src.len() as u32);
        assert_eq!(idx.offset_of_utf16(src, 7, 0), src.len() as u32, "a line past the end");
        let x = src.find('x').unwrap();
        assert_eq!(byte_to_utf16(src, x), 11);
        assert_eq!(utf16_to_byte(src, 11), x);
        assert_eq!(byte_to_utf16(src, src.find('😀').unwrap() + 1), 3, "inside a character");
        assert_eq!(utf16_to_byte(src, 999), src.len());
    }

    #[test]
    fn line_span_excludes_crlf() {
        let src = "ab\r\ncd";
        let idx = LineIndex::new(src);
        assert_eq!(idx.line_span(src, 0).slice(src), "ab");
        assert_eq!(idx.line_span(src, 1).slice(src), "cd");
        assert_eq!(idx.offset_of(src, 2, 2), 5);
    }
}
