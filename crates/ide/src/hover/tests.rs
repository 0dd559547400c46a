use super::*;

const SRC: &str = "# flowplay-ignore-file: FDL-S007\nType: StateMachine\nName: d\nSpecVersion: v1\nStartAt: 开始\nStates:\n  - Type: Wait\n    Name: 开始\n    Seconds: 1\n    OutputConstructor:\n      n.$: length($Input.items)\n    Next: End\n  - Type: Task\n    Name: End\n    Action: ECS:DescribeInstances\n    Parameters:\n      RegionId: cn-hangzhou\n    End: true\n";

fn on(needle: &str, delta: usize, catalog: Option<&Catalog>) -> Option<String> {
    hover(SRC, (SRC.find(needle).unwrap() + delta) as u32, catalog)
}

#[test]
fn keys_show_their_documentation() {
    assert!(on("Seconds: 1", 2, None).unwrap().starts_with("Seconds — How long to wait"));
    assert!(on("- Type: Wait", 3, None).unwrap().starts_with("Type — "), "after `- ` too");
    assert_eq!(on("Seconds: 1", 9, None), None, "not on the value");
    assert!(on("Next: End", 1, None).unwrap().starts_with("Next — "), "after non-ASCII lines");
}

#[test]
fn rule_codes_show_the_rule() {
    let text = on("FDL-S007", 5, None).unwrap();
    assert!(text.starts_with("FDL-S007 unknown-key"), "{text}");
    assert!(text.contains("## What it checks"), "the documentation follows: {text}");
}

#[test]
fn functions_show_their_signature() {
    let text = on("length(", 2, None).unwrap();
    assert!(text.starts_with("length("), "{text}");
    assert_eq!(on("$Input.items", 3, None), None, "a variable is no function");
}

#[test]
fn catalog_operations_and_parameters() {
    let catalog = catalog::Catalog::from_embedded();
    let action = on("ECS:Describe", 5, Some(&catalog)).unwrap();
    assert!(action.starts_with("Ecs:DescribeInstances — API 2014-05-26") && action.contains("RegionId"), "{action}");
    let param = on("RegionId:", 2, Some(&catalog)).unwrap();
    assert!(param.starts_with("RegionId — String (required, in Query)"), "{param}");
    // Without the catalog, the key's documentation.
    assert!(on("Action: ECS", 2, None).unwrap().starts_with("Action — "));
}
