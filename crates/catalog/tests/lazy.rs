//! The embedded catalog loads a product's operations only when a lookup needs them (issue 17,
//! start-up): linting a workflow inflates the index and the products its Tasks name, nothing
//! else, and what it loads is exactly the committed `data/products/*.json`.
#![cfg(feature = "embedded")]

use catalog::Catalog;
use fdl::Linter;
use fdl::lint::{ApiCatalog, LintConfig, OperationLookup};

fn flow(actions: &[&str]) -> String {
    let mut text = String::from("Type: StateMachine\nName: demo\nSpecVersion: v1\nStartAt: S0\nStates:\n");
    if actions.is_empty() {
        text.push_str("  - Type: Pass\n    Name: S0\n    End: true\n");
    }
    for (i, action) in actions.iter().enumerate() {
        text.push_str(&format!("  - Type: Task\n    Name: S{i}\n    Action: {action}\n"));
        text.push_str("    Parameters:\n      RegionId: cn-hangzhou\n");
        if i + 1 == actions.len() {
            text.push_str("    End: true\n");
        } else {
            text.push_str(&format!("    Next: S{}\n", i + 1));
        }
    }
    text
}

/// Lints `actions` as a flow with a fresh embedded catalog: the codes of its FDL-A findings and
/// the products it loaded.
fn lint(actions: &[&str]) -> (Vec<String>, Vec<String>) {
    let catalog = Catalog::from_embedded();
    let report = Linter::new(LintConfig::default()).with_catalog(Some(&catalog)).lint(&flow(actions));
    let codes = report.diagnostics.iter().map(|d| d.code.to_string()).filter(|c| c.starts_with("FDL-A")).collect();
    (codes, catalog.loaded_products())
}

#[test]
fn a_flow_without_a_task_loads_no_product() {
    assert_eq!(lint(&[]), (vec![], vec![]));
    assert!(Catalog::from_embedded().loaded_products().is_empty());
}

#[test]
fn linting_a_flow_loads_only_the_products_it_names() {
    assert_eq!(lint(&["ECS:DescribeInstances"]), (vec![], vec!["Ecs".to_owned()]));
    // The misspelt operation is still found (FDL-A002), from the one product loaded.
    assert_eq!(lint(&["ECS:DescribeInstance"]), (vec!["FDL-A002".to_owned()], vec!["Ecs".to_owned()]));
    // Aliases and case: ACK is CS, vpc is Vpc.
    let (_, loaded) = lint(&["ECS:DescribeInstances", "ACK:DescribeClusters", "vpc:DescribeVpcs"]);
    assert_eq!(loaded, ["CS", "Ecs", "Vpc"]);
    // Optimized integrations and unknown services load nothing.
    let (codes, loaded) = lint(&["FC:InvokeFunction", "HTTP:Invoke", "Nope:DoIt"]);
    assert_eq!((codes, loaded), (vec!["FDL-A001".to_owned()], vec![]));
}

#[test]
fn every_lookup_loads_the_product_once() {
    let c = Catalog::from_embedded();
    assert!(c.operation("Ecs", "DescribeInstances").is_some());
    assert_eq!(c.loaded_products(), ["Ecs"]);
    assert!(c.operation_names("fc").contains(&"InvokeFunction".to_owned()));
    assert!(matches!(ApiCatalog::operation(&c, "VPC", "CreateVSwitch"), OperationLookup::Known { .. }));
    assert_eq!(c.loaded_products(), ["Ecs", "FC", "Vpc"]);
    // Index-only questions load nothing.
    let c = Catalog::from_embedded();
    assert!(c.resolve("Redis").is_some());
    assert!(c.product_file_name("Ecs").is_some());
    assert!(c.loaded_products().is_empty());
    // Endpoints are in the product's file (the index every page load fetches stays small).
    assert_eq!(c.endpoint("Ecs", "cn-shanghai").as_deref(), Some("ecs.cn-shanghai.aliyuncs.com"));
    assert_eq!(c.loaded_products(), ["Ecs"]);
    // (Vpc's metadata lists no endpoints: its regions are unknown, not none.)
    assert_eq!(c.regions("Vpc"), None);
    assert!(c.regions("Ecs").is_some_and(|r| r.iter().any(|r| r == "cn-hangzhou")));
    assert_eq!(c.loaded_products(), ["Ecs", "Vpc"]);
}

#[test]
fn without_a_source_endpoints_come_with_the_product_added() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/data");
    let c = Catalog::from_index(&std::fs::read_to_string(format!("{dir}/index.json")).unwrap()).unwrap();
    assert_eq!(c.endpoint("Ecs", "cn-shanghai"), None, "not loaded yet (the browser fetches it)");
    assert_eq!(c.regions("Ecs"), None);
    c.add_product(&std::fs::read_to_string(format!("{dir}/products/ecs.json")).unwrap()).unwrap();
    assert_eq!(c.endpoint("Ecs", "cn-shanghai").as_deref(), Some("ecs.cn-shanghai.aliyuncs.com"));
    // A region without its own endpoint: none for a regional product.
    assert_eq!(c.endpoint("Ecs", "mars-1"), None);
}

#[test]
fn embedded_products_are_the_committed_files() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/data");
    let index = std::fs::read_to_string(format!("{dir}/index.json")).unwrap();
    let from_files = Catalog::from_index(&index).unwrap();
    let embedded = Catalog::from_embedded();
    assert_eq!(embedded.products().len(), from_files.products().len());
    for p in from_files.products() {
        from_files.add_product(&std::fs::read_to_string(format!("{dir}/products/{}", p.file)).unwrap()).unwrap();
        let names = embedded.operation_names(&p.code);
        assert_eq!(names, from_files.operation_names(&p.code), "{}", p.code);
        assert_eq!(names.len(), p.count, "{}", p.code);
        for name in &names {
            assert_eq!(embedded.operation(&p.code, name), from_files.operation(&p.code, name), "{} {name}", p.code);
        }
    }
    assert_eq!(embedded.loaded_products().len(), from_files.products().len());
}
