//! Latency of `flowplay lsp` on a generated 1,000-state workflow, over the protocol (the built
//! binary, pipes, JSON-RPC) and in process, with ratios to a bare parse of the same text measured
//! in the same run. Issue 18's budgets: diagnostics published within 20 ms of a change, completion
//! answered within 10 ms. Run: `cargo bench -p flowplay-cli --bench lsp_latency`.

#[path = "../../fdl/tests/support/generated.rs"]
mod generated;
#[path = "../tests/lsp_client/mod.rs"]
#[allow(dead_code)] // The protocol tests' client; the bench uses part of it.
mod lsp_client;

use std::time::{Duration, Instant};

use lsp_client::{Client, position_of};
use serde_json::{Value, json};

const ROUNDS: usize = 30;

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn time(rounds: usize, mut f: impl FnMut()) -> Duration {
    median(
        (0..rounds)
            .map(|_| {
                let t = Instant::now();
                f();
                t.elapsed()
            })
            .collect(),
    )
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn main() {
    let states = 1_000;
    let text = generated::workflow(states);
    let catalog = catalog::Catalog::embedded();
    let linter = fdl::Linter::default().with_catalog(Some(&catalog::EmbeddedCatalog));
    // The cursor after `Next: ` of state S503 (a value completion: the scope's 1,000 names).
    let marker = "    Name: S503\n    Seconds: 1\n    Next: ";
    let cursor = (text.find(marker).expect("S503 is a Wait state") + marker.len()) as u32;

    let parse = time(ROUNDS, || drop(std::hint::black_box(fdl::analyze(&text))));
    let lint = time(ROUNDS, || drop(std::hint::black_box(linter.lint(&text))));
    let complete = time(ROUNDS, || drop(std::hint::black_box(ide::complete(&text, cursor, Some(catalog)))));
    let lowered = fdl::analyze(&text).document;
    let complete_lowered =
        time(ROUNDS, || drop(std::hint::black_box(ide::complete_in(&text, cursor, Some(catalog), lowered.as_ref()))));
    println!("{states} states, {} bytes; medians of {ROUNDS}", text.len());
    println!("in process:");
    println!("  parse + lower (baseline)      {:>8.3} ms  1.0×", ms(parse));
    println!("  lint (catalog on)             {:>8.3} ms  {:.1}×", ms(lint), ms(lint) / ms(parse));
    println!("  ide::complete at `Next: `     {:>8.3} ms  {:.1}×", ms(complete), ms(complete) / ms(parse));
    println!(
        "  … on the lowered document     {:>8.3} ms  {:.2}×  (what the server does)",
        ms(complete_lowered),
        ms(complete_lowered) / ms(parse)
    );

    let dir = tempfile::tempdir().expect("a temp dir");
    let uri = format!("file://{}/bench.yaml", dir.path().display());
    let (mut client, _) = Client::start(Value::Null);
    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": text}}),
    );
    client.diagnostics(&uri);
    // A one-character edit, alternately `Seconds: 1` → `Seconds: 2` and back, on state S503.
    let line = position_of(&text, marker, 0, 0)["line"].as_u64().expect("a line") + 1;
    let range = json!({"start": {"line": line, "character": 13}, "end": {"line": line, "character": 14}});
    let mut version = 1;
    let change = time(ROUNDS, || {
        version += 1;
        let digit = if version % 2 == 0 { "2" } else { "1" };
        client.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version},
                   "contentChanges": [{"range": range, "text": digit}]}),
        );
        let published = client.diagnostics(&uri);
        assert_eq!(published["version"], version);
    });
    let position = position_of(&text, marker, 0, marker.chars().count());
    assert_eq!(position["line"].as_u64(), Some(line + 1));
    let completion = time(ROUNDS, || {
        let result =
            client.request("textDocument/completion", json!({"textDocument": {"uri": uri}, "position": position}));
        // The first 100 (flowplay lsp's COMPLETION_LIMIT) of the 1,000 names, marked incomplete.
        assert_eq!(result["isIncomplete"], true);
        assert_eq!(result["items"].as_array().map(Vec::len), Some(100));
    });
    // A change followed at once by a save, which publishes without waiting: the work alone.
    let saved = time(ROUNDS, || {
        version += 1;
        let digit = if version % 2 == 0 { "2" } else { "1" };
        client.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version},
                   "contentChanges": [{"range": range, "text": digit}]}),
        );
        client.notify("textDocument/didSave", json!({"textDocument": {"uri": uri}}));
        let published = client.diagnostics(&uri);
        assert_eq!(published["version"], version);
    });
    // A key position in the same state: the Wait state's dozen keys, for the cost of the items.
    let key_position = json!({"line": line, "character": 4});
    let few = time(ROUNDS, || {
        let result =
            client.request("textDocument/completion", json!({"textDocument": {"uri": uri}, "position": key_position}));
        assert!(result["items"].as_array().is_some_and(|items| items.len() < 30), "{result}");
    });
    let hover = time(ROUNDS, || {
        client.request("textDocument/hover", json!({"textDocument": {"uri": uri}, "position": position}));
    });
    client.shutdown();
    println!("over the protocol (flowplay lsp, pipes):");
    println!(
        "  change → diagnostics published {:>8.3} ms  {:.1}×  (with the debounce; budget 20 ms)",
        ms(change),
        ms(change) / ms(parse)
    );
    println!("  change + save → published      {:>8.3} ms  {:.1}×  (no debounce)", ms(saved), ms(saved) / ms(parse));
    println!(
        "  completion request → answer   {:>8.3} ms  {:.1}×  (budget 10 ms)",
        ms(completion),
        ms(completion) / ms(parse)
    );
    println!("  completion, a dozen keys       {:>8.3} ms  {:.1}×", ms(few), ms(few) / ms(parse));
    println!("  hover request → answer        {:>8.3} ms  {:.1}×", ms(hover), ms(hover) / ms(parse));
}
