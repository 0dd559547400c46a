//! A YAML string scalar of a host template (ROS `Definition`, Serverless Devs `definition`) as a
//! workflow text mapped to the host: a literal block (`|`) line by line, exactly, and rewritable;
//! a double-quoted string (JSON templates) run by run, each escape mapped to its start; a
//! one-line plain or single-quoted string exactly. Anything else (folded blocks, multi-line
//! quoted strings) is linted from the parser's value with every position at the value's start,
//! because folding leaves no exact column to point at.

use fdl::yaml::{Node, NodeKind, ScalarStyle};

use crate::map::{Piece, SourceMap};
use crate::{Embedded, Rewrite};

const NO_REWRITE: &str = "the workflow is not a literal block (`|`) in the template: --fix does not rewrite it";

/// The workflow in string node `node` of `host`, or `None` when the node is not a string.
pub fn decode(host: &str, node: &Node, label: String) -> Option<Embedded> {
    let scalar = node.as_scalar()?;
    let range = node.span.range();
    let raw = host.get(range.clone())?;
    let value = scalar.value.as_str();
    let decoded = match scalar.style {
        ScalarStyle::Literal => {
            literal(host, range.start).map(|(map, indent)| (map, Rewrite::Lines { indent, html: false }))
        }
        ScalarStyle::DoubleQuoted if !raw.contains('\n') => double_quoted(host, range.clone()).map(|m| (m, refused())),
        ScalarStyle::Plain | ScalarStyle::SingleQuoted if !raw.contains('\n') && !raw.contains("''") => {
            let inner =
                if scalar.style == ScalarStyle::SingleQuoted { range.start + 1..range.end - 1 } else { range.clone() };
            let mut map = SourceMap::default();
            map.push_verbatim(host, inner, 0);
            Some((map, refused()))
        }
        _ => None,
    };
    // The map must give the parser's value, up to the final line breaks chomping removes and the
    // CRLF line breaks YAML reads as LF (the workflow keeps the host's: fixes write them back).
    let same = |map: &SourceMap| {
        let text = map.text().trim_end_matches(['\n', '\r']);
        let value = value.trim_end_matches(['\n', '\r']);
        text == value || (text.contains("\r\n") && text.replace("\r\n", "\n") == value)
    };
    let (map, rewrite) = decoded.filter(|(map, _)| same(map)).unwrap_or_else(|| {
        let mut map = SourceMap::at(range.start);
        map.push(value, range.clone(), 0, Piece::Decoded);
        (map, refused())
    });
    Some(Embedded { map, label, rewrite, options: None })
}

fn refused() -> Rewrite {
    Rewrite::Refused(NO_REWRITE)
}

/// The lines of the literal block whose content starts at `start`, less their indentation.
fn literal(host: &str, start: usize) -> Option<(SourceMap, String)> {
    let line_start = host[..start].rfind('\n').map_or(0, |i| i + 1);
    let indent = &host[line_start..start];
    if !indent.bytes().all(|b| b == b' ') {
        return None;
    }
    let mut map = SourceMap::at(start);
    let mut at = line_start;
    let mut pending_blank = Vec::new();
    for line in host[line_start..].split_inclusive('\n') {
        let range = at..at + line.len();
        at = range.end;
        let content = line.trim_end_matches(['\n', '\r']);
        if content.trim_start_matches(' ').is_empty() {
            // Blank lines belong to the block only if more of it follows.
            pending_blank.push(range);
            continue;
        }
        if !line.starts_with(indent) {
            break;
        }
        for blank in pending_blank.drain(..) {
            let stripped = indent.len().min(blank.len() - host[blank.clone()].trim_start_matches(' ').len());
            map.push_verbatim(host, blank.start + stripped..blank.end, stripped);
        }
        map.push_verbatim(host, range.start + indent.len()..range.end, indent.len());
    }
    Some((map, indent.to_owned()))
}

/// The content of the one-line double-quoted string at `range`, escapes decoded.
fn double_quoted(host: &str, range: std::ops::Range<usize>) -> Option<SourceMap> {
    let mut map = SourceMap::at(range.start + 1);
    let end = range.end - 1;
    let mut i = range.start + 1;
    let mut run = i;
    while i < end {
        if host.as_bytes()[i] != b'\\' {
            i += 1;
            continue;
        }
        map.push_verbatim(host, run..i, 0);
        let (c, len) = escape(&host[i..end])?;
        map.push(c.encode_utf8(&mut [0; 4]), i..i + len, 0, Piece::Decoded);
        i += len;
        run = i;
    }
    map.push_verbatim(host, run..end, 0);
    Some(map)
}

/// A YAML (and JSON) escape at the start of `rest`: the character and the escape's length.
fn escape(rest: &str) -> Option<(char, usize)> {
    let hex = |len: usize| -> Option<(char, usize)> {
        let code = u32::from_str_radix(rest.get(2..2 + len)?, 16).ok()?;
        Some((char::from_u32(code)?, 2 + len))
    };
    let c = match rest.as_bytes().get(1)? {
        b'n' => '\n',
        b't' | b'\t' => '\t',
        b'r' => '\r',
        b'"' => '"',
        b'\\' => '\\',
        b'/' => '/',
        b'0' => '\0',
        b' ' => ' ',
        b'b' => '\u{8}',
        b'f' => '\u{c}',
        b'e' => '\u{1b}',
        b'a' => '\u{7}',
        b'v' => '\u{b}',
        b'N' => '\u{85}',
        b'_' => '\u{a0}',
        b'x' => return hex(2),
        // A surrogate pair (JSON's way to write astral characters) is two escapes of 6 bytes.
        b'u' => {
            let high = u32::from_str_radix(rest.get(2..6)?, 16).ok()?;
            if (0xD800..0xDC00).contains(&high) && rest.get(6..8) == Some("\\u") {
                let low = u32::from_str_radix(rest.get(8..12)?, 16).ok()?;
                let code = 0x10000 + ((high - 0xD800) << 10) + (low.checked_sub(0xDC00)?);
                return Some((char::from_u32(code)?, 12));
            }
            return hex(4);
        }
        b'U' => return hex(8),
        _ => return None,
    };
    Some((c, 2))
}

/// Whether `node` is a string scalar.
pub fn is_string(node: &Node) -> bool {
    matches!(&node.kind, NodeKind::Scalar(s) if s.style != ScalarStyle::Plain || matches!(s.resolve(), fdl::yaml::ScalarValue::Str(_)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn definition(host: &str) -> Embedded {
        let doc = fdl::yaml::parse(host, Default::default());
        let root = doc.root.expect("a document");
        let node = root.get("Definition").expect("a Definition");
        decode(host, node, "d".into()).expect("a string")
    }

    #[test]
    fn a_literal_block_maps_line_by_line() {
        let host = "Definition: |-\n    Type: StateMachine\n\n    Name: 开始\n      # deeper\nOther: 1\n";
        let w = definition(host);
        assert_eq!(w.map.text(), "Type: StateMachine\n\nName: 开始\n  # deeper\n");
        assert_eq!(w.rewrite, Rewrite::Lines { indent: "    ".into(), html: false });
        let at = w.map.to_host(w.map.text().find("Name").unwrap());
        assert_eq!(&host[at..at + 4], "Name");
    }

    #[test]
    fn a_json_string_maps_runs_exactly_and_escapes_to_their_start() {
        let host = r#"{"Definition": "Type: StateMachine\nName: \"a\" \u5f00\ud83d\ude00"}"#;
        let w = definition(host);
        assert_eq!(w.map.text(), "Type: StateMachine\nName: \"a\" 开😀");
        let at = w.map.to_host(w.map.text().find("Name").unwrap());
        assert_eq!(&host[at..at + 4], "Name");
        let at = w.map.to_host(w.map.text().find('开').unwrap());
        assert_eq!(&host[at..at + 6], "\\u5f00");
        assert!(matches!(w.rewrite, Rewrite::Refused(_)));
    }

    #[test]
    fn a_folded_block_maps_to_its_start() {
        let host = "Definition: >\n  a: 1\n  b: 2\n";
        let w = definition(host);
        assert_eq!(w.map.text(), "a: 1 b: 2\n");
        assert_eq!(w.map.to_host(5), host.find("a: 1").unwrap());
    }

    #[test]
    fn one_line_strings() {
        assert_eq!(definition("Definition: ros-test\n").map.text(), "ros-test");
        assert_eq!(definition("Definition: 'a: b'\n").map.text(), "a: b");
        assert!(is_string(&fdl::yaml::parse("a", Default::default()).root.unwrap()));
        assert!(!is_string(&fdl::yaml::parse("1", Default::default()).root.unwrap()));
    }
}
