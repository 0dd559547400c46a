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
