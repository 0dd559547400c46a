//! `FDL-M…`, `FDL-W…`, `FDL-PA…`: Map, Wait and Parallel specifics.

pub mod m001_map_items;
pub mod m002_map_processor;
pub mod m003_max_concurrency;
pub mod m010_distributed_field_without_config;
pub mod m011_max_concurrency_typo;
pub mod m012_processor_execution_mode;
pub mod pa01_parallel_branches;
pub mod pa02_too_many_branches;
pub mod w001_wait_duration;
pub mod w002_wait_seconds_range;

/// The rules of this group.
pub static RULES: &[&dyn crate::lint::Rule] = &[
    &m001_map_items::MapItems,
    &m002_map_processor::MapProcessor,
    &m003_max_concurrency::MaxConcurrency,
    &m010_distributed_field_without_config::DistributedFieldWithoutConfig,
    &m011_max_concurrency_typo::MaxConcurrencyTypo,
    &m012_processor_execution_mode::ProcessorExecutionMode,
    &pa01_parallel_branches::ParallelBranches,
    &pa02_too_many_branches::TooManyBranches,
    &w001_wait_duration::WaitDuration,
    &w002_wait_seconds_range::WaitSecondsRange,
];
