//! `flowplay explain CODE`: prints a rule's documentation (its doc comment).

use std::process::ExitCode;

use anyhow::bail;

#[derive(clap::Args)]
pub struct ExplainArgs {
    /// A rule code such as `FDL-S013` (case-insensitive) or a rule name such as `unresolved-transition`.
    pub code: String,
}

pub fn run(args: ExplainArgs) -> anyhow::Result<ExitCode> {
    let meta = fdl::lint::rule_by_code(&args.code)
        .or_else(|| fdl::lint::all_rules().iter().map(|r| r.meta()).find(|m| m.name == args.code));
    let Some(meta) = meta else {
        bail!("{}", fdl::lint::unknown_code(&args.code));
    };
    outln!("# {} {}\n", meta.code, meta.name);
    outln!("{} · default severity: {} · category: {}\n", meta.summary, meta.default_severity, meta.category.as_str());
    outln!("{}", crate::commands::rules::docs_text(meta));
    Ok(ExitCode::SUCCESS)
}
