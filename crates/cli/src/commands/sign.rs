//! `flowplay sign` (UNFINISHED: being written in this session).

use std::process::ExitCode;

#[derive(clap::Subcommand)]
pub enum SignCommand {
    /// RPC style, signature version 1.0.
    Rpc,
}

pub fn run(_cmd: SignCommand) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`flowplay sign` is not implemented yet")
}
