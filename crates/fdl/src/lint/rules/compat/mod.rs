//! `FDL-C…`: constructs of older revisions of the language.

pub mod c001_on_errors;
pub mod c002_until_date_time;

/// The rules of this group.
pub static RULES: &[&dyn crate::lint::Rule] = &[&c001_on_errors::OnErrors, &c002_until_date_time::UntilDateTime];
