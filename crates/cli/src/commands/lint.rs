//! `flowplay lint [PATHS…|-]`: lint files, directories (the workflows below, see `discover`) or stdin.
//!
//! Exit status (a public contract): 0 when no finding is at or above the fail level, 1 when
//! some is, 2 when an input cannot be read (FDL-P011, the others still reported) or the
//! arguments are wrong.

use std::io::{IsTerminal, Read};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, bail};
use clap::ValueEnum;
use fdl::lint::{ExecutionMode, SeverityOverride};
use fdl::{LintConfig, Severity};

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
    /// remain to stderr).
    #[arg(long)]
    pub fix: bool,
    /// Also apply fixes marked unsafe (guesses, such as did-you-mean renames of values).
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
    /// Colour in human output: auto (terminal only), always, never.
    #[arg(long, default_value = "auto")]
    pub color: String,
}

pub fn run(args: LintArgs) -> anyhow::Result<ExitCode> {
    let (config, filter) = load_config(&args)?;
    let inputs = discover::collect(&args.paths, &filter)?;
    let mut results = Vec::new();
    let mut unreadable = false;
    for input in inputs {
        let (input, path, source) = match input {
            Input::Stdin => {
                let name =
                    args.stdin_filename.as_ref().map_or_else(|| "<stdin>".to_owned(), |p| p.display().to_string());
                (PathBuf::from("-"), name, read_stdin()?)
            }
            Input::File { path, text } => (path.clone(), path.display().to_string(), text),
            Input::Unreadable { path, reason } => {
                unreadable = true;
                let message = format!("file could not be read: {reason}");
                let diagnostic = fdl::Diagnostic::error("FDL-P011", fdl::Span::new(0, 0), message);
                results.push(FileResult {
                    path: path.display().to_string(),
                    source: String::new(),
                    diagnostics: vec![diagnostic],
                });
                continue;
            }
        };
        let source = if args.fix {
            let (fixed, applied) = fdl::fix::fix_all(&source, &config, args.unsafe_fixes);
            // Stdin always comes back whole (an editor replaces its buffer with it).
            let stdin = input.as_os_str() == "-";
            if (applied > 0 && fixed != source) || (stdin && !args.diff) {
                apply_output(&input, &path, &source, &fixed, args.diff, args.quiet)?;
            }
            // A diff leaves the file as it is: its findings all remain. Fixed stdin is reported
            // as printed, so the exit status says what is left after the fixes.
            if args.diff { source } else { fixed }
        } else {
            source
        };
        let catalog: Option<&dyn fdl::lint::ApiCatalog> =
            if args.no_catalog { None } else { Some(catalog::Catalog::embedded()) };
        let report = fdl::lint_with_catalog(&source, &config, catalog);
        results.push(FileResult { path, source, diagnostics: report.diagnostics });
    }
    // With `--fix --diff` or `- --fix`, stdout carries the diff or the fixed text: the report goes to stderr.
    let data_on_stdout = args.fix && (args.diff || args.paths.iter().any(|p| p.as_os_str() == "-"));
    let color = match args.color.as_str() {
        "always" => true,
        "never" => false,
        _ if data_on_stdout => std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
        _ => std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    };
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

fn load_config(args: &LintArgs) -> anyhow::Result<(LintConfig, Filter)> {
    let path = match &args.config {
        Some(p) => Some(p.clone()),
        None => discover::find_config(Path::new(".")),
    };
    let (mut config, filter) = match path {
        Some(p) => {
            let text = std::fs::read_to_string(&p).with_context(|| format!("cannot read config {}", p.display()))?;
            let value: serde_json::Value =
                serde_json::from_str(&text).with_context(|| format!("invalid config {}", p.display()))?;
            let root = p.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
            let filter =
                Filter::from_config(root, &value).with_context(|| format!("invalid config {}", p.display()))?;
            let config = serde_json::from_value::<LintConfig>(value)
                .with_context(|| format!("invalid config {}", p.display()))?;
            (config, filter)
        }
        None => (LintConfig::default(), Filter::default()),
    };
    for entry in &args.severities {
        let Some((code, level)) = entry.split_once('=') else {
            bail!("--severity takes CODE=LEVEL (error, warning, info or off), got `{entry}`");
        };
        let Some(level) = SeverityOverride::parse(level) else {
            bail!("unknown severity `{level}` in `{entry}`; use error, warning, info or off");
        };
        if fdl::lint::rule_by_code(code).is_none() {
            bail!("unknown rule code `{code}`; `flowplay rules` lists them");
        }
        config.rules.insert(code.to_ascii_uppercase(), level);
    }
    if args.express {
        config.execution_mode = ExecutionMode::Express;
    }
    Ok((config, filter))
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

fn apply_output(input: &Path, path: &str, before: &str, after: &str, diff: bool, quiet: bool) -> anyhow::Result<()> {
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
