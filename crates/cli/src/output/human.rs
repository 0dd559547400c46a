//! `--format human` (the default): each finding with its source line underlined, labels and
//! help, in colour as `crate::color` decides, then a summary line.

use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label as CsLabel, Severity as CsSeverity};
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term::termcolor::{ColorChoice, StandardStream, WriteColor};
use codespan_reporting::term::{self, Config};
use std::io::Write as _;

use fdl::Severity;

use super::FileResult;

/// Writes the report to stdout (stderr when stdout carries data, as with `lint - --fix`); colour
/// follows `color` (decided by the caller, `crate::color`). A closed pipe ends the program quietly.
/// `summary: false` (`--quiet`) leaves out the closing count line.
pub fn print(files: &[FileResult], color: bool, to_stderr: bool, summary: bool) {
    // `Always`, not `Auto`: termcolor's Auto would look at TERM and NO_COLOR again and undo
    // FORCE_COLOR; `color` already decided (crate::color).
    let choice = if color { ColorChoice::Always } else { ColorChoice::Never };
    let stream = if to_stderr { StandardStream::stderr(choice) } else { StandardStream::stdout(choice) };
    let mut lock = stream.lock();
    if let Err(e) = write(files, &mut lock, summary).and_then(|()| lock.flush()) {
        crate::stdout::exit_on_write_error(&e, if to_stderr { "error" } else { "output" });
    }
}

/// Renders without colour (for tests).
#[cfg(test)]
pub fn render(files: &[FileResult]) -> String {
    let mut buffer = codespan_reporting::term::termcolor::Buffer::no_color();
    let _ = write(files, &mut buffer, true);
    String::from_utf8_lossy(buffer.as_slice()).into_owned()
}

fn write(files: &[FileResult], out: &mut dyn WriteColor, summary: bool) -> std::io::Result<()> {
    let mut db = SimpleFiles::new();
    let config = Config::default();
    let (mut errors, mut warnings, mut infos) = (0, 0, 0);
    for f in files {
        let id = db.add(f.path.clone(), f.source.clone());
        for d in &f.diagnostics {
            match d.severity {
                Severity::Error => errors += 1,
                Severity::Warning => warnings += 1,
                Severity::Info => infos += 1,
            }
            let severity = match d.severity {
                Severity::Error => CsSeverity::Error,
                Severity::Warning => CsSeverity::Warning,
                Severity::Info => CsSeverity::Note,
            };
            let mut labels = vec![CsLabel::primary(id, d.span.range())];
            labels.extend(d.labels.iter().map(|l| CsLabel::secondary(id, l.span.range()).with_message(&l.message)));
            let mut notes = Vec::new();
            if let Some(help) = &d.help {
                notes.push(format!("help: {help}"));
            }
            if let Some(fix) = &d.fix {
                let kind = match fix.applicability {
                    fdl::Applicability::Safe => "fix (applied by --fix)",
                    fdl::Applicability::Unsafe => "unsafe fix (applied by --fix --unsafe-fixes)",
                };
                notes.push(format!("{kind}: {}", fix.message));
            }
            let cs = CsDiagnostic::new(severity)
                .with_code(d.code)
                .with_message(&d.message)
                .with_labels(labels)
                .with_notes(notes);
            if let Err(err) = term::emit_to_write_style(out, &config, &db, &cs) {
                writeln!(out, "{}: {} [{}] (could not render the source: {err})", f.path, d.message, d.code)?;
            }
        }
    }
    if !summary {
        return Ok(());
    }
    let files_word = if files.len() == 1 { "file" } else { "files" };
    writeln!(out, "{} {files_word} checked: {errors} error(s), {warnings} warning(s), {infos} info", files.len())
}
