//! `flowplay`: the command-line interface. Each subcommand lives in its own module under
//! `commands/`; this file only parses arguments and maps results to exit codes.

#[macro_use]
mod stdout;
mod color;
mod commands;
mod discover;
mod output;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Lint, run and sign Alibaba Cloud CloudFlow workflows.
#[derive(Parser)]
#[command(name = "flowplay", version, about, long_about = None)]
pub(crate) struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Lint workflow files (or stdin with `-`) and report diagnostics.
    Lint(commands::lint::LintArgs),
    /// Print the documentation of a lint rule, e.g. `flowplay explain FDL-S013`.
    Explain(commands::explain::ExplainArgs),
    /// List every lint rule with its code, default severity and summary.
    Rules(commands::rules::RulesArgs),
    /// List the expression language's built-in functions with their signatures.
    Functions(commands::functions::FunctionsArgs),
    /// Print a JSON Schema of the current dialect, for editors.
    Schema(commands::schema::SchemaArgs),
    /// Run a workflow locally with mocked (or real) integrations.
    Run(commands::run::RunArgs),
    /// Sign an Alibaba Cloud OpenAPI request (RPC, ROA or V3) and print the signature.
    #[command(subcommand)]
    Sign(commands::sign::SignCommand),
    /// Start the relay and serve the playground on localhost.
    Serve(commands::serve::ServeArgs),
    /// Start the language server (Language Server Protocol on stdin/stdout) for editors.
    Lsp(commands::lsp::LspArgs),
    /// Print a shell completion script, e.g. `flowplay completions bash > ~/.local/share/bash-completion/completions/flowplay`.
    Completions(commands::completions::CompletionsArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Lint(args) => commands::lint::run(args),
        Command::Explain(args) => commands::explain::run(args),
        Command::Rules(args) => commands::rules::run(args),
        Command::Functions(args) => commands::functions::run(args),
        Command::Schema(args) => commands::schema::run(args),
        Command::Run(args) => commands::run::run(args),
        Command::Sign(cmd) => commands::sign::run(cmd),
        Command::Serve(args) => commands::serve::run(args),
        Command::Completions(args) => commands::completions::run(args),
        Command::Lsp(args) => commands::lsp::run(args),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            errln!("flowplay: {err:#}");
            ExitCode::from(2)
        }
    }
}
