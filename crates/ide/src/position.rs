//! Byte offsets ↔ the Language Server Protocol's positions (0-based line, 0-based column in
//! UTF-16 code units), on top of fdl's [`LineIndex`] (the one line index of the project).

use fdl::{LineIndex, Span};

/// A 0-based line and a 0-based column in UTF-16 code units.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct LineCol {
    pub line: u32,
    pub character: u32,
}

/// A document's text with its line index, for converting positions both ways.
#[derive(Clone, Debug)]
pub struct LineMap {
    index: LineIndex,
}

impl LineMap {
    pub fn new(source: &str) -> Self {
        Self { index: LineIndex::new(source) }
    }

    pub fn from_index(index: LineIndex) -> Self {
        Self { index }
    }

    pub fn index(&self) -> &LineIndex {
        &self.index
    }

    /// The position of a byte offset (clamped to the text).
    pub fn line_col(&self, source: &str, offset: u32) -> LineCol {
        let p = self.index.position(source, offset);
        LineCol { line: p.line - 1, character: p.column_utf16 - 1 }
    }

    /// The start and end positions of a span.
    pub fn range(&self, source: &str, span: Span) -> (LineCol, LineCol) {
        (self.line_col(source, span.start), self.line_col(source, span.end))
    }

    /// The byte offset of a position (clamped to its line, and to the text).
    pub fn offset(&self, source: &str, at: LineCol) -> u32 {
        self.index.offset_of_utf16(source, at.line, at.character)
    }

    /// The span between two positions (swapped when given backwards).
    pub fn span(&self, source: &str, start: LineCol, end: LineCol) -> Span {
        let (a, b) = (self.offset(source, start), self.offset(source, end));
        Span::new(a.min(b), a.max(b))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_columns_round_trip_on_non_ascii_lines() {
        let src = "Name: 开始😀\n  Next: End\r\nx";
        let map = LineMap::new(src);
        let end_of_name = src.find('\n').unwrap() as u32;
        // 6 + 2 Han + the emoji's 2 units.
        assert_eq!(map.line_col(src, end_of_name), LineCol { line: 0, character: 10 });
        let next = src.find("Next").unwrap() as u32;
        assert_eq!(map.line_col(src, next), LineCol { line: 1, character: 2 });
        for offset in [0, 6, 9, end_of_name, next, src.len() as u32] {
            assert_eq!(map.offset(src, map.line_col(src, offset)), offset);
        }
    }

    #[test]
    fn positions_past_a_line_or_the_text_are_clamped() {
        let src = "ab\r\ncd";
        let map = LineMap::new(src);
        assert_eq!(map.offset(src, LineCol { line: 0, character: 40 }), 2, "before the CRLF");
        assert_eq!(map.offset(src, LineCol { line: 9, character: 0 }), src.len() as u32);
        assert_eq!(
            map.span(src, LineCol { line: 1, character: 1 }, LineCol { line: 0, character: 1 }),
            Span::new(1, 5)
        );
    }
}
