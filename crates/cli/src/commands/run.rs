//! `flowplay run WORKFLOW`: runs a workflow locally with mocked integrations.
//!
//! Public contract: on success only the execution output is printed as JSON on stdout (exit
//! 0); a failed execution prints `{"error": …, "cause": …}` on stdout (a Fail state's `Code`
//! and `Detail`) and exits 1; unusable arguments or a workflow with lint errors exit 2.
//!
//! The run is prepared by `engine::prepare`, as the wasm API and the playground prepare theirs:
//! without `--mocks`, every Task returns its resolved parameters (as with `--mocks echo`).

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, bail};
use clap::ValueEnum;
use engine::{EngineOptions, ExecutionMode, ExecutionStatus, PrepareError};
use serde_json::{Value, json};

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum HistoryFormat {
    Table,
    Json,
}

#[derive(Clone, Copy, Debug, Default, ValueEnum)]
pub enum ModeArg {
    #[default]
    Standard,
    Express,
}

#[derive(clap::Args)]
pub struct RunArgs {
    /// The workflow file (current dialect).
    pub workflow: PathBuf,
    /// Execution input: a JSON object, or a file containing one. CloudFlow's execution input is
    /// an object, so other JSON (`42`, `[1]`) is refused.
    #[arg(long, default_value = "{}")]
    pub input: String,
    /// Mock file (YAML or JSON), or `echo` to make every Task return its resolved parameters
    /// (also what happens without `--mocks`).
    #[arg(long)]
    pub mocks: Option<String>,
    /// The flow's execution mode: the workflow is linted and run with that mode's rules and
    /// limits (Express: 5-minute executions, RequestComplete tasks only).
    #[arg(long, value_enum, default_value_t = ModeArg::Standard)]
    pub mode: ModeArg,
    /// History events per execution (service: 5,000) — for local experiments; the history's
    /// ExecutionStarted event says when a limit differs from the service's.
    #[arg(long, value_name = "N")]
    pub max_events: Option<usize>,
    /// State transitions before a run is stopped as a runaway loop (default 10,000).
    #[arg(long, value_name = "N")]
    pub max_transitions: Option<usize>,
    /// Largest state input/output in bytes (service: 65,536).
    #[arg(long, value_name = "BYTES")]
    pub max_payload_bytes: Option<usize>,
    /// Most Map items (service: 10,000).
    #[arg(long, value_name = "N")]
    pub max_map_items: Option<usize>,
    /// The execution's time limit in seconds (service: the mode's maximum, 31,536,000 Standard,
    /// 300 Express); a root `Timeout` in the workflow still lowers it.
    #[arg(long, value_name = "SECONDS")]
    pub execution_timeout: Option<u32>,
    /// The test case of the mock file to use.
    #[arg(long)]
    pub case: Option<String>,
    /// Seed for randomInt()/uuid() and task tokens (same seed → same history).
    #[arg(long, default_value_t = 0)]
    pub seed: u64,
    /// Print the event history to stderr, as a table or JSON.
    #[arg(long, value_enum)]
    pub history: Option<HistoryFormat>,
    /// Print the data flow of these states (input, after InputConstructor, parameters, result,
    /// output, $Global) to stderr.
    #[arg(long = "break", value_name = "STATE")]
    pub breakpoints: Vec<String>,
    /// Fail on missing members in expressions instead of reading null.
    #[arg(long)]
    pub strict: bool,
    /// Let Waits and retry back-offs take real time, multiplied by SCALE (default 1; 0.1 is ten
    /// times faster). Without it they complete at once on the virtual clock.
    #[arg(long, value_name = "SCALE", num_args = 0..=1, default_missing_value = "1")]
    pub real_time: Option<f64>,
    /// Call Alibaba Cloud OpenAPI for real (normal integrations) through the relay, signed with
    /// ALIBABA_CLOUD_ACCESS_KEY_ID / ALIBABA_CLOUD_ACCESS_KEY_SECRET (/ ALIBABA_CLOUD_SECURITY_TOKEN).
    #[arg(long)]
    pub real: bool,
    /// With --real: send calls that write (any operation not named Describe…, List…, Get…,
    /// Query…, Check… or Search…). Without it such a Task fails with FnF.WriteRefused.
    #[arg(long, requires = "real")]
    pub allow_writes: bool,
    /// The relay endpoint (`flowplay serve`): an http or https URL.
    #[arg(long, default_value = "http://127.0.0.1:8080/api/relay", value_parser = relay_url)]
    pub relay: String,
    /// Region when a Task's Parameters have no RegionId.
    #[arg(long, default_value = "cn-hangzhou")]
    pub region: String,
    /// Endpoint override per service, `SERVICE=URL` (e.g. a local emulator).
    #[arg(long = "endpoint", value_name = "SERVICE=URL")]
    pub endpoints: Vec<String>,
}

/// Real time for `--real-time`.
struct TokioSleeper;

impl engine::Sleeper for TokioSleeper {
    fn sleep_ms<'a>(&'a self, ms: u64) -> std::pin::Pin<Box<dyn std::future::Future<Output = ()> + 'a>> {
        Box::pin(tokio::time::sleep(std::time::Duration::from_millis(ms)))
    }
}

/// The service's limits for `--mode`, with the limits the user changed.
fn engine_options(args: &RunArgs) -> EngineOptions {
    let mode = match args.mode {
        ModeArg::Standard => ExecutionMode::Standard,
        ModeArg::Express => ExecutionMode::Express,
    };
    let mut o = EngineOptions { seed: args.seed, strict_paths: args.strict, ..EngineOptions::for_mode(mode) };
    if let Some(n) = args.max_events {
        o.max_events = n;
    }
    if let Some(n) = args.max_transitions {
        o.max_transitions = n;
    }
    if let Some(n) = args.max_payload_bytes {
        o.max_payload_bytes = n;
    }
    if let Some(n) = args.max_map_items {
        o.max_map_items = n;
    }
    if let Some(seconds) = args.execution_timeout {
        o.execution_timeout_ms = i64::from(seconds) * 1000;
    }
    o
}

/// `--relay`: checked when the arguments are parsed, so a typo is a usage error (exit 2) naming
/// the flag and the value rather than a failure of every Task at run time.
fn relay_url(text: &str) -> Result<String, String> {
    match reqwest::Url::parse(text) {
        Ok(url) if matches!(url.scheme(), "http" | "https") && url.has_host() => Ok(text.to_owned()),
        Ok(url) => Err(format!("the relay must be an http or https URL with a host, not a `{}:` URL", url.scheme())),
        Err(e) => Err(format!("not a URL ({e}); e.g. http://127.0.0.1:8080/api/relay")),
    }
}

/// `--input`: the text itself when it is JSON (any JSON, so a scalar is refused below for what it
/// is, not as a missing file), else a file holding JSON. Returns the value and how to name it.
fn read_input(text: &str) -> anyhow::Result<(Value, String)> {
    match serde_json::from_str(text) {
        Ok(value) => return Ok((value, "--input".to_owned())),
        Err(e) if text.trim_start().starts_with(['{', '[']) => bail!("--input is not valid JSON: {e}"),
        Err(_) => {}
    }
    let json_text = std::fs::read_to_string(text)
        .with_context(|| format!("--input `{text}` is neither JSON nor a readable file"))?;
    let value = serde_json::from_str(&json_text).with_context(|| format!("--input file {text} is not valid JSON"))?;
    Ok((value, format!("--input file {text}")))
}

pub fn run(args: RunArgs) -> anyhow::Result<ExitCode> {
    let source =
        std::fs::read_to_string(&args.workflow).with_context(|| format!("cannot read {}", args.workflow.display()))?;
    let (input, input_name) = read_input(&args.input)?;
    let mocks_text = match args.mocks.as_deref() {
        None | Some("echo") => {
            if args.mocks.is_none() && args.case.is_some() {
                bail!("--case needs --mocks FILE");
            }
            None
        }
        Some(path) => Some(std::fs::read_to_string(path).with_context(|| format!("cannot read mock file {path}"))?),
    };
    let request = engine::RunRequest {
        source: &source,
        // The linter of a plain `flowplay lint` (config file, catalog): run refuses what it calls
        // an error.
        linter: crate::commands::lint::linter(None, &[], false, false)?,
        input,
        mocks: mocks_text.as_deref(),
        case: args.case.as_deref(),
        options: engine_options(&args),
    };
    let prepared = match engine::prepare(request) {
        Ok(p) => p,
        Err(PrepareError::Lint(errors)) => {
            let index = fdl::LineIndex::new(&source);
            for d in &errors {
                let p = index.position(&source, d.span.start);
                eprintln!("{}:{}:{}: error[{}]: {}", args.workflow.display(), p.line, p.column, d.code, d.message);
            }
            bail!("the workflow has errors; fix them first (`flowplay lint {}`)", args.workflow.display());
        }
        // `path:line:column: message` on a line of its own, as the workflow's errors above.
        Err(PrepareError::Mocks(e)) => {
            errln!("{}", e.located(args.mocks.as_deref().unwrap_or("mocks")));
            return Ok(ExitCode::from(2));
        }
        // The engine checks the input's shape (one rule for every host); say which flag it came from.
        Err(PrepareError::Input(message)) => bail!("{input_name}: {message}"),
        Err(e) => bail!("{e}"),
    };
    let engine::Prepared { flow, input, invoker, options, .. } = prepared;
    if let Some(scale) = args.real_time
        && !(scale.is_finite() && scale >= 0.0)
    {
        bail!("--real-time takes a non-negative scale, got {scale}");
    }
    let sleeper = TokioSleeper;
    let real_time = args.real_time.map(|scale| (&sleeper as &dyn engine::Sleeper, scale));
    let execution = if args.real {
        let env = |k: &str| std::env::var(k).with_context(|| format!("--real needs {k} in the environment"));
        let credentials = acs::Credentials {
            access_key_id: env("ALIBABA_CLOUD_ACCESS_KEY_ID")?,
            access_key_secret: env("ALIBABA_CLOUD_ACCESS_KEY_SECRET")?,
            security_token: std::env::var("ALIBABA_CLOUD_SECURITY_TOKEN").ok(),
        };
        let mut endpoints = std::collections::BTreeMap::new();
        for e in &args.endpoints {
            let Some((service, url)) = e.split_once('=') else { bail!("--endpoint takes SERVICE=URL, got `{e}`") };
            endpoints.insert(service.to_ascii_uppercase(), url.trim_end_matches('/').to_owned());
        }
        // Say as whom, where, and what would change before anything is sent.
        let writes = flowplay_real::workflow_write_actions(&flow);
        eprintln!(
            "real mode: region {}, AccessKey ID {}",
            args.region,
            flowplay_real::mask_access_key_id(&credentials.access_key_id)
        );
        // A legacy task that names a resource (an ARN) is not an API the relay can call.
        if let engine::Workflow::Legacy(legacy) = &flow {
            let mocked = flowplay_real::legacy_resource_tasks(legacy);
            if !mocked.is_empty() {
                eprintln!(
                    "real mode: legacy tasks that name a resourceArn are answered by the mocks, not called: {}",
                    mocked.join(", ")
                );
            }
        }
        if !writes.is_empty() {
            let verdict = if args.allow_writes {
                "allowed (--allow-writes)"
            } else {
                "refused (pass --allow-writes to send them)"
            };
            eprintln!("real mode: the workflow writes ({}): {verdict}", writes.join(", "));
        }
        let policy = if args.allow_writes {
            flowplay_real::WritePolicy::Allow
        } else {
            flowplay_real::WritePolicy::Refuse { hint: "pass --allow-writes to send it".into() }
        };
        let config = flowplay_real::RealConfig {
            relay_url: args.relay.clone(),
            credentials,
            region: args.region.clone(),
            endpoints,
            now_ms: crate::commands::real::now_ms,
        };
        let real = flowplay_real::RealInvoker::new(
            config,
            crate::commands::real::HttpTransport(reqwest::Client::new()),
            Box::new(|f| f(Some(catalog::Catalog::embedded()))),
            Box::new(invoker),
        )
        .with_writes(policy);
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
        runtime.block_on(engine::run_in_time(&flow, input, &real, &options, real_time))
    } else if real_time.is_some() {
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
        runtime.block_on(engine::run_in_time(&flow, input, &invoker, &options, real_time))
    } else {
        futures::executor::block_on(engine::run(&flow, input, &invoker, &options))
    };
    match args.history {
        Some(HistoryFormat::Json) => errln!("{}", serde_json::to_string_pretty(&execution.events)?),
        Some(HistoryFormat::Table) => {
            errln!("{:>4}  {:<24} {:<20} {:<24} DETAIL", "ID", "TIME", "TYPE", "STEP");
            for e in &execution.events {
                let detail = if e.event_detail.is_null() { String::new() } else { e.event_detail.to_string() };
                let detail: String = detail.chars().take(80).collect();
                errln!(
                    "{:>4}  {:<24} {:<20} {:<24} {detail}",
                    e.event_id,
                    e.time,
                    format!("{:?}", e.kind),
                    e.step_name
                );
            }
            for m in &execution.map_runs {
                eprintln!(
                    "MapRun {} ({}): {} — {} of {} items succeeded, {} failed",
                    m.name, m.state_name, m.status, m.item_counts.succeeded, m.item_counts.total, m.item_counts.failed
                );
            }
        }
        None => {}
    }
    for name in &args.breakpoints {
        let runs: Vec<_> = execution.traces.iter().filter(|t| &t.name == name).collect();
        if runs.is_empty() {
            errln!("break {name}: the state did not run");
        }
        for t in runs {
            errln!("break {name}:\n{}", serde_json::to_string_pretty(t)?);
        }
    }
    match execution.status {
        ExecutionStatus::Succeeded => {
            outln!("{}", serde_json::to_string(&execution.output.unwrap_or(Value::Null))?);
            Ok(ExitCode::SUCCESS)
        }
        _ => {
            outln!("{}", json!({"error": execution.error, "cause": execution.cause}));
            Ok(ExitCode::from(1))
        }
    }
}
