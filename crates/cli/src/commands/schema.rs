//! `flowplay schema` (UNFINISHED: being written in this session).

use std::process::ExitCode;

#[derive(clap::Args)]
pub struct SchemaArgs {}

pub fn run(_args: SchemaArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`flowplay schema` is not implemented yet")
}
