//! Rule metadata and the list of every rule.

use super::Rule;
use crate::diagnostic::Severity;

/// Groups of rules; the letter in the code says the group (spec §14).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Category {
    /// `FDL-P…`: YAML and document shape.
    Syntax,
    /// `FDL-S…`: structure, schema, names, transitions.
    Structure,
    /// `FDL-E…`: expressions.
    Expression,
    /// `FDL-T…`: Task integrations.
    Integration,
    /// `FDL-R…`: Retry and Catch.
    ErrorHandling,
    /// `FDL-M…`, `FDL-W…`, `FDL-PA…`: Map, Wait and Parallel specifics.
    StateSpecific,
    /// `FDL-C…`: superseded constructs.
    Compatibility,
    /// `FDL-L…`: the legacy dialect.
    Legacy,
    /// `FDL-A…`: Alibaba Cloud OpenAPI catalog checks.
    Catalog,
}

impl Category {
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Syntax => "syntax",
            Category::Structure => "structure",
            Category::Expression => "expression",
            Category::Integration => "integration",
            Category::ErrorHandling => "error-handling",
            Category::StateSpecific => "state",
            Category::Compatibility => "compatibility",
            Category::Legacy => "legacy",
            Category::Catalog => "catalog",
        }
    }
}

/// What every rule declares about itself.
#[derive(Debug)]
pub struct RuleMeta {
    /// Stable code, e.g. `FDL-S013`. Never reused once published.
    pub code: &'static str,
    /// Kebab-case name, e.g. `unresolved-transition`.
    pub name: &'static str,
    pub category: Category,
    pub default_severity: Severity,
    /// One line for rule lists.
    pub summary: &'static str,
    /// The rule's doc comment (Markdown).
    pub docs: &'static str,
}

/// Every rule, in code order.
pub fn all_rules() -> &'static [&'static dyn Rule] {
    &super::rules::ALL
}

/// Metadata of every rule, including the parser's and lowering's built-in ones.
pub fn rule_by_code(code: &str) -> Option<&'static RuleMeta> {
    all_rules().iter().map(|r| r.meta()).find(|m| m.code.eq_ignore_ascii_case(code))
}
