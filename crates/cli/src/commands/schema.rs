//! `flowplay schema`: a JSON Schema (draft-07) of the current dialect, for editors such as the
//! VS Code YAML extension (`# yaml-language-server: $schema=…`).

use std::process::ExitCode;

#[derive(clap::Args)]
pub struct SchemaArgs {}

pub fn run(_args: SchemaArgs) -> anyhow::Result<ExitCode> {
    outln!("{}", serde_json::to_string_pretty(&fdl::schema::json_schema())?);
    Ok(ExitCode::SUCCESS)
}
