//! `FDL-E…`: expressions — syntax, variables and where they exist, functions and their arity.

pub mod e001_invalid_expression;
pub mod e002_literal_looks_like_expression;
pub mod e003_key_and_expression_key;
pub mod e004_expression_not_string;
pub mod e010_unknown_root;
pub mod e011_legacy_path;
pub mod e012_output_outside_output_constructor;
pub mod e013_item_outside_item_constructor;
pub mod e014_unknown_function;
pub mod e015_wrong_arity;
pub mod e016_call_nesting;
pub mod e020_condition_not_boolean;
pub mod e021_items_path_literal;

/// The rules of this group.
pub static RULES: &[&dyn crate::lint::Rule] = &[
    &e001_invalid_expression::InvalidExpression,
    &e002_literal_looks_like_expression::LiteralLooksLikeExpression,
    &e003_key_and_expression_key::KeyAndExpressionKey,
    &e004_expression_not_string::ExpressionNotString,
    &e010_unknown_root::UnknownRoot,
    &e011_legacy_path::LegacyPath,
    &e012_output_outside_output_constructor::OutputOutsideOutputConstructor,
    &e013_item_outside_item_constructor::ItemOutsideItemConstructor,
    &e014_unknown_function::UnknownFunction,
    &e015_wrong_arity::WrongArity,
    &e016_call_nesting::CallNesting,
    &e020_condition_not_boolean::ConditionNotBoolean,
    &e021_items_path_literal::ItemsPathLiteral,
];
