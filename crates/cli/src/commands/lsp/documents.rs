//! The open documents: text kept up to date by incremental changes, whether each is a workflow,
//! its linter (from the `flowplay.json` found from its folder) and its last lint report.

use std::collections::HashMap;
use std::path::Path;

use fdl::{LintReport, Linter};
use ide::position::{LineCol, LineMap};
use lsp_types::{TextDocumentContentChangeEvent, Url};

use crate::commands::lint::{read_config, with_catalog};
use crate::discover::find_config;
use flowplay_hosts::looks_like_workflow;

pub struct Document {
    pub text: String,
    pub version: i32,
    pub linter: Linter<'static>,
    /// Why the configuration could not be used (the defaults are used instead).
    pub config_error: Option<String>,
    report: Option<LintReport>,
    lines: Option<LineMap>,
}

/// A document's text with what is derived from it, borrowed together.
pub struct View<'d> {
    pub text: &'d str,
    pub lines: &'d LineMap,
    pub report: &'d LintReport,
    pub linter: &'d Linter<'static>,
}

impl View<'_> {
    pub fn offset(&self, at: lsp_types::Position) -> u32 {
        self.lines.offset(self.text, LineCol { line: at.line, character: at.character })
    }
}

impl Document {
    /// The text, its line map and its lint report (computed on first need after a change).
    pub fn view(&mut self) -> View<'_> {
        let lines = self.lines.get_or_insert_with(|| LineMap::new(&self.text));
        let report = self.report.get_or_insert_with(|| self.linter.lint(&self.text));
        View { text: &self.text, lines, report, linter: &self.linter }
    }

    /// Applies one change of `textDocument/didChange`: a range replaced, or the whole text.
    fn apply(&mut self, change: TextDocumentContentChangeEvent) {
        match change.range {
            Some(range) => {
                let start = LineCol { line: range.start.line, character: range.start.character };
                let end = LineCol { line: range.end.line, character: range.end.character };
                let lines = self.lines.get_or_insert_with(|| LineMap::new(&self.text));
                let span = lines.span(&self.text, start, end);
                self.text.replace_range(span.range(), &change.text);
            }
            None => self.text = change.text,
        }
        self.report = None;
        self.lines = None;
    }
}

/// The documents the editor has open that are workflows.
#[derive(Default)]
pub struct Documents {
    open: HashMap<Url, Document>,
    /// Texts of open documents that are not workflows (kept, so that an edit that makes one a
    /// workflow is noticed).
    other: HashMap<Url, (String, i32)>,
    /// Treat every document as a workflow (`initializationOptions.allYaml`).
    pub all_yaml: bool,
}

impl Documents {
    pub fn get(&mut self, uri: &Url) -> Option<&mut Document> {
        self.open.get_mut(uri)
    }

    pub fn new(all_yaml: bool) -> Self {
        Self { all_yaml, ..Default::default() }
    }

    /// Opens a document; `true` when it is a workflow (to lint).
    pub fn open(&mut self, uri: Url, text: String, version: i32) -> bool {
        self.classify(uri, text, version)
    }

    /// Applies changes; `Some(true)` when the document is a workflow after them, `Some(false)`
    /// when it has stopped being one (its diagnostics are to be cleared), `None` when it is not
    /// one and was not.
    pub fn change(&mut self, uri: &Url, version: i32, changes: Vec<TextDocumentContentChangeEvent>) -> Option<bool> {
        if let Some(doc) = self.open.get_mut(uri) {
            for change in changes {
                doc.apply(change);
            }
            doc.version = version;
            if self.all_yaml || looks_like_workflow(&doc.text) {
                return Some(true);
            }
            let doc = self.open.remove(uri)?;
            self.other.insert(uri.clone(), (doc.text, version));
            return Some(false);
        }
        let (text, _) = self.other.remove(uri)?;
        // Not a workflow: apply the changes on a plain text.
        let mut doc =
            Document { text, version, linter: Linter::default(), config_error: None, report: None, lines: None };
        for change in changes {
            doc.apply(change);
        }
        self.classify(uri.clone(), doc.text, version).then_some(true)
    }

    /// Reads the configuration of the workflows again (after a save: `flowplay.json` may have
    /// changed); `only`: that document's, else every open workflow's. Returns the documents
    /// whose configuration could not be used, with why.
    pub fn reconfigure(&mut self, only: Option<&Url>) -> Vec<(Url, String)> {
        let mut errors = Vec::new();
        for (uri, doc) in self.open.iter_mut().filter(|(uri, _)| only.is_none_or(|o| o == *uri)) {
            let (linter, config_error) = linter_for(uri);
            doc.linter = linter;
            doc.report = None;
            if let Some(e) = &config_error {
                errors.push((uri.clone(), e.clone()));
            }
            doc.config_error = config_error;
        }
        errors
    }

    pub fn open_uris(&self) -> Vec<Url> {
        self.open.keys().cloned().collect()
    }

    pub fn close(&mut self, uri: &Url) -> bool {
        self.other.remove(uri);
        self.open.remove(uri).is_some()
    }

    fn classify(&mut self, uri: Url, text: String, version: i32) -> bool {
        if !(self.all_yaml || looks_like_workflow(&text)) {
            self.other.insert(uri, (text, version));
            return false;
        }
        let (linter, config_error) = linter_for(&uri);
        self.open.insert(uri, Document { text, version, linter, config_error, report: None, lines: None });
        true
    }
}

/// The linter of the `flowplay.json` nearest to the document's folder (the defaults for a
/// document that is not a file, or when the configuration has a mistake, which is returned).
fn linter_for(uri: &Url) -> (Linter<'static>, Option<String>) {
    let config = uri
        .to_file_path()
        .ok()
        .and_then(|path| path.parent().and_then(find_config))
        .map(|path| read_config(Path::new(&path)));
    match config {
        Some(Ok((config, _))) => (with_catalog(config, false), None),
        Some(Err(e)) => (with_catalog(Default::default(), false), Some(format!("{e:#}"))),
        None => (with_catalog(Default::default(), false), None),
    }
}
