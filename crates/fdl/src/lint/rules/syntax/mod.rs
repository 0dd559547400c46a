//! `FDL-P…`: YAML and document shape (reported by the parser and lowering).

pub mod p001_syntax;
pub mod p002_not_cloudflow;
pub mod p003_mixed_dialects;
pub mod p004_too_large;
pub mod p005_too_deep;
pub mod p006_alias_budget;
pub mod p007_multiple_documents;
pub mod p008_duplicate_key;
pub mod p009_tab_indent;
pub mod p010_yaml11_boolean;
pub mod p011_template_placeholders;
pub mod p012_unreadable_file;
pub mod p013_step_functions;

/// The rules of this group.
pub static RULES: &[&dyn crate::lint::Rule] = &[
    &p001_syntax::YamlSyntax,
    &p002_not_cloudflow::NotCloudFlow,
    &p003_mixed_dialects::MixedDialects,
    &p004_too_large::DocumentTooLarge,
    &p005_too_deep::NestingTooDeep,
    &p006_alias_budget::AliasBudget,
    &p007_multiple_documents::MultipleDocuments,
    &p008_duplicate_key::DuplicateKey,
    &p009_tab_indent::TabIndent,
    &p010_yaml11_boolean::Yaml11Boolean,
    &p011_template_placeholders::TemplatePlaceholders,
    &p012_unreadable_file::UnreadableFile,
    &p013_step_functions::StepFunctionsDefinition,
];
