//! `flowplay explain` (UNFINISHED: being written in this session).

use std::process::ExitCode;

#[derive(clap::Args)]
pub struct ExplainArgs {}

pub fn run(_args: ExplainArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`flowplay explain` is not implemented yet")
}
