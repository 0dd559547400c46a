//! The diagnostics panel: code, message and position of every finding; click to jump.

use fdl::report::JsonDiagnostic;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct DiagnosticsProps {
    pub diagnostics: Vec<JsonDiagnostic>,
    /// (line, UTF-16 column) to jump to.
    pub on_jump: Callback<(u32, u32)>,
    /// Applies a diagnostic's fix (by index).
    pub on_fix: Callback<usize>,
}

#[function_component(DiagnosticsPanel)]
pub fn diagnostics_panel(props: &DiagnosticsProps) -> Html {
    if props.diagnostics.is_empty() {
        return html! { <div class="diagnostics empty" data-count="0">{ "No problems found." }</div> };
    }
    // The rule documentation is fetched when the user first points at a diagnostic; until it
    // arrives, a diagnostic's tooltip is its rule's one-line summary.
    let docs_loaded = use_state_eq(crate::rule_docs::loaded);
    let want_docs = {
        let docs_loaded = docs_loaded.clone();
        Callback::from(move |_: web_sys::Event| {
            let docs_loaded = docs_loaded.clone();
            crate::rule_docs::load(move || docs_loaded.set(true));
        })
    };
    let rows = props.diagnostics.iter().enumerate().map(|(i, d)| {
        let (line, col) = (d.range.start.line, d.range.start.column_utf16);
        let on_jump = props.on_jump.clone();
        let onclick = Callback::from(move |_| on_jump.emit((line, col)));
        // The position is the row's keyboard handle (a click anywhere on the row also jumps).
        let jump_label = format!("go to line {}, column {}", d.range.start.line, d.range.start.column);
        let fix = d.fix.as_ref().map(|f| {
            let on_fix = props.on_fix.clone();
            let onclick = Callback::from(move |e: MouseEvent| {
                e.stop_propagation();
                on_fix.emit(i)
            });
            html! { <button class="fix" {onclick} title={f.message.clone()} aria-label={format!("fix: {}", f.message)}>{ "Fix" }</button> }
        });
        let docs = fdl::lint::rule_by_code(&d.code).map(|m| match crate::rule_docs::get(m.code) {
            Some(docs) => format!("{} — {}\n\n{}", m.code, m.summary, docs.trim()),
            None => format!("{} — {}", m.code, m.summary),
        });
        let (onmouseenter, onfocusin) =
            (want_docs.reform(|e: MouseEvent| e.into()), want_docs.reform(|e: FocusEvent| e.into()));
        html! {
            <li class={classes!("diagnostic", d.severity.as_str())} {onclick} {onmouseenter} {onfocusin} title={docs}>
                <button class="position" title={jump_label}>{ format!("{}:{}", d.range.start.line, d.range.start.column) }</button>
                <span class="code">{ &d.code }</span>
                <span class="message">{ &d.message }</span>
                { for fix }
                if let Some(help) = &d.help { <div class="help">{ help }</div> }
            </li>
        }
    });
    html! { <ul class="diagnostics" aria-label="problems" data-count={props.diagnostics.len().to_string()}>{ for rows }</ul> }
}
