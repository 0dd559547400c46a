//! The CloudFlow flow definition language (FDL): a spanned YAML tree, the typed model of both
//! dialects, the expression language, diagnostics and the lint rules.
//!
//! Pure Rust with no I/O: the same code runs natively (CLI, tests, benchmarks) and in wasm32
//! (playground, embed package).
//!
//! Linting and fixing go through one [`Linter`] (configuration, execution mode, catalog):
//!
//! ```
//! let report = fdl::Linter::default().lint("Type: StateMachine\nName: demo\nSpecVersion: v1\nStartAt: A\nStates:\n  - Type: Pass\n    Name: A\n    End: true\n");
//! assert!(report.diagnostics.is_empty());
//! ```

pub mod analysis;
pub mod diagnostic;
pub mod expr;
pub mod fix;
#[doc(hidden)]
pub mod float;
pub mod keys;
pub mod lint;
mod linter;
pub mod lower;
#[cfg(feature = "migrate")]
pub mod migrate;
pub mod model;
pub mod placeholder;
pub mod print;
pub mod report;
pub mod schema;
pub mod span;
pub mod yaml;

pub use analysis::{Analysis, analyze};
/// The string type of the YAML tree and the model: short strings (most keys, names and values)
/// are stored inline, without an allocation.
pub use compact_str::CompactString;
pub use diagnostic::{Applicability, Diagnostic, Fix, Label, Severity, TextEdit};
pub use fix::{FixOutcome, FixScope, LeftOut};
pub use lint::LintConfig;
pub use linter::{LintReport, Linter};
pub use span::{LineIndex, Position, Span};

/// The project's home (the workspace `repository` in Cargo.toml, the one place it is written):
/// the schema's `$id`, SARIF's `informationUri` and its rule `helpUri`s are built on it.
pub const PROJECT_URL: &str = env!("CARGO_PKG_REPOSITORY");
