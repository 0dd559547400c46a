//! The flowplay playground (Yew): edit, lint and visualise CloudFlow workflows in the browser.
//! Everything runs locally in wasm; nothing is sent anywhere in mock mode.

mod app;
mod catalog_loader;
mod complete;
mod diagnostics;
mod diff;
mod editor;
mod examples;
mod fetch;
mod flowchart;
mod permalink;
mod real;
mod rule_docs;
mod run;
mod storage;

fn main() {
    yew::Renderer::<app::App>::new().render();
}
