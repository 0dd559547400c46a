//! `flowplay lint [PATHS…|-]`: lint files, directories (every `.yaml`/`.yml` below) or stdin.
//!
//! Exit status (a public contract): 0 when no finding is at or above the fail level, 1 when
//! some is, 2 when an input cannot be read or the arguments are wrong.

use std::io::{IsTerminal, Read};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, bail};
use clap::ValueEnum;
use fdl::lint::{ExecutionMode, SeverityOverride};
use fdl::{FixScope, LintConfig, Linter, Severity};

use crate::output::{self, FileResult};

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum Format {
    Human,
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
    /// A JSON config file (`{"rules": {"FDL-S007": "off"}, "executionMode": "Express"}`).
    /// Defaults to `flowplay.json` in the current directory when it exists.
    #[arg(long)]
    pub config: Option<PathBuf>,
    /// Check against the limits of Express mode (Wait ≤ 20 s, RequestComplete only).
    #[arg(long)]
    pub express: bool,
    /// Apply safe fixes to the files (stdin: print the fixed text). A safe fix keeps the
    /// workflow's behaviour: a workflow the service accepts runs exactly as before, and one it
    /// rejects is completed the only way its text allows (e.g. `SpecVersion: "1.0"` → `v1`,
    /// `Type: pass` → `Pass`). A fix is kept only if the file still parses and has no new
    /// finding; fixes repeat until nothing changes, so a second run changes nothing.
    #[arg(long)]
    pub fix: bool,
    /// Also apply unsafe fixes: guesses and changes of behaviour, e.g. did-you-mean renames,
    /// `States.ALL` → `FnF.ALL` (now matches every error), `WaitForCallback` →
    /// `WaitForCustomCallback`, `End: true` for a missing transition, the legacy migration.
    /// Review them (`--diff`).
    #[arg(long, requires = "fix")]
    pub unsafe_fixes: bool,
    /// With --fix: print a unified diff instead of writing the files.
    #[arg(long, requires = "fix")]
    pub diff: bool,
    /// Do not check Task Actions and Parameters against the built-in Alibaba Cloud OpenAPI catalog.
    #[arg(long)]
    pub no_catalog: bool,
    /// Colour in human output: auto (terminal only), always, never.
    #[arg(long, default_value = "auto")]
    pub color: String,
}

pub fn run(args: LintArgs) -> anyhow::Result<ExitCode> {
    let linter = linter(args.config.as_deref(), &args.severities, args.express, args.no_catalog)?;
    let scope = if args.unsafe_fixes { FixScope::IncludingUnsafe } else { FixScope::SafeOnly };
    let inputs = collect_inputs(&args.paths)?;
    let mut results = Vec::new();
    for input in inputs {
        let (path, source) = read_input(&input)?;
        let stdin = input.as_os_str() == "-";
        let (source, report) = if args.fix {
            let outcome = linter.fix(&source, scope);
            report_fixes(&path, &outcome, scope);
            if outcome.text != source {
                apply_output(&input, &path, &source, &outcome.text, args.diff)?;
            }
            // The findings shown are those of the text on disk: the fixed one once written.
            if args.diff || stdin { (source.clone(), linter.lint(&source)) } else { (outcome.text, outcome.report) }
        } else {
            let report = linter.lint(&source);
            (source, report)
        };
        results.push(FileResult { path, source, diagnostics: report.diagnostics });
    }
    let color = match args.color.as_str() {
        "always" => true,
        "never" => false,
        _ => std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    };
    match args.format {
        Format::Human => output::human::print(&results, color)?,
        Format::Json => out!("{}", output::json::render(&results)),
        Format::Sarif => out!("{}", output::sarif::render(&results)),
        Format::Github => out!("{}", output::github::render(&results)),
    }
    let threshold = match args.fail_level {
        FailLevel::Error => Some(Severity::Error),
        FailLevel::Warning => Some(Severity::Warning),
        FailLevel::Info => Some(Severity::Info),
        FailLevel::Never => None,
    };
    let failed = threshold.is_some_and(|t| results.iter().flat_map(|r| &r.diagnostics).any(|d| d.severity >= t));
    Ok(if failed { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

/// The CLI's linter: the config file (`config`, else `flowplay.json` in the current directory
/// when it exists), `--severity` overrides, `--express`, and the built-in OpenAPI catalog unless
/// `no_catalog`. `flowplay run` checks a workflow with `linter(None, &[], false, false)`, the
/// linter of a plain `flowplay lint`, so what lint calls an error is what run refuses.
pub fn linter(
    config: Option<&Path>,
    severities: &[String],
    express: bool,
    no_catalog: bool,
) -> anyhow::Result<Linter<'static>> {
    let config = load_config(config, severities, express)?;
    let catalog: Option<&'static dyn fdl::lint::ApiCatalog> =
        if no_catalog { None } else { Some(catalog::Catalog::embedded()) };
    Ok(Linter::new(config).with_catalog(catalog))
}

fn load_config(config: Option<&Path>, severities: &[String], express: bool) -> anyhow::Result<LintConfig> {
    let path = match config {
        Some(p) => Some(p.to_path_buf()),
        None => Some(PathBuf::from("flowplay.json")).filter(|p| p.is_file()),
    };
    let mut config = match path {
        Some(p) => {
            let text = std::fs::read_to_string(&p).with_context(|| format!("cannot read config {}", p.display()))?;
            serde_json::from_str::<LintConfig>(&text).with_context(|| format!("invalid config {}", p.display()))?
        }
        None => LintConfig::default(),
    };
    for entry in severities {
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
    if express {
        config.execution_mode = ExecutionMode::Express;
    }
    Ok(config)
}

/// Expands directories into their `.yaml`/`.yml` files (sorted); keeps files and `-` as given.
fn collect_inputs(paths: &[PathBuf]) -> anyhow::Result<Vec<PathBuf>> {
    let paths = if paths.is_empty() { vec![PathBuf::from(".")] } else { paths.to_vec() };
    let mut out = Vec::new();
    for p in paths {
        if p.as_os_str() == "-" || p.is_file() {
            out.push(p);
        } else if p.is_dir() {
            let mut found = Vec::new();
            walk(&p, &mut found)?;
            found.sort();
            out.extend(found);
        } else {
            bail!("no such file or directory: {}", p.display());
        }
    }
    Ok(out)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> anyhow::Result<()> {
    for entry in std::fs::read_dir(dir).with_context(|| format!("cannot read directory {}", dir.display()))? {
        let path = entry?.path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if name.starts_with('.') || name == "target" || name == "node_modules" {
            continue;
        }
        if path.is_dir() {
            walk(&path, out)?;
        } else if matches!(path.extension().and_then(|e| e.to_str()), Some("yaml" | "yml")) {
            out.push(path);
        }
    }
    Ok(())
}

fn read_input(input: &Path) -> anyhow::Result<(String, String)> {
    if input.as_os_str() == "-" {
        let mut text = String::new();
        std::io::stdin().read_to_string(&mut text).context("cannot read stdin")?;
        return Ok(("<stdin>".to_owned(), text));
    }
    let bytes = std::fs::read(input).with_context(|| format!("cannot read {}", input.display()))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        anyhow::anyhow!(
            "{} is not UTF-8 text (invalid byte at offset {})",
            input.display(),
            e.utf8_error().valid_up_to()
        )
    })?;
    Ok((input.display().to_string(), text))
}

/// Says on stderr what `--fix` left undone: fixes refused because they would add a finding or
/// break the file, unsafe fixes not asked for, and (never expected) passes that ran out.
fn report_fixes(path: &str, outcome: &fdl::FixOutcome, scope: FixScope) {
    let index = &outcome.report.analysis.line_index;
    for left in &outcome.left_out {
        let p = index.position(&outcome.text, left.diagnostic.span.start);
        eprintln!("{path}:{}:{}: fix for {} not applied: {}", p.line, p.column, left.diagnostic.code, left.reason);
    }
    let hidden = outcome
        .report
        .diagnostics
        .iter()
        .filter(|d| d.fix.as_ref().is_some_and(|f| !scope.allows(f.applicability)))
        .count();
    if hidden > 0 {
        eprintln!("{path}: {hidden} more fix(es) available with --unsafe-fixes (review them with --diff)");
    }
    if !outcome.converged {
        eprintln!("{path}: fixes did not settle after {} passes; run --fix again", fdl::fix::MAX_FIX_PASSES);
    }
}

fn apply_output(input: &Path, path: &str, before: &str, after: &str, diff: bool) -> anyhow::Result<()> {
    if diff {
        let text = similar::TextDiff::from_lines(before, after)
            .unified_diff()
            .header(&format!("a/{path}"), &format!("b/{path}"))
            .to_string();
        eprint!("{text}");
    } else if input.as_os_str() == "-" {
        out!("{after}");
    } else {
        std::fs::write(input, after).with_context(|| format!("cannot write {}", input.display()))?;
        eprintln!("fixed {path}");
    }
    Ok(())
}
