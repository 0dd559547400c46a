//! `flowplay lint` on host files: the workflows inside Markdown, HTML, Terraform, ROS templates
//! and Serverless Devs `s.yaml` (found by `flowplay_hosts`), linted one by one and reported
//! under the host's path at host positions, so every output format works unchanged.
//!
//! - A host that cannot be read as its kind (an unclosed fence or heredoc) gets one FDL-P012
//!   finding at the place, like a file that cannot be read.
//! - A host named on the command line with no workflow in it is reported on stderr ("no workflow
//!   found in …") and is not a failure: a walk skips such files silently.
//! - `--fix` writes a fixed workflow back into its host only through `flowplay_hosts::write_back`,
//!   which rewrites whole lines where the map is exact and checks that the result reads back as
//!   the fixed workflow; otherwise the host is left as it is and stderr says why.
//! - A workflow file the host names (`definition: ./flow.yaml`) is returned to the caller, which
//!   lints it under its own path, as a workflow file or as what the host says it is (a Terraform
//!   template).

use std::path::{Path, PathBuf};

use fdl::{Diagnostic, FixScope, LineIndex, Linter, Span};
use flowplay_hosts::{Embedded, ExtractError, Found, HostKind, Rewrite};

use crate::output::FileResult;

/// What `--fix` asks for.
pub struct FixRequest {
    pub scope: FixScope,
    pub diff: bool,
    pub quiet: bool,
}

/// The report of one host file, and the workflow files it names (resolved against its directory).
pub struct HostReport {
    /// `None` when the host holds no workflow.
    pub result: Option<FileResult>,
    /// The files it names, and how to read each (`None`: as a workflow file).
    pub named_files: Vec<(PathBuf, Option<HostKind>)>,
}

/// Lints host `input` (a path, or `-` for stdin) reported as `path`, of kind `kind`, with text `text`.
pub fn lint_host(
    linter: &Linter<'static>,
    kind: HostKind,
    input: &Path,
    path: &str,
    text: String,
    fix: Option<&FixRequest>,
) -> anyhow::Result<HostReport> {
    let found = match flowplay_hosts::extract(kind, &text) {
        Ok(found) => found,
        Err(error) => {
            let diagnostic = extract_error(kind, &error);
            return Ok(HostReport {
                result: Some(FileResult { path: path.to_owned(), source: text, diagnostics: vec![diagnostic] }),
                named_files: Vec::new(),
            });
        }
    };
    if found.is_empty() {
        errln!("warning: no workflow found in {path} (read as {})", kind.name());
        return Ok(HostReport { result: None, named_files: Vec::new() });
    }
    let mut text = text;
    if let Some(request) = fix {
        let fixed = fix_host(linter, kind, path, &text, &found, request.scope);
        let stdin = input.as_os_str() == "-";
        if fixed != text || (stdin && !request.diff) {
            super::lint::apply_output(input, path, &text, &fixed, request.diff, request.quiet)?;
        }
        if !request.diff {
            text = fixed;
        }
    }
    // Lint what the file now holds (after fixes, offsets have moved).
    let found = flowplay_hosts::extract(kind, &text).unwrap_or_default();
    // Named files are relative to the host's directory (stdin's: its `--stdin-filename`'s).
    let host_path = if input.as_os_str() == "-" { Path::new(path) } else { input };
    let base = host_path.parent().unwrap_or(Path::new("."));
    let mut diagnostics = Vec::new();
    let mut named_files = Vec::new();
    for item in &found {
        match item {
            Found::Workflow(embedded) => {
                let own = own_linter(linter, embedded);
                if let Err(diagnostic) = &own {
                    diagnostics.push((**diagnostic).clone());
                }
                let report = own.as_ref().unwrap_or(linter).lint(embedded.map.text());
                diagnostics.extend(report.diagnostics.into_iter().map(|d| to_host(d, embedded)));
            }
            Found::File { path: name, at, kind } => {
                let file = base.join(name);
                if file.is_file() {
                    named_files.push((file, *kind));
                } else {
                    let code = fdl::lint::rules::syntax::p012_unreadable_file::UnreadableFile::META.code;
                    let message = format!("the workflow file `{name}` named here is not there ({})", file.display());
                    diagnostics.push(Diagnostic::error(code, Span::from_range(at.clone()), message));
                }
            }
        }
    }
    fdl::diagnostic::sort_diagnostics(&mut diagnostics);
    Ok(HostReport { result: Some(FileResult { path: path.to_owned(), source: text, diagnostics }), named_files })
}

/// The host text with every workflow fixed that can be written back; stderr says what could not.
/// Workflows are fixed last first, so that a rewrite never moves one not yet fixed. The notes on
/// fixes left out are placed once all are written, in the final text, where they are exact.
fn fix_host(
    linter: &Linter<'static>,
    kind: HostKind,
    path: &str,
    text: &str,
    found: &[Found],
    scope: FixScope,
) -> String {
    let mut host = text.to_owned();
    // (workflow index, offset in its fixed text, note) for the fixes left out of written workflows.
    let mut left_out = Vec::new();
    for (index, item) in found.iter().enumerate().rev() {
        let Found::Workflow(embedded) = item else { continue };
        // A workflow whose options are invalid is not fixed: its finding says why.
        let Ok(linter) = own_linter(linter, embedded) else { continue };
        let outcome = linter.fix(embedded.map.text(), scope);
        let hidden = outcome.fixes_outside(scope);
        if hidden > 0 {
            errln!(
                "{path}: {hidden} more fix(es) for {} available with --unsafe-fixes (review them with --diff)",
                embedded.label
            );
        }
        let notes = outcome.left_out.iter().map(|left| {
            let note = format!("fix for {} not applied: {}", left.diagnostic.code, left.reason);
            (index, left.diagnostic.span.start as usize, note)
        });
        if outcome.text == embedded.map.text() {
            left_out.extend(notes);
            continue;
        }
        match flowplay_hosts::write_back(kind, &host, index, embedded, &outcome.text) {
            Ok(rewritten) => {
                host = rewritten;
                left_out.extend(notes);
            }
            Err(reason) => {
                let at = position(text, embedded.map.to_host(0));
                errln!("{path}:{at}: {} fix(es) for {} not written: {reason}", outcome.applied, embedded.label);
            }
        }
    }
    if !left_out.is_empty() {
        let found = flowplay_hosts::extract(kind, &host).unwrap_or_default();
        for (index, offset, note) in left_out.into_iter().rev() {
            if let Some(Found::Workflow(embedded)) = found.get(index) {
                errln!("{path}:{}: {note}", position(&host, embedded.map.to_host(offset)));
            }
        }
    }
    host
}

/// The linter for `embedded`: the CLI's, with the options the host gives the workflow on top
/// (`<cloudflow-lint options='{"executionMode": "Express", "rules": {…}}'>`, read as the embed
/// component reads them), or a finding at the options when they are not valid.
fn own_linter(linter: &Linter<'static>, embedded: &Embedded) -> Result<Linter<'static>, Box<Diagnostic>> {
    let mut config = linter.config().clone();
    if let Some((options, at)) = embedded.options.as_ref().filter(|(o, _)| !o.trim().is_empty()) {
        let invalid = |message: String| {
            let code = fdl::lint::rules::syntax::p012_unreadable_file::UnreadableFile::META.code;
            let span = Span::from_range(*at..at + options.len());
            Box::new(Diagnostic::error(
                code,
                span,
                format!("the lint options of {} are not valid: {message}", embedded.label),
            ))
        };
        let own = fdl::LintConfig::from_json(options, &[]).map_err(|e| invalid(e.message))?;
        config.rules.extend(own.rules);
        let value: serde_json::Value = serde_json::from_str(options).map_err(|e| invalid(e.to_string()))?;
        if value.get("executionMode").is_some_and(|m| !m.is_null()) {
            config.execution_mode = own.execution_mode;
        }
    }
    Ok(Linter::new(config).with_catalog(linter.catalog()))
}

/// `line:column` (1-based, columns in characters) of a host offset.
fn position(text: &str, offset: usize) -> String {
    let p = LineIndex::new(text).position(text, offset as u32);
    format!("{}:{}", p.line, p.column)
}

/// A finding of an embedded workflow, moved to the host. A fix stays only where its edits apply to
/// the host as they are: host text that is the workflow's text unchanged, a rewritable embedding,
/// no line break added under an indentation and no HTML special character (neither of which the
/// edit would encode).
fn to_host(mut d: Diagnostic, embedded: &Embedded) -> Diagnostic {
    let map = &embedded.map;
    let span = |s: Span| Span::from_range(map.range_to_host(s.range()));
    d.span = span(d.span);
    for label in &mut d.labels {
        label.span = span(label.span);
    }
    let keep_fix = match &embedded.rewrite {
        Rewrite::Lines { indent, .. } => {
            map.is_exact()
                && d.fix
                    .as_ref()
                    .is_some_and(|f| f.edits.iter().all(|e| indent.is_empty() || !e.replacement.contains('\n')))
        }
        Rewrite::Refused(_) => false,
    };
    if keep_fix {
        if let Some(fix) = &mut d.fix {
            for edit in &mut fix.edits {
                edit.span = span(edit.span);
            }
        }
    } else {
        d.fix = None;
    }
    d
}

/// The finding for a host that cannot be read as its kind.
fn extract_error(kind: HostKind, error: &ExtractError) -> Diagnostic {
    let code = fdl::lint::rules::syntax::p012_unreadable_file::UnreadableFile::META.code;
    let message = format!("cannot read the workflow in this {} file: {}", kind.name(), error.message);
    Diagnostic::error(code, Span::from_range(error.offset..error.offset), message)
}
