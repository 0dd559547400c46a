//! The editor's completion and hover: a thin adapter over the `ide` crate (the same code as
//! `flowplay lsp`), converting CodeMirror's UTF-16 offsets to byte offsets and back, with the
//! lazily loaded catalog.

use fdl::span::{byte_to_utf16, utf16_to_byte};
use ide::CompletionKind;
use serde::Serialize;

#[derive(Serialize, PartialEq, Debug)]
pub struct CompletionOption {
    pub label: String,
    /// CodeMirror's completion type (its icon).
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub detail: String,
}

#[derive(Serialize, PartialEq, Debug)]
pub struct Completions {
    /// UTF-16 offset where the replaced word starts.
    pub from: usize,
    pub options: Vec<CompletionOption>,
}

fn codemirror_type(kind: CompletionKind) -> &'static str {
    match kind {
        CompletionKind::Key => "property",
        CompletionKind::EnumValue => "enum",
        CompletionKind::State | CompletionKind::Variable => "variable",
        CompletionKind::Function => "function",
    }
}

/// Completions at `pos_utf16` in `text`.
pub fn complete(text: &str, pos_utf16: usize) -> Completions {
    let offset = utf16_to_byte(text, pos_utf16) as u32;
    let found = crate::catalog_loader::with(|catalog| ide::complete(text, offset, catalog));
    Completions {
        from: byte_to_utf16(text, found.from as usize),
        options: found
            .items
            .into_iter()
            .map(|i| CompletionOption { label: i.label, kind: codemirror_type(i.kind), detail: i.detail })
            .collect(),
    }
}

/// Hover text at `pos_utf16`, or `None` when there is nothing to say.
pub fn hover(text: &str, pos_utf16: usize) -> Option<String> {
    let offset = utf16_to_byte(text, pos_utf16) as u32;
    crate::catalog_loader::with(|catalog| ide::hover(text, offset, catalog))
}

#[cfg(test)]
mod tests {
    use super::*;

    const SRC: &str = "Type: StateMachine\nName: d\nSpecVersion: v1\nStartAt: A\nStates:\n  - Type: Wait\n    Name: 开始\n    Seconds: 1\n    Next: \n  - Type: Succeed\n    Name: End\n";

    fn labels(c: &Completions) -> Vec<&str> {
        c.options.iter().map(|o| o.label.as_str()).collect()
    }

    #[test]
    fn positions_are_utf16_offsets_after_non_ascii_text() {
        let pos = SRC.find("Next: ").unwrap() + 6;
        let c = complete(SRC, SRC[..pos].encode_utf16().count());
        assert_eq!(labels(&c), ["开始", "End"]);
        assert_eq!(c.options[0].kind, "variable");
        let src = "a:\n  x.$: $In";
        let c = complete(src, src.encode_utf16().count());
        assert!(labels(&c).contains(&"$Input"));
        assert_eq!(c.from, src.encode_utf16().count() - 3);
    }

    #[test]
    fn hover_on_a_key_after_a_non_ascii_line() {
        let pos = SRC.find("    Next: \n").unwrap() + 5;
        assert!(hover(SRC, SRC[..pos].encode_utf16().count()).unwrap().starts_with("Next — "));
        let value = SRC.find("Seconds: 1").unwrap() + 9;
        assert_eq!(hover(SRC, SRC[..value].encode_utf16().count()), None, "not on the value");
    }
}
