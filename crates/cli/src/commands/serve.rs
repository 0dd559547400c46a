//! `flowplay serve` (UNFINISHED: being written in this session).

use std::process::ExitCode;

#[derive(clap::Args)]
pub struct ServeArgs {}

pub fn run(_args: ServeArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`flowplay serve` is not implemented yet")
}
