//! The map from a workflow's own text (the "virtual" document the linter reads) back to the host
//! file it was found in, and the way back for `--fix`.
//!
//! The virtual text is built from segments. A [`Piece::Verbatim`] segment is copied from the host
//! (offsets map 1:1 and a fix may rewrite it); a [`Piece::Substituted`] one has the same length as
//! its host text but other characters (an opaque placeholder, so offsets still map 1:1 but the
//! text must not be written back); a [`Piece::Decoded`] one stands for an escape sequence or an
//! entity of another length, so every offset inside it maps to the start of its host text (an
//! exact column is impossible there).

use std::ops::Range;

/// How a segment of the virtual text relates to its host text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Piece {
    Verbatim,
    Substituted,
    Decoded,
}

#[derive(Clone, Debug, PartialEq, Eq)]
struct Segment {
    /// Start in the virtual text.
    virt: usize,
    /// Length in the virtual text.
    len: usize,
    /// Range in the host text.
    host: Range<usize>,
    /// Host bytes just before `host` that were stripped as indentation (a line's prefix).
    stripped: usize,
    piece: Piece,
}

/// A workflow's text and where each part of it came from in the host file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SourceMap {
    text: String,
    segments: Vec<Segment>,
    /// Where an empty workflow is in the host (every offset of an empty text maps there).
    anchor: usize,
}

impl SourceMap {
    /// An empty map whose workflow starts at host offset `anchor`.
    pub fn at(anchor: usize) -> Self {
        Self { anchor, ..Self::default() }
    }

    /// The workflow text as the linter reads it.
    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn into_text(self) -> String {
        self.text
    }

    /// Appends host text `host[range]` unchanged; `stripped` host bytes before it were dropped as
    /// indentation.
    /// A range over several lines becomes one segment per line, so that fixes can rewrite lines.
    pub fn push_verbatim(&mut self, host: &str, range: Range<usize>, stripped: usize) {
        let mut start = range.start;
        let mut stripped = stripped;
        for line in host[range.clone()].split_inclusive('\n') {
            let end = start + line.len();
            self.push(line, start..end, stripped, Piece::Verbatim);
            start = end;
            stripped = 0;
        }
    }

    /// The same text with each of `ranges` (sorted, disjoint virtual ranges, e.g. template
    /// interpolations) replaced by a `${___}` stand-in of the same length (a placeholder to fdl).
    pub fn substitute(&self, ranges: &[Range<usize>]) -> SourceMap {
        let mut out = SourceMap::at(self.anchor);
        let mut cut = 0;
        for range in ranges {
            if range.is_empty() || range.start < cut || range.end > self.text.len() {
                continue;
            }
            self.copy_into(&mut out, cut..range.start);
            let host = self.to_host(range.start)..self.to_host_end(range.end);
            let stand_in = crate::placeholders::stand_in(range.len());
            let exact = self.pieces_in(range.clone()).all(|p| p != Piece::Decoded);
            out.push(&stand_in, host, 0, if exact { Piece::Substituted } else { Piece::Decoded });
            cut = range.end;
        }
        self.copy_into(&mut out, cut..self.text.len());
        out
    }

    /// The same map without the first `len` bytes of its text.
    pub fn without_prefix(&self, len: usize) -> SourceMap {
        let mut out = SourceMap::at(self.anchor);
        self.copy_into(&mut out, len.min(self.text.len())..self.text.len());
        out
    }

    fn pieces_in(&self, range: Range<usize>) -> impl Iterator<Item = Piece> + '_ {
        self.segments.iter().filter(move |s| s.virt < range.end && s.virt + s.len > range.start).map(|s| s.piece)
    }

    /// Copies the segments of virtual range `range` (cut at its ends) into `out`.
    fn copy_into(&self, out: &mut SourceMap, range: Range<usize>) {
        for s in &self.segments {
            let (start, end) = (s.virt.max(range.start), (s.virt + s.len).min(range.end));
            if start >= end {
                continue;
            }
            let text = &self.text[start..end];
            if s.piece == Piece::Decoded {
                out.push(text, s.host.clone(), s.stripped, Piece::Decoded);
            } else {
                let host = s.host.start + (start - s.virt)..s.host.start + (end - s.virt);
                let stripped = if start == s.virt { s.stripped } else { 0 };
                out.push(text, host, stripped, s.piece);
            }
        }
    }

    /// Appends `text` standing for `host_range` (see [`Piece`]).
    pub fn push(&mut self, text: &str, host_range: Range<usize>, stripped: usize, piece: Piece) {
        if text.is_empty() {
            return;
        }
        let piece = if piece == Piece::Substituted && text.len() != host_range.len() { Piece::Decoded } else { piece };
        self.segments.push(Segment { virt: self.text.len(), len: text.len(), host: host_range, stripped, piece });
        self.text.push_str(text);
    }

    /// The host offset of virtual offset `offset` (a start: the end of the text maps to the end of
    /// the last segment).
    pub fn to_host(&self, offset: usize) -> usize {
        let Some(last) = self.segments.last() else { return self.anchor };
        if offset >= self.text.len() {
            return last.host.end;
        }
        let i = self.segments.partition_point(|s| s.virt + s.len <= offset);
        let s = &self.segments[i];
        match s.piece {
            Piece::Decoded => s.host.start,
            Piece::Verbatim | Piece::Substituted => s.host.start + (offset - s.virt),
        }
    }

    /// The host offset of virtual offset `offset` taken as the end of a range: the end of a
    /// segment stays on that segment's line rather than jumping over the next one's indentation.
    pub fn to_host_end(&self, offset: usize) -> usize {
        if offset == 0 {
            return self.to_host(0);
        }
        let i = self.segments.partition_point(|s| s.virt + s.len < offset);
        match self.segments.get(i) {
            Some(s) if s.virt + s.len == offset => s.host.end,
            Some(s) if s.piece == Piece::Decoded => s.host.end,
            _ => self.to_host(offset),
        }
    }

    /// The workflow offset of host offset `offset` (the way back, for an editor's cursor): `None`
    /// outside the workflow (indentation, markup, the host's own text); inside an escape or an
    /// entity, the decoded character's start; inside a placeholder, the same place in its stand-in.
    pub fn to_virtual(&self, offset: usize) -> Option<usize> {
        if let Some(s) = self.segments.iter().find(|s| s.host.contains(&offset)) {
            return Some(match s.piece {
                Piece::Decoded => s.virt,
                Piece::Verbatim | Piece::Substituted => s.virt + (offset - s.host.start),
            });
        }
        // The end of the text.
        let end = self.segments.last().map_or(self.anchor, |s| s.host.end);
        (offset == end).then_some(self.text.len())
    }

    /// The host range of a virtual range.
    pub fn range_to_host(&self, range: Range<usize>) -> Range<usize> {
        let start = self.to_host(range.start);
        let end = if range.is_empty() { start } else { self.to_host_end(range.end).max(start) };
        start..end
    }

    /// Whether the host text of virtual range `range` is the range's text, unchanged (no
    /// placeholder, escape or entity in it): an edit there applies to the host as it is.
    pub fn is_verbatim(&self, range: Range<usize>) -> bool {
        let range = range.start..range.end.max(range.start + 1);
        self.pieces_in(range).all(|p| p == Piece::Verbatim)
    }

    /// Whether every offset maps to its own host character (no escapes or entities).
    pub fn is_exact(&self) -> bool {
        self.segments.iter().all(|s| s.piece != Piece::Decoded)
    }

    /// The host edit that replaces the virtual lines `old` (a byte range starting and ending at
    /// line starts) with `new_lines`, each line prefixed with `indent` and passed through
    /// `escape`. `None` when the range holds a placeholder, an escape or host text between its
    /// segments (markup): rewriting it would lose them.
    pub fn line_edit(
        &self,
        old: Range<usize>,
        new_lines: &str,
        indent: &str,
        escape: fn(&str) -> String,
    ) -> Option<(Range<usize>, String)> {
        let mut replacement = String::new();
        for line in new_lines.split_inclusive('\n') {
            replacement.push_str(indent);
            replacement.push_str(&escape(line));
        }
        if old.is_empty() {
            // An insertion before the line that starts at `old.start` (or at the end).
            let at = if old.start >= self.text.len() {
                self.segments.last().map_or(self.anchor, |s| s.host.end)
            } else {
                let i = self.segments.partition_point(|s| s.virt + s.len <= old.start);
                let s = &self.segments[i];
                if s.virt != old.start {
                    return None;
                }
                s.host.start - s.stripped
            };
            return Some((at..at, replacement));
        }
        let first = self.segments.partition_point(|s| s.virt + s.len <= old.start);
        let last = self.segments.partition_point(|s| s.virt < old.end);
        let covered = self.segments.get(first..last)?;
        let (head, tail) = (covered.first()?, covered.last()?);
        if head.virt != old.start || tail.virt + tail.len != old.end {
            return None;
        }
        for (a, b) in covered.iter().zip(covered.iter().skip(1)) {
            // Only stripped indentation may lie between two segments.
            if b.host.start - b.stripped != a.host.end {
                return None;
            }
        }
        if covered.iter().any(|s| s.piece != Piece::Verbatim) {
            return None;
        }
        Some((head.host.start - head.stripped..tail.host.end, replacement))
    }
}

/// Offsets of the line starts of `text` (after each `\n`), with `text.len()` last.
pub(crate) fn line_starts(text: &str) -> Vec<usize> {
    let mut starts = vec![0];
    starts.extend(text.match_indices('\n').map(|(i, _)| i + 1).filter(|&i| i < text.len()));
    starts.push(text.len());
    starts.dedup();
    starts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn indented(host: &str, indent: usize) -> SourceMap {
        let mut map = SourceMap::default();
        let mut at = 0;
        for line in host.split_inclusive('\n') {
            map.push_verbatim(host, at + indent..at + line.len(), indent);
            at += line.len();
        }
        map
    }

    #[test]
    fn offsets_map_through_stripped_indentation() {
        let host = "  a: 1\n  bb: 2\n";
        let map = indented(host, 2);
        assert_eq!(map.text(), "a: 1\nbb: 2\n");
        assert_eq!(map.to_host(0), 2);
        assert_eq!(map.to_host(5), 9);
        assert_eq!(map.to_host(7), 11);
        assert_eq!(map.to_host(100), host.len());
        // The end of line 1 stays on line 1.
        assert_eq!(map.to_host_end(5), 7);
        assert_eq!(map.range_to_host(5..7), 9..11);
    }

    #[test]
    fn host_offsets_map_back_to_the_workflow() {
        let host = "  a: 1\n  bb: 2\n";
        let map = indented(host, 2);
        assert_eq!(map.to_virtual(0), None);
        assert_eq!(map.to_virtual(2), Some(0));
        assert_eq!(map.to_virtual(9), Some(5));
        assert_eq!(map.to_virtual(host.len()), Some(map.text().len()));
        for offset in 0..map.text().len() {
            assert_eq!(map.to_virtual(map.to_host(offset)), Some(offset));
        }
    }

    #[test]
    fn a_decoded_piece_maps_to_its_start() {
        let host = r#""a\nb""#;
        let mut map = SourceMap::default();
        map.push_verbatim(host, 1..2, 0);
        map.push("\n", 2..4, 0, Piece::Decoded);
        map.push_verbatim(host, 4..5, 0);
        assert_eq!(map.text(), "a\nb");
        assert_eq!(map.to_host(1), 2);
        assert_eq!(map.to_host(2), 4);
        assert_eq!(map.range_to_host(1..2), 2..4);
        assert_eq!(map.to_virtual(3), Some(1));
        assert!(!map.is_exact());
    }

    #[test]
    fn line_edits_keep_the_indentation_and_refuse_placeholders() {
        let host = "  a: 1\n  b: ${x}\n  c: 3\n";
        let mut map = SourceMap::default();
        map.push_verbatim(host, 2..7, 2);
        map.push_verbatim(host, 9..12, 2);
        map.push("${_}", 12..16, 0, Piece::Substituted);
        map.push_verbatim(host, 16..17, 0);
        map.push_verbatim(host, 19..24, 2);
        let same = |s: &str| s.to_owned();
        let (range, text) = map.line_edit(0..5, "a: 2\n", "  ", same).unwrap();
        assert_eq!((range, text.as_str()), (0..7, "  a: 2\n"));
        assert!(map.line_edit(5..13, "b: 1\n", "  ", same).is_none());
        let (range, text) = map.line_edit(13..13, "z: 0\n", "  ", same).unwrap();
        assert_eq!((range, text.as_str()), (17..17, "  z: 0\n"));
        let (range, _) = map.line_edit(18..18, "end\n", "  ", same).unwrap();
        assert_eq!(range, 24..24);
    }

    #[test]
    fn substitution_keeps_lengths_and_positions() {
        let host = "  a: ${var.x}\n  b: 1\n";
        let map = indented(host, 2).substitute(&[std::ops::Range { start: 3, end: 11 }]);
        assert_eq!(map.text(), "a: ${_____}\nb: 1\n");
        assert_eq!(map.to_host(5), 7);
        assert_eq!(map.to_host(12), 16);
        assert!(map.is_exact());
        assert!(!map.is_verbatim(4..5) && map.is_verbatim(0..3) && map.is_verbatim(12..12));
        assert!(map.line_edit(0..12, "a: 1\n", "  ", |s| s.to_owned()).is_none());
        assert!(map.line_edit(12..17, "b: 2\n", "  ", |s| s.to_owned()).is_some());
    }

    #[test]
    fn an_empty_map_points_at_its_anchor() {
        let map = SourceMap::at(7);
        assert_eq!((map.to_host(0), map.to_host_end(0)), (7, 7));
        assert_eq!(map.line_edit(0..0, "a: 1\n", "  ", |s| s.to_owned()), Some((7..7, "  a: 1\n".to_owned())));
    }

    #[test]
    fn line_starts_of_texts() {
        assert_eq!(line_starts("a\nb\n"), [0, 2, 4]);
        assert_eq!(line_starts("a\nb"), [0, 2, 3]);
        assert_eq!(line_starts(""), [0]);
    }
}
