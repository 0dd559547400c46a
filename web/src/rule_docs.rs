//! Each rule's documentation, fetched the first time a diagnostic is hovered or focused
//! (`dist/rules.json`, written by scripts/build-web.sh from the API package's `rules()`).
//! The playground's wasm is built without fdl's `rule-docs`: the documentation of every rule
//! is ≈15 KB brotli that most visits never read, and the first load has a 450 KB budget
//! (issue 14).

use std::cell::{Cell, OnceCell};
use std::collections::HashMap;

use serde::Deserialize;

thread_local! {
    static DOCS: OnceCell<HashMap<String, String>> = const { OnceCell::new() };
    static REQUESTED: Cell<bool> = const { Cell::new(false) };
}

#[derive(Deserialize)]
struct RuleDocs {
    code: String,
    docs: String,
}

/// The documentation of rule `code`, if it has been loaded.
pub fn get(code: &str) -> Option<String> {
    DOCS.with(|d| d.get().and_then(|docs| docs.get(code).cloned()))
}

pub fn loaded() -> bool {
    DOCS.with(|d| d.get().is_some())
}

/// Starts loading the documentation (once per page), then calls `done`. Without the file
/// (static hosting that leaves it out), diagnostics keep their one-line summaries.
pub fn load(done: impl FnOnce() + 'static) {
    if loaded() || REQUESTED.with(|r| r.replace(true)) {
        return;
    }
    wasm_bindgen_futures::spawn_local(async move {
        let Some(text) = flowplay_runner::scope::text("rules.json").await else { return };
        let Ok(rules) = serde_json::from_str::<Vec<RuleDocs>>(&text) else { return };
        DOCS.with(|d| {
            let _ = d.set(rules.into_iter().map(|r| (r.code, r.docs)).collect());
        });
        done();
    });
}
