//! `FDL-L…`: the legacy dialect (`type: flow`, `steps`; spec §15.9).

pub mod l001_version;
pub mod l002_flow_shape;
pub mod l003_step_type;
pub mod l004_duplicate_step_name;
pub mod l005_goto_target;
pub mod l006_task;
pub mod l007_wait;
pub mod l008_foreach;
pub mod l009_parallel;
pub mod l010_choice_default;
pub mod l011_mapping_item;
pub mod l012_invalid_path;
pub mod l013_unknown_key;
pub mod l014_local_is_array;
pub mod l020_suggest_migration;
pub mod walk;

/// The rules of this group.
pub static RULES: &[&dyn crate::lint::Rule] = &[
    &l001_version::LegacyVersion,
    &l002_flow_shape::LegacyFlowShape,
    &l003_step_type::LegacyStepType,
    &l004_duplicate_step_name::LegacyDuplicateStepName,
    &l005_goto_target::LegacyGotoTarget,
    &l006_task::LegacyTask,
    &l007_wait::LegacyWait,
    &l008_foreach::LegacyForeach,
    &l009_parallel::LegacyParallel,
    &l010_choice_default::LegacyChoiceDefault,
    &l011_mapping_item::LegacyMappingItem,
    &l012_invalid_path::LegacyInvalidPath,
    &l013_unknown_key::LegacyUnknownKey,
    &l014_local_is_array::LegacyLocalIsArray,
    &l020_suggest_migration::SuggestMigration,
];
