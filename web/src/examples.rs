//! The examples menu: workflows shipped in `static/examples`.

pub struct Example {
    pub name: &'static str,
    pub title: &'static str,
    pub source: &'static str,
    pub input: &'static str,
}

pub static EXAMPLES: &[Example] = &[
    Example {
        name: "ecs-describe-instances",
        title: "ECS:DescribeInstances (normal integration)",
        source: include_str!("../../static/examples/ecs-describe-instances.yaml"),
        input: r#"{"regionId": "cn-hangzhou", "vpcId": "vpc-bp1example", "vSwitchId": "vsw-bp1example"}"#,
    },
    Example {
        name: "retry-catch",
        title: "Retry and Catch",
        source: include_str!("../../static/examples/retry-catch.yaml"),
        input: r#"{"amount": 42}"#,
    },
    Example {
        name: "map-and-parallel",
        title: "Map and Parallel",
        source: include_str!("../../static/examples/map-and-parallel.yaml"),
        input: r#"{"images": [{"name": "a"}, {"name": "b"}]}"#,
    },
    Example {
        name: "choice-wait",
        title: "Choice, Wait, Fail, Succeed",
        source: include_str!("../../static/examples/choice-wait.yaml"),
        input: r#"{"status": "pending", "attempts": 0}"#,
    },
    Example {
        name: "legacy-flow",
        title: "Legacy dialect (type: flow)",
        source: include_str!("../../static/examples/legacy-flow.yaml"),
        input: "{}",
    },
];
