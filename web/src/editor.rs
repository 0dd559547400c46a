//! Bindings to the CodeMirror editor (`web/js/editor.js`, exposed as `window.FlowplayEditor`).

use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = FlowplayEditor, js_name = create)]
    pub fn create_editor(
        parent: &web_sys::HtmlElement,
        text: &str,
        on_change: &Closure<dyn FnMut(String, bool)>,
        on_cursor: &Closure<dyn FnMut(u32, u32)>,
    ) -> u32;
    #[wasm_bindgen(js_namespace = FlowplayEditor, js_name = setValue)]
    pub fn set_value(id: u32, text: &str);
    #[wasm_bindgen(js_namespace = FlowplayEditor, js_name = setDiagnostics)]
    pub fn set_diagnostics(id: u32, diagnostics_json: &str);
    #[wasm_bindgen(js_namespace = FlowplayEditor, js_name = jumpTo)]
    pub fn jump_to(id: u32, line: u32, column_utf16: u32);
}

/// Byte offset of a 1-based line and 1-based UTF-16 column (clamped to the line).
pub fn offset_of_utf16(source: &str, index: &fdl::LineIndex, line: u32, column_utf16: u32) -> u32 {
    let span = index.line_span(source, line.saturating_sub(1) as usize);
    let text = span.slice(source);
    let mut units = 0u32;
    for (i, c) in text.char_indices() {
        if units + 1 >= column_utf16 {
            return span.start + i as u32;
        }
        units += c.len_utf16() as u32;
    }
    span.end
}

#[cfg(test)]
mod tests {
    #[test]
    fn utf16_columns_map_to_bytes() {
        let src = "a\nb😀c\n";
        let idx = fdl::LineIndex::new(src);
        assert_eq!(super::offset_of_utf16(src, &idx, 2, 1), 2);
        assert_eq!(super::offset_of_utf16(src, &idx, 2, 4), 7); // after the emoji (2 units)
    }
}
