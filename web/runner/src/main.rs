//! The run worker's wasm entry: web/js/run-worker.js instantiates it in a module Web Worker and
//! hands it every message of the page (see `flowplay_runner::worker`).

use wasm_bindgen::prelude::*;

fn main() {}

/// One message of the page (JSON text, `flowplay_runner::protocol::ToWorker`).
#[wasm_bindgen]
pub fn on_message(text: String) {
    flowplay_runner::worker::on_message(&text);
}
