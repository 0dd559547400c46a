//! Imports every rule file needs.

pub use super::util::did_you_mean;
pub use crate::declare_rule;
pub use crate::diagnostic::{Applicability, Diagnostic, Fix, Severity, TextEdit};
pub use crate::fix::correction;
pub use crate::lint::{LintContext, Rule, RuleMeta};
pub use crate::model::visit::{for_each_scope, for_each_state};
pub use crate::model::*;
pub use crate::span::Span;

/// A diagnostic with the rule's code and default severity.
pub fn report(meta: &RuleMeta, span: Span, message: impl Into<String>) -> Diagnostic {
    Diagnostic::new(meta.code, meta.default_severity, span, message)
}

/// Implements `Rule::meta` for a rule declared with `declare_rule!`.
#[macro_export]
macro_rules! rule_meta {
    () => {
        fn meta(&self) -> &'static $crate::lint::RuleMeta {
            &Self::META
        }
    };
}
pub use crate::rule_meta;
