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

/// Whether `c` can be part of the word completed or hovered (keys, names, `$Input.a`, `FC:X`).
pub(crate) fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '_' | '.' | '$' | ':' | '-')
}
