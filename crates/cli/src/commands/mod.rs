//! One module per subcommand.

pub mod completions;
pub mod explain;
pub mod functions;
pub mod lint;
pub mod lint_hosts;
pub mod lsp;
pub mod real;
pub mod rules;
pub mod run;
pub mod schema;
pub mod serve;
pub mod sign;
