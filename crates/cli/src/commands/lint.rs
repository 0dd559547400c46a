//! `flowplay lint` (UNFINISHED: being written in this session).

use std::process::ExitCode;

#[derive(clap::Args)]
pub struct LintArgs {}

pub fn run(_args: LintArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`flowplay lint` is not implemented yet")
}
