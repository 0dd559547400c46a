//! What `flowplay lint` does with the process's embedded catalog (`EmbeddedCatalog`): nothing
//! for a flow without a Task, the index and the one product for a flow with an ECS Task. One
//! test in its own process, since the catalog is a process-wide static.
#![cfg(feature = "embedded")]

use catalog::{Catalog, EmbeddedCatalog};
use fdl::Linter;
use fdl::lint::LintConfig;

const NO_TASK: &str = "Type: StateMachine\nName: demo\nSpecVersion: v1\nStartAt: A\nStates:\n  - Type: Pass\n    Name: A\n    End: true\n";

#[test]
fn the_cli_catalog_is_inflated_only_as_far_as_the_flow_needs() {
    let linter = Linter::new(LintConfig::default()).with_catalog(Some(&EmbeddedCatalog));
    linter.lint(NO_TASK);
    assert!(Catalog::embedded_if_used().is_none(), "a flow without a Task inflated the catalog");
    let ecs = NO_TASK.replace(
        "Type: Pass",
        "Type: Task\n    Action: ECS:DescribeInstance\n    Parameters:\n      RegionId: cn-hangzhou",
    );
    let report = linter.lint(&ecs);
    let codes: Vec<&str> = report.diagnostics.iter().map(|d| d.code).filter(|c| c.starts_with("FDL-A")).collect();
    assert_eq!(codes, ["FDL-A002"]);
    assert_eq!(Catalog::embedded_if_used().map(Catalog::loaded_products), Some(vec!["Ecs".to_owned()]));
}
