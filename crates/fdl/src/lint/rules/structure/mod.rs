//! `FDL-S…`: structure, schema, names, transitions and reachability.

pub mod s001_root_type;
pub mod s002_spec_version;
pub mod s003_flow_name;
pub mod s004_state_type_or_name_missing;
pub mod s005_unknown_state_type;
pub mod s006_field_of_other_type;
pub mod s007_unknown_key;
pub mod s008_wrong_value_type;
pub mod s009_execution_timeout;
pub mod s010_unknown_root_key;
pub mod s011_unresolved_start_at;
pub mod s012_empty_states;
pub mod s013_unresolved_transition;
pub mod s014_unreachable_state;
pub mod s015_no_terminal_state;
pub mod s016_inescapable_loop;
pub mod s020_duplicate_state_name;
pub mod s021_name_reused_across_scopes;
pub mod s022_state_name_too_long;
pub mod s030_missing_next_or_end;
pub mod s031_redundant_end;
pub mod s032_end_with_next;
pub mod s033_choice_next_or_end;
pub mod s034_next_on_terminal;
pub mod s040_global_in_map;
pub mod s050_choice_branches;
pub mod s060_fail_without_detail;

/// The rules of this group.
pub static RULES: &[&dyn crate::lint::Rule] = &[
    &s001_root_type::RootType,
    &s002_spec_version::SpecVersion,
    &s003_flow_name::FlowName,
    &s004_state_type_or_name_missing::StateTypeOrNameMissing,
    &s005_unknown_state_type::UnknownStateType,
    &s006_field_of_other_type::FieldOfOtherType,
    &s007_unknown_key::UnknownKey,
    &s008_wrong_value_type::WrongValueType,
    &s009_execution_timeout::ExecutionTimeout,
    &s010_unknown_root_key::UnknownRootKey,
    &s011_unresolved_start_at::UnresolvedStartAt,
    &s012_empty_states::EmptyStates,
    &s013_unresolved_transition::UnresolvedTransition,
    &s014_unreachable_state::UnreachableState,
    &s015_no_terminal_state::NoTerminalState,
    &s016_inescapable_loop::InescapableLoop,
    &s020_duplicate_state_name::DuplicateStateName,
    &s021_name_reused_across_scopes::NameReusedAcrossScopes,
    &s022_state_name_too_long::StateNameTooLong,
    &s030_missing_next_or_end::MissingNextOrEnd,
    &s031_redundant_end::RedundantEnd,
    &s032_end_with_next::EndWithNext,
    &s033_choice_next_or_end::ChoiceNextOrEnd,
    &s034_next_on_terminal::NextOnTerminal,
    &s040_global_in_map::GlobalInMap,
    &s050_choice_branches::ChoiceBranches,
    &s060_fail_without_detail::FailWithoutDetail,
];
