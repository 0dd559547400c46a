//! `flowplay rules` (UNFINISHED: being written in this session).

use std::process::ExitCode;

#[derive(clap::Args)]
pub struct RulesArgs {}

pub fn run(_args: RulesArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`flowplay rules` is not implemented yet")
}
