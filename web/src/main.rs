//! The flowplay playground (Yew): edit, lint and visualise CloudFlow workflows in the browser.
//! Everything runs locally in wasm; nothing is sent anywhere in mock mode.

mod app;
mod complete;
mod diagnostics;
mod diff;
mod editor;
mod examples;
mod flowchart;
mod permalink;
mod real;
mod rule_docs;
mod run;
mod storage;

// The lazily loaded catalog is shared with the run worker (web/runner).
use flowplay_runner::catalog_loader;

fn main() {
    yew::Renderer::<app::App>::new().render();
}
