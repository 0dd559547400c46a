//! What is around an offset: the line, the word, the scope and state of a current-dialect flow.

use fdl::model::{Flow, Scope, State};

/// The line of `offset` (without its line break): its start offset and text.
pub(crate) fn line_at(text: &str, offset: usize) -> (usize, &str) {
    let offset = offset.min(text.len());
    let start = text.as_bytes()[..offset].iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    let end = text.as_bytes()[offset..].iter().position(|&b| b == b'\n').map_or(text.len(), |i| offset + i);
    (start, text[start..end].trim_end_matches('\r'))
}

/// The innermost scope at `offset` and the state of that scope the offset is in, if any.
pub(crate) fn scope_at(flow: &Flow, offset: u32) -> (&Scope, Option<&State>) {
    let mut scope = &flow.scope;
    'descend: loop {
        for state in &scope.states {
            if state.span.start <= offset && offset <= state.span.end {
                for child in state.child_scopes() {
                    if child.span.start <= offset && offset <= child.span.end {
                        scope = child;
                        continue 'descend;
                    }
                }
                return (scope, Some(state));
            }
        }
        return (scope, None);
    }
}

/// The innermost state at `offset`.
pub(crate) fn state_at(flow: &Flow, offset: u32) -> Option<&State> {
    scope_at(flow, offset).1
}

/// Where the word that ends at the end of `line` starts (a byte index of `line`).
pub(crate) fn word_start(line: &str) -> usize {
    line.char_indices().rev().find(|&(_, c)| !is_word_char(c)).map_or(0, |(i, c)| i + c.len_utf8())
}

/// The byte offset `offset` clamped to `text` and moved back to a character boundary.
pub(crate) fn char_boundary(text: &str, offset: u32) -> usize {
    let mut pos = (offset as usize).min(text.len());
    while !text.is_char_boundary(pos) {
        pos -= 1;
    }
    pos
}

/// Whether `c` can be part of the word completed or hovered (keys, names, `$Input.a`, `FC:X`).
pub(crate) fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '_' | '.' | '$' | ':' | '-')
}
