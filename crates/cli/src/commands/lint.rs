//! `flowplay lint [PATHS…|-]`: lint files, directories (the workflows below, see `discover`) or stdin.
//! Host files (Markdown, HTML, Terraform, ROS templates, `s.yaml`) go through `lint_hosts`.
//!
//! Exit status (a public contract): 0 when no finding is at or above the fail level, 1 when
//! some is, 2 when an input cannot be read (FDL-P012, the others still reported) or the
//! arguments are wrong.

use std::collections::HashSet;
use std::io::{IsTerminal, Read};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, bail};
use clap::ValueEnum;
use fdl::lint::{ExecutionMode, SeverityOverride};
use fdl::{FixScope, LintConfig, Linter, Severity};

use super::lint_hosts::{self, FixRequest};
use crate::color::{self, ColorArg};
use crate::discover::{self, Filter, Input};
use crate::output::{self, FileResult};

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum Format {
    Human,
    /// One line per finding: `path:line:col: CODE message`.
    Concise,
    Json,
    Sarif,
    Github,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum FailLevel {
    Error,
    Warning,
    Info,
    /// Never fail on findings (exit 0 unless an input cannot be read).
    Never,
}

#[derive(clap::Args)]
pub struct LintArgs {
    /// Files or directories to lint; `-` reads stdin. Defaults to the current directory.
    pub paths: Vec<PathBuf>,
    /// Filter file arguments as a directory walk filters: skip YAML that is not a workflow, host
    /// files without a workflow and files `flowplay.json` excludes, silently. For tools that pass
    /// every changed file, such as the pre-commit hook.
    #[arg(long)]
    pub only_workflows: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Lowest severity that makes the exit status 1.
    #[arg(long, value_enum, default_value_t = FailLevel::Error)]
    pub fail_level: FailLevel,
    /// Change a rule's severity: `CODE=error|warning|info|off` (repeatable).
    #[arg(long = "severity", value_name = "CODE=LEVEL")]
    pub severities: Vec<String>,
    /// A JSON config file (`{"rules": {"FDL-S007": "off"}, "executionMode": "Express",
    /// "include": ["flows/**"], "exclude": ["vendor"]}`). Defaults to the nearest `flowplay.json`
    /// in the current directory or a parent.
    #[arg(long)]
    pub config: Option<PathBuf>,
    /// Check against the limits of Express mode (Wait ≤ 20 s, RequestComplete only).
    #[arg(long)]
    pub express: bool,
    /// Apply safe fixes to the files (stdin: print the fixed text to stdout, the findings that
    /// remain to stderr). A safe fix keeps the workflow's behaviour: a workflow the service
    /// accepts runs exactly as before, and one it rejects is completed the only way its text
    /// allows (e.g. `SpecVersion: "1.0"` → `v1`, `Type: pass` → `Pass`). A fix is kept only if the
    /// file still parses and has no new finding; fixes repeat until nothing changes, so a second
    /// run changes nothing.
    #[arg(long)]
    pub fix: bool,
    /// Also apply unsafe fixes: guesses and changes of behaviour, e.g. did-you-mean renames,
    /// `States.ALL` → `FnF.ALL` (now matches every error), `WaitForCallback` →
    /// `WaitForCustomCallback`, `End: true` for a missing transition, the legacy migration.
    /// Review them (`--diff`).
    #[arg(long, requires = "fix")]
    pub unsafe_fixes: bool,
    /// With --fix: print a unified diff to stdout instead of writing the files (the findings go to stderr).
    #[arg(long, requires = "fix")]
    pub diff: bool,
    /// Do not check Task Actions and Parameters against the built-in Alibaba Cloud OpenAPI catalog.
    #[arg(long)]
    pub no_catalog: bool,
    /// Print only the findings: no summary line, no "fixed PATH" notes.
    #[arg(long, short)]
    pub quiet: bool,
    /// Print how many findings each rule raised (and how many are fixable) instead of the findings.
    #[arg(long)]
    pub statistics: bool,
    /// The path to report stdin (`-`) under, e.g. the file an editor is linting.
    #[arg(long, value_name = "PATH")]
    pub stdin_filename: Option<PathBuf>,
    /// Colour in human output. `auto`: when FORCE_COLOR or CLICOLOR_FORCE is set (non-empty,
    /// not 0), else not when NO_COLOR is set (non-empty), else on a terminal.
    #[arg(long, value_enum, default_value_t = ColorArg::Auto)]
    pub color: ColorArg,
}

pub fn run(args: LintArgs) -> anyhow::Result<ExitCode> {
    let (config, filter) = load_config(args.config.as_deref(), &args.severities, args.express)?;
    let linter = with_catalog(config, args.no_catalog);
    let scope = if args.unsafe_fixes { FixScope::IncludingUnsafe } else { FixScope::SafeOnly };
    let inputs = discover::collect(&args.paths, &filter, args.only_workflows)?;
    let fix_request = args.fix.then_some(FixRequest { scope, diff: args.diff, quiet: args.quiet });
    // Workflow files that hosts name (`definition: ./flow.yaml`) are linted once, after the
    // inputs, unless they are inputs themselves.
    let mut linted: HashSet<PathBuf> = inputs.iter().filter_map(canonical_input).collect();
    let mut named_files = Vec::new();
    let mut results = Vec::new();
    let mut unreadable = false;
    for input in inputs {
        let (input, path, source) = match input {
            Input::Stdin => {
                let name = args
                    .stdin_filename
                    .as_ref()
                    .map_or_else(|| output::STDIN_NAME.to_owned(), |p| p.display().to_string());
                (PathBuf::from("-"), name, read_stdin()?)
            }
            Input::File { path, text } => (path.clone(), path.display().to_string(), text),
            Input::Unreadable { path, reason } => {
                unreadable = true;
                results.push(unreadable_result(&path, &reason));
                continue;
            }
        };
        let stdin = input.as_os_str() == "-";
        let kind_path = if stdin { args.stdin_filename.as_deref() } else { Some(input.as_path()) };
        if let Some(kind) = kind_path.and_then(|p| flowplay_hosts::host_kind(p, &source)) {
            let report = lint_hosts::lint_host(&linter, kind, &input, &path, source, fix_request.as_ref())?;
            results.extend(report.result);
            named_files.extend(report.named_files);
            continue;
        }
        results.push(lint_file(&linter, &args, scope, &input, path, source)?);
    }
    for (file, kind) in named_files {
        if !linted.insert(std::fs::canonicalize(&file).unwrap_or_else(|_| file.clone())) {
            continue;
        }
        match discover::read(&file) {
            Input::File { path, text } => {
                let name = path.display().to_string();
                if let Some(kind) = kind {
                    let report = lint_hosts::lint_host(&linter, kind, &path, &name, text, fix_request.as_ref())?;
                    results.extend(report.result);
                } else {
                    results.push(lint_file(&linter, &args, scope, &path, name, text)?);
                }
            }
            Input::Unreadable { path, reason } => {
                unreadable = true;
                results.push(unreadable_result(&path, &reason));
            }
            Input::Stdin => {}
        }
    }
    // With `--fix --diff` or `- --fix`, stdout carries the diff or the fixed text: the report goes to stderr.
    let data_on_stdout = args.fix && (args.diff || args.paths.iter().any(|p| p.as_os_str() == "-"));
    // The report's stream decides what "a terminal" means.
    let is_tty = if data_on_stdout { std::io::stderr().is_terminal() } else { std::io::stdout().is_terminal() };
    let color = color::from_env(args.color, is_tty);
    match args.format {
        _ if args.statistics => report(data_on_stdout, output::statistics::render(&results)),
        Format::Human => output::human::print(&results, color, data_on_stdout, !args.quiet),
        Format::Concise => report(data_on_stdout, output::concise::render(&results)),
        Format::Json => report(data_on_stdout, output::json::render(&results)),
        Format::Sarif => report(data_on_stdout, output::sarif::render(&results)),
        Format::Github => report(data_on_stdout, output::github::render(&results)),
    }
    let threshold = match args.fail_level {
        FailLevel::Error => Some(Severity::Error),
        FailLevel::Warning => Some(Severity::Warning),
        FailLevel::Info => Some(Severity::Info),
        FailLevel::Never => None,
    };
    let failed = threshold.is_some_and(|t| results.iter().flat_map(|r| &r.diagnostics).any(|d| d.severity >= t));
    Ok(if unreadable {
        ExitCode::from(2)
    } else if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Lints (and with `--fix` fixes) a workflow file or stdin (`input` is `-`), reported as `path`.
fn lint_file(
    linter: &Linter<'static>,
    args: &LintArgs,
    scope: FixScope,
    input: &Path,
    path: String,
    source: String,
) -> anyhow::Result<FileResult> {
    let stdin = input.as_os_str() == "-";
    let (source, report) = if args.fix {
        let outcome = linter.fix(&source, scope);
        report_fixes(&path, &outcome, scope);
        // Stdin always comes back whole (an editor replaces its buffer with it).
        if outcome.text != source || (stdin && !args.diff) {
            apply_output(input, &path, &source, &outcome.text, args.diff, args.quiet)?;
        }
        // A diff leaves the file as it is: its findings all remain. A written file and fixed
        // stdin are reported as they now are, so the exit status says what is left.
        if args.diff {
            let report = linter.lint(&source);
            (source, report)
        } else {
            (outcome.text, outcome.report)
        }
    } else {
        let report = linter.lint(&source);
        (source, report)
    };
    Ok(FileResult { path, source, diagnostics: report.diagnostics })
}

/// FDL-P012 for a file that could not be read.
fn unreadable_result(path: &Path, reason: &str) -> FileResult {
    let message = format!("file could not be read: {reason}");
    let diagnostic = fdl::Diagnostic::error(
        fdl::lint::rules::syntax::p012_unreadable_file::UnreadableFile::META.code,
        fdl::Span::new(0, 0),
        message,
    );
    FileResult { path: path.display().to_string(), source: String::new(), diagnostics: vec![diagnostic] }
}

fn canonical_input(input: &Input) -> Option<PathBuf> {
    match input {
        Input::File { path, .. } => Some(std::fs::canonicalize(path).unwrap_or_else(|_| path.clone())),
        Input::Stdin | Input::Unreadable { .. } => None,
    }
}

/// The CLI's linter: the config file (`config`, else the nearest `flowplay.json` in the current
/// directory or a parent), `--severity` overrides, `--express`, and the built-in OpenAPI catalog
/// unless `no_catalog`. `flowplay run` checks a workflow with `linter(None, &[], false, false)`,
/// the linter of a plain `flowplay lint`, so what lint calls an error is what run refuses.
pub fn linter(
    config: Option<&Path>,
    severities: &[String],
    express: bool,
    no_catalog: bool,
) -> anyhow::Result<Linter<'static>> {
    let (config, _) = load_config(config, severities, express)?;
    Ok(with_catalog(config, no_catalog))
}

fn load_config(config: Option<&Path>, severities: &[String], express: bool) -> anyhow::Result<(LintConfig, Filter)> {
    let path = match config {
        Some(p) => Some(p.to_path_buf()),
        None => discover::find_config(Path::new(".")),
    };
    let (mut config, filter) = match path {
        Some(p) => read_config(&p)?,
        None => (LintConfig::default(), Filter::default()),
    };
    for entry in severities {
        let Some((code, level)) = entry.split_once('=') else {
            bail!("--severity takes CODE=LEVEL (error, warning, info or off), got `{entry}`");
        };
        let Some(level) = SeverityOverride::parse(level) else {
            bail!("unknown severity `{level}` in `{entry}`; use error, warning, info or off");
        };
        let Some(meta) = fdl::lint::rule_by_code(code) else {
            bail!("{} (in --severity {entry})", fdl::lint::unknown_code(code));
        };
        config.rules.insert(meta.code.to_owned(), level);
    }
    if express {
        config.execution_mode = ExecutionMode::Express;
    }
    Ok((config, filter))
}

/// Reads a `flowplay.json`: the linter's configuration and the `include`/`exclude` filter. A
/// mistake is an error at `path:line:column`, like a finding. `flowplay lsp` reads the one it
/// finds from each file's folder through this too.
pub fn read_config(p: &Path) -> anyhow::Result<(LintConfig, Filter)> {
    let text = std::fs::read_to_string(p).with_context(|| format!("cannot read config {}", p.display()))?;
    let located = |e: fdl::lint::ConfigError| match (e.line, e.column) {
        (Some(line), Some(column)) => anyhow::anyhow!("{}:{line}:{column}: {}", p.display(), e.message),
        _ => anyhow::anyhow!("{}: {}", p.display(), e.message),
    };
    let config = LintConfig::from_json(&text, discover::FILTER_KEYS).map_err(located)?;
    let root = p.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let filter = Filter::from_config(root, &text).map_err(located)?;
    Ok((config, filter))
}

/// The linter of a configuration, with the built-in OpenAPI catalog unless `no_catalog`.
pub fn with_catalog(config: LintConfig, no_catalog: bool) -> Linter<'static> {
    // The catalog is inflated when a rule first asks (a flow without a Task never does).
    let catalog: Option<&'static dyn fdl::lint::ApiCatalog> =
        if no_catalog { None } else { Some(&catalog::EmbeddedCatalog) };
    Linter::new(config).with_catalog(catalog)
}

fn report(to_stderr: bool, text: String) {
    if to_stderr {
        err!("{text}");
    } else {
        out!("{text}");
    }
}

fn read_stdin() -> anyhow::Result<String> {
    let mut text = String::new();
    std::io::stdin().read_to_string(&mut text).context("cannot read stdin")?;
    Ok(text)
}

/// Says on stderr what `--fix` left undone: fixes refused because they would add a finding or
/// break the file, unsafe fixes not asked for, and (never expected) passes that ran out.
fn report_fixes(path: &str, outcome: &fdl::FixOutcome, scope: FixScope) {
    let index = &outcome.report.analysis.line_index;
    for left in &outcome.left_out {
        let p = index.position(&outcome.text, left.diagnostic.span.start);
        errln!("{path}:{}:{}: fix for {} not applied: {}", p.line, p.column, left.diagnostic.code, left.reason);
    }
    let hidden = outcome.fixes_outside(scope);
    if hidden > 0 {
        errln!("{path}: {hidden} more fix(es) available with --unsafe-fixes (review them with --diff)");
    }
    if !outcome.converged {
        errln!("{path}: fixes did not settle after {} passes; run --fix again", fdl::fix::MAX_FIX_PASSES);
    }
}

pub(crate) fn apply_output(
    input: &Path,
    path: &str,
    before: &str,
    after: &str,
    diff: bool,
    quiet: bool,
) -> anyhow::Result<()> {
    if diff {
        let text = similar::TextDiff::from_lines(before, after)
            .unified_diff()
            .header(&format!("a/{path}"), &format!("b/{path}"))
            .to_string();
        out!("{text}");
    } else if input.as_os_str() == "-" {
        out!("{after}");
    } else {
        std::fs::write(input, after).with_context(|| format!("cannot write {}", input.display()))?;
        if !quiet {
            errln!("fixed {path}");
        }
    }
    Ok(())
}
