//! `FDL-A…`: Task `Action` and `Parameters` checked against Alibaba Cloud's public API
//! metadata. They run only when an OpenAPI catalog is passed (`fdl::Linter::with_catalog`).

pub mod a001_unknown_service;
pub mod a002_unknown_operation;
pub mod a003_unknown_parameter;
pub mod a004_missing_required_parameter;
pub mod a005_parameter_type;
pub mod a006_unknown_region;
mod common;

/// The rules of this group.
pub static RULES: &[&dyn crate::lint::Rule] = &[
    &a001_unknown_service::UnknownService,
    &a002_unknown_operation::UnknownOperation,
    &a003_unknown_parameter::UnknownParameter,
    &a004_missing_required_parameter::MissingRequiredParameter,
    &a005_parameter_type::ParameterType,
    &a006_unknown_region::UnknownRegion,
];
