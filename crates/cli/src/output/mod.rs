//! Output formats of `flowplay lint`, one module each.

pub mod github;
pub mod human;
pub mod json;
pub mod sarif;

/// A linted file, as the formatters see it.
pub struct FileResult {
    /// The path as given (`-` for stdin shows as `<stdin>`).
    pub path: String,
    pub source: String,
    pub diagnostics: Vec<fdl::Diagnostic>,
}
