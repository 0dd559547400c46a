//! The editor features of flowplay as plain Rust over [`fdl`] and the OpenAPI catalog: what
//! `flowplay lsp` serves to editors and what the playground shows, so both behave the same.
//!
//! Every position here is a byte offset into the document (as fdl's spans are); [`position`]
//! converts to and from the Language Server Protocol's 0-based line and UTF-16 column. No
//! protocol or browser types appear in this crate.
//!
//! - [`actions`]: code actions — every fix of a finding (safe and unsafe, labelled) and
//!   "suppress this finding" with a `# flowplay-ignore` comment.
//! - [`complete`]: completion; [`hover`]: hover text.
//! - [`navigate`]: go to definition, find references and rename of state (and step) names.
//! - [`outline`]: document symbols (the state tree) and folding ranges.
//! - [`tokens`]: semantic tokens of expressions.
//!
//! Diagnostics are [`fdl::Linter::lint`]'s, with the configuration the caller built.

pub mod actions;
pub mod complete;
mod context;
pub mod hover;
pub mod navigate;
pub mod outline;
pub mod position;
pub mod tokens;

pub use actions::{CodeAction, CodeActionKind, code_actions};
pub use complete::{CompletionItem, CompletionKind, Completions, complete, complete_in};
pub use hover::{hover, hover_in};
pub use navigate::{Rename, RenameError, definition, references, rename};
pub use outline::{Symbol, SymbolKind, document_symbols, folding_ranges};
pub use tokens::{TokenKind, semantic_tokens};
