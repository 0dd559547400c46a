//! `FDL-X…`: the file's suppression comments themselves (`# flowplay-ignore: …`). Reported by
//! the linter after every other rule has run (see `lint/suppression.rs`): whether a code silenced
//! something is known only then.

pub mod x001_unused_suppression;
pub mod x002_unknown_suppression_code;
pub mod x003_malformed_suppression;

/// The rules of this group.
pub static RULES: &[&dyn crate::lint::Rule] = &[
    &x001_unused_suppression::UnusedSuppression,
    &x002_unknown_suppression_code::UnknownSuppressionCode,
    &x003_malformed_suppression::MalformedSuppression,
];
