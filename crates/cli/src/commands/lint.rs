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
use fdl::{LintConfig, Severity};

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
    /// Apply safe fixes to the files (stdin: print the fixed text).
    #[arg(long)]
    pub fix: bool,
    /// Also apply fixes marked unsafe (guesses, such as did-you-mean renames of values).
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
    let config = load_config(&args)?;
    let inputs = collect_inputs(&args.paths)?;
    let mut results = Vec::new();
    for input in inputs {
        let (path, source) = read_input(&input)?;
        let source = if args.fix {
            let (fixed, applied) = fdl::fix::fix_all(&source, &config, args.unsafe_fixes);
            if applied > 0 && fixed != source {
                apply_output(&input, &path, &source, &fixed, args.diff)?;
            }
            if args.diff || input.as_os_str() == "-" { source } else { fixed }
        } else {
            source
        };
        let catalog: Option<&dyn fdl::lint::ApiCatalog> =
            if args.no_catalog { None } else { Some(catalog::Catalog::embedded()) };
        let report = fdl::lint_with_catalog(&source, &config, catalog);
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

fn load_config(args: &LintArgs) -> anyhow::Result<LintConfig> {
    let path = match &args.config {
        Some(p) => Some(p.clone()),
        None => Some(PathBuf::from("flowplay.json")).filter(|p| p.is_file()),
    };
    let mut config = match path {
        Some(p) => {
            let text = std::fs::read_to_string(&p).with_context(|| format!("cannot read config {}", p.display()))?;
            serde_json::from_str::<LintConfig>(&text).with_context(|| format!("invalid config {}", p.display()))?
        }
        None => LintConfig::default(),
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
