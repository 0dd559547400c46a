//! `flowplay lsp`: the language server, on standard input and output.
//!
//! A synchronous main loop (lsp-server, as rust-analyzer and Ruff use): one message at a time on
//! one thread, so a request always sees every edit sent before it. Documents are synced
//! incrementally; diagnostics are published on open and save at once, and after changes once
//! the editor has been quiet for [`DEBOUNCE`]. The features themselves are the `ide` crate's.
//!
//! Only workflows are served: a YAML document whose first lines are not those of a workflow
//! (see [`crate::discover::looks_like_workflow`]) is left alone, unless the client sets
//! `initializationOptions.allYaml` to `true`.

mod convert;
mod documents;
mod handlers;

use std::collections::HashMap;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use anyhow::Context;
use lsp_server::{Connection, Message, Notification};
use lsp_types::notification::{self as notif, Notification as _};
use lsp_types::{self as lsp, Url};

use documents::Documents;

/// How long the editor must be quiet after a change before its diagnostics are published.
pub const DEBOUNCE: Duration = Duration::from_millis(10);

#[derive(clap::Args)]
pub struct LspArgs {
    /// Talk over standard input and output (the only transport; accepted because editors pass it).
    #[arg(long)]
    pub stdio: bool,
}

pub fn run(_args: LspArgs) -> anyhow::Result<ExitCode> {
    let (connection, io_threads) = Connection::stdio();
    let capabilities = serde_json::to_value(capabilities())?;
    let params = connection.initialize(capabilities).context("the language client did not initialize")?;
    let params: lsp::InitializeParams = serde_json::from_value(params).context("malformed initialize request")?;
    let all_yaml = params
        .initialization_options
        .as_ref()
        .and_then(|o| o.get("allYaml"))
        .and_then(serde_json::Value::as_bool)
        .unwrap_or(false);
    let mut server = Server { connection: &connection, documents: Documents::new(all_yaml), due: HashMap::new() };
    server.main_loop()?;
    drop(connection);
    io_threads.join().context("the language server's I/O failed")?;
    Ok(ExitCode::SUCCESS)
}

fn capabilities() -> lsp::ServerCapabilities {
    lsp::ServerCapabilities {
        position_encoding: Some(lsp::PositionEncodingKind::UTF16),
        text_document_sync: Some(lsp::TextDocumentSyncCapability::Options(lsp::TextDocumentSyncOptions {
            open_close: Some(true),
            change: Some(lsp::TextDocumentSyncKind::INCREMENTAL),
            save: Some(lsp::TextDocumentSyncSaveOptions::Supported(true)),
            ..Default::default()
        })),
        hover_provider: Some(lsp::HoverProviderCapability::Simple(true)),
        completion_provider: Some(lsp::CompletionOptions {
            trigger_characters: Some([":", " ", "$", "."].map(String::from).to_vec()),
            ..Default::default()
        }),
        definition_provider: Some(lsp::OneOf::Left(true)),
        references_provider: Some(lsp::OneOf::Left(true)),
        rename_provider: Some(lsp::OneOf::Right(lsp::RenameOptions {
            prepare_provider: Some(true),
            work_done_progress_options: Default::default(),
        })),
        document_symbol_provider: Some(lsp::OneOf::Left(true)),
        folding_range_provider: Some(lsp::FoldingRangeProviderCapability::Simple(true)),
        semantic_tokens_provider: Some(lsp::SemanticTokensServerCapabilities::SemanticTokensOptions(
            lsp::SemanticTokensOptions {
                legend: lsp::SemanticTokensLegend {
                    token_types: ide::TokenKind::ALL.iter().map(|k| convert::token_type(*k)).collect(),
                    token_modifiers: Vec::new(),
                },
                full: Some(lsp::SemanticTokensFullOptions::Bool(true)),
                range: None,
                work_done_progress_options: Default::default(),
            },
        )),
        code_action_provider: Some(lsp::CodeActionProviderCapability::Options(lsp::CodeActionOptions {
            code_action_kinds: Some(vec![lsp::CodeActionKind::QUICKFIX]),
            ..Default::default()
        })),
        ..Default::default()
    }
}

struct Server<'c> {
    connection: &'c Connection,
    documents: Documents,
    /// Documents whose diagnostics are to be published, with when.
    due: HashMap<Url, Instant>,
}

impl Server<'_> {
    fn main_loop(&mut self) -> anyhow::Result<()> {
        loop {
            let message = match self.due.values().min().copied() {
                None => match self.connection.receiver.recv() {
                    Ok(message) => message,
                    Err(_) => return Ok(()),
                },
                Some(when) => {
                    match self.connection.receiver.recv_timeout(when.saturating_duration_since(Instant::now())) {
                        Ok(message) => message,
                        Err(e) if e.is_timeout() => {
                            self.publish_due()?;
                            continue;
                        }
                        Err(_) => return Ok(()),
                    }
                }
            };
            match message {
                Message::Request(request) => {
                    // After `shutdown`, the client's closing the stream without `exit` ends the
                    // server as cleanly as `exit` does.
                    match self.connection.handle_shutdown(&request) {
                        Ok(true) | Err(_) => return Ok(()),
                        Ok(false) => {}
                    }
                    let response = handlers::handle(&mut self.documents, request);
                    self.connection.sender.send(Message::Response(response))?;
                }
                Message::Notification(n) if n.method == notif::Exit::METHOD => return Ok(()),
                Message::Notification(n) => self.notification(n)?,
                Message::Response(_) => {}
            }
        }
    }

    fn notification(&mut self, n: Notification) -> anyhow::Result<()> {
        match n.method.as_str() {
            notif::DidOpenTextDocument::METHOD => {
                let p: lsp::DidOpenTextDocumentParams = serde_json::from_value(n.params)?;
                let uri = p.text_document.uri;
                if self.documents.open(uri.clone(), p.text_document.text, p.text_document.version) {
                    if let Some(error) = self.documents.get(&uri).and_then(|d| d.config_error.clone()) {
                        self.show_warning(format!("flowplay: {error}; using the default configuration"))?;
                    }
                    self.publish(&uri)?;
                }
            }
            notif::DidChangeTextDocument::METHOD => {
                let p: lsp::DidChangeTextDocumentParams = serde_json::from_value(n.params)?;
                let uri = p.text_document.uri;
                match self.documents.change(&uri, p.text_document.version, p.content_changes) {
                    Some(true) => {
                        self.due.insert(uri, Instant::now() + DEBOUNCE);
                    }
                    Some(false) => self.clear(uri)?,
                    None => {}
                }
            }
            notif::DidSaveTextDocument::METHOD => {
                // A save reads the configuration again: of every workflow when it is a
                // `flowplay.json` that was saved, else of the saved workflow.
                let p: lsp::DidSaveTextDocumentParams = serde_json::from_value(n.params)?;
                let uri = p.text_document.uri;
                let is_config = uri.path().ends_with(&format!("/{}", crate::discover::CONFIG_FILE));
                let targets = if is_config { self.documents.open_uris() } else { vec![uri.clone()] };
                for (_, error) in self.documents.reconfigure((!is_config).then_some(&uri)) {
                    self.show_warning(format!("flowplay: {error}; using the default configuration"))?;
                }
                for target in targets {
                    self.publish(&target)?;
                }
            }
            notif::DidCloseTextDocument::METHOD => {
                let p: lsp::DidCloseTextDocumentParams = serde_json::from_value(n.params)?;
                if self.documents.close(&p.text_document.uri) {
                    self.clear(p.text_document.uri)?;
                }
            }
            _ => {}
        }
        Ok(())
    }

    fn publish_due(&mut self) -> anyhow::Result<()> {
        let now = Instant::now();
        let due: Vec<Url> = self.due.iter().filter(|(_, when)| **when <= now).map(|(uri, _)| uri.clone()).collect();
        for uri in due {
            self.publish(&uri)?;
        }
        Ok(())
    }

    fn publish(&mut self, uri: &Url) -> anyhow::Result<()> {
        self.due.remove(uri);
        let Some(doc) = self.documents.get(uri) else { return Ok(()) };
        let version = doc.version;
        // A panic while linting (a bug) leaves this version without diagnostics, not the editor
        // without a server.
        let diagnostics = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let view = doc.view();
            view.report.diagnostics.iter().map(|d| convert::diagnostic(view.lines, view.text, uri, d)).collect()
        }));
        match diagnostics {
            Ok(diagnostics) => self.send_diagnostics(uri.clone(), diagnostics, Some(version)),
            Err(_) => self.show_warning(format!("flowplay: linting {uri} failed (a bug; please report it)")),
        }
    }

    fn clear(&mut self, uri: Url) -> anyhow::Result<()> {
        self.due.remove(&uri);
        self.send_diagnostics(uri, Vec::new(), None)
    }

    fn send_diagnostics(
        &self,
        uri: Url,
        diagnostics: Vec<lsp::Diagnostic>,
        version: Option<i32>,
    ) -> anyhow::Result<()> {
        let params = lsp::PublishDiagnosticsParams { uri, diagnostics, version };
        let n = Notification::new(notif::PublishDiagnostics::METHOD.to_owned(), params);
        self.connection.sender.send(Message::Notification(n))?;
        Ok(())
    }

    fn show_warning(&self, message: String) -> anyhow::Result<()> {
        let params = lsp::ShowMessageParams { typ: lsp::MessageType::WARNING, message };
        let n = Notification::new(notif::ShowMessage::METHOD.to_owned(), params);
        self.connection.sender.send(Message::Notification(n))?;
        Ok(())
    }
}
