//! The linter: rule metadata, the registry, the context rules read, suppression comments and
//! severity configuration.
//!
//! Each rule lives in its own file under `rules/`; its doc comment is its documentation (shown
//! by `flowplay explain`, the playground and `docs/rules.md`).

pub mod catalog;
mod config;
mod context;
mod registry;
pub mod rules;
pub mod suppression;

pub use catalog::{ApiCatalog, OperationLookup, ParamInfo, ParamPosition, ServiceLookup, param_matches};
pub use config::{CONFIG_KEYS, ConfigError, LintConfig, SeverityOverride};
pub use context::{ExecutionMode, LintContext};
pub use registry::{Category, RuleMeta, all_rules, rule_by_code, suggest_code, unknown_code};
pub use suppression::Suppressions;

use crate::diagnostic::Diagnostic;

/// A lint rule. Rules are stateless; `check` pushes findings into `out`.
pub trait Rule: Sync {
    fn meta(&self) -> &'static RuleMeta;
    fn check(&self, ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>);
}

/// Declares a rule struct whose doc comment becomes `RuleMeta::docs`.
///
/// The doc comment has the sections `## What it checks`, `## Why`, `## Example`, `## Corrected`,
/// `## Fix` and `## Fix safety`. Under `## Example` the first ```` ```yaml ```` block is a
/// complete workflow (`Type`, `Name`, `SpecVersion`, `StartAt`, `States`) that raises the rule;
/// under `## Corrected` the first ```` ```yaml ```` block is the same workflow fixed, which raises
/// nothing of the rule and nothing at all at warning or error level. An Express flow's example
/// starts with a comment saying `linted with execution mode Express`. The test
/// `tests/rule_doc_examples.rs` lints both blocks of every rule; the rules that cannot have a
/// self-contained example, or are not converted yet, are listed there.
///
/// ```ignore
/// declare_rule! {
///     /// ## What it checks
///     /// ...
///     pub struct MissingStartAt {
///         code: "FDL-S011", name: "unresolved-start-at", category: Reference,
///         severity: Error, summary: "`StartAt` missing or names no state of its scope",
///     }
/// }
/// ```
#[macro_export]
macro_rules! declare_rule {
    (
        $(#[doc = $doc:expr])*
        pub struct $name:ident {
            code: $code:expr,
            name: $rule_name:expr,
            category: $category:ident,
            severity: $severity:ident,
            summary: $summary:expr $(,)?
        }
    ) => {
        $(#[doc = $doc])*
        pub struct $name;

        impl $name {
            pub const META: $crate::lint::RuleMeta = $crate::lint::RuleMeta {
                code: $code,
                name: $rule_name,
                category: $crate::lint::Category::$category,
                default_severity: $crate::diagnostic::Severity::$severity,
                summary: $summary,
                docs: if cfg!(feature = "rule-docs") { concat!($($doc, "\n"),*) } else { "" },
            };
        }
    };
}
