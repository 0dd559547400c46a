//! `FDL-R…`: Retry and Catch.

pub mod r001_error_handling_on_wrong_type;
pub mod r002_incomplete_rule;
pub mod r003_retry_numbers;
pub mod r010_missing_description;
pub mod r020_shadowed_rule;
pub mod r030_aws_error_name;
pub mod r031_fnf_all_spelling;

/// The rules of this group.
pub static RULES: &[&dyn crate::lint::Rule] = &[
    &r001_error_handling_on_wrong_type::ErrorHandlingOnWrongType,
    &r002_incomplete_rule::IncompleteRule,
    &r003_retry_numbers::RetryNumbers,
    &r010_missing_description::MissingDescription,
    &r020_shadowed_rule::ShadowedRule,
    &r030_aws_error_name::AwsErrorName,
    &r031_fnf_all_spelling::FnfAllSpelling,
];
