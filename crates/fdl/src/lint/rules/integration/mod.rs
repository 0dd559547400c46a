//! `FDL-T…`: Task integrations — Action, TaskMode, Timeout and the optimized integrations' parameters.

pub mod known;
mod param;
pub mod t001_action_format;
pub mod t002_task_mode;
pub mod t003_timeout;
pub mod t010_express_task_mode;
pub mod t011_unsupported_task_mode;
pub mod t020_fc_mode_mismatch;
pub mod t021_fc_invocation_type;
pub mod t022_missing_parameter;
pub mod t023_http_method;
pub mod t024_mns_ranges;
pub mod t025_unknown_parameter;
pub mod t030_unknown_service;

/// The rules of this group.
pub static RULES: &[&dyn crate::lint::Rule] = &[
    &t001_action_format::ActionFormat,
    &t002_task_mode::TaskModeValue,
    &t003_timeout::TimeoutValue,
    &t010_express_task_mode::ExpressTaskMode,
    &t011_unsupported_task_mode::UnsupportedTaskMode,
    &t020_fc_mode_mismatch::FcModeMismatch,
    &t021_fc_invocation_type::FcInvocationType,
    &t022_missing_parameter::MissingParameter,
    &t023_http_method::HttpMethod,
    &t024_mns_ranges::MnsRanges,
    &t025_unknown_parameter::UnknownParameter,
    &t030_unknown_service::UnknownService,
];
