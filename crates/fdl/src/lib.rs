//! The CloudFlow flow definition language (FDL): a spanned YAML tree, the typed model of both
//! dialects, the expression language, diagnostics and the lint rules.
//!
//! Pure Rust with no I/O: the same code runs natively (CLI, tests, benchmarks) and in wasm32
//! (playground, embed package).

pub mod diagnostic;
pub mod span;
pub mod yaml;

pub use diagnostic::{Applicability, Diagnostic, Fix, Label, Severity, TextEdit};
pub use span::{LineIndex, Position, Span};
