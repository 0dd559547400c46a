//! The operations the emulator answers, with realistic bodies: ECS `DescribeRegions` and
//! `DescribeInstances` (RegionId/VpcId/VSwitchId filters over a fixture fleet), CloudFlow
//! `StartExecution`, FC 3.0 `InvokeFunction` and `GetFunction`. `RequestId` is added by the
//! server.

use axum::http::StatusCode;
use serde_json::{Value, json};

use crate::errors::ApiFailure;

/// API versions answered.
pub const ECS_VERSION: &str = "2014-05-26";
pub const FNF_VERSION: &str = "2019-03-15";

/// Largest `PageSize` of `DescribeInstances` (as ECS documents).
const MAX_PAGE_SIZE: usize = 100;

/// The fixture fleet: four instances in cn-hangzhou (two VSwitches of one VPC, one stopped)
/// and two in cn-shanghai.
pub fn fleet() -> Vec<Value> {
    (1..=6)
        .map(|i| {
            let (region, vpc, vswitch) = match i {
                1 | 2 => ("cn-hangzhou", "vpc-bp1example", "vsw-bp1example"),
                3 | 4 => ("cn-hangzhou", "vpc-bp1example", "vsw-bp1other"),
                _ => ("cn-shanghai", "vpc-uf6example", "vsw-uf6example"),
            };
            json!({
                "InstanceId": format!("i-emu{i:04}"),
                "InstanceName": format!("web-{i}"),
                "RegionId": region,
                "ZoneId": format!("{region}-h"),
                "Status": if i == 3 { "Stopped" } else { "Running" },
                "InstanceType": "ecs.g7.large",
                "Cpu": 2,
                "Memory": 8192,
                "OSName": "Alibaba Cloud Linux 3.2104 LTS 64位",
                "VpcAttributes": {
                    "VpcId": vpc,
                    "VSwitchId": vswitch,
                    "PrivateIpAddress": {"IpAddress": [format!("172.16.0.{}", 10 + i)]}
                },
                "CreationTime": "2025-11-01T08:00Z",
            })
        })
        .collect()
}

fn describe_regions() -> Value {
    json!({"Regions": {"Region": [
        {"RegionId": "cn-hangzhou", "LocalName": "华东1（杭州）", "RegionEndpoint": "ecs.cn-hangzhou.aliyuncs.com"},
        {"RegionId": "cn-shanghai", "LocalName": "华东2（上海）", "RegionEndpoint": "ecs.cn-shanghai.aliyuncs.com"},
    ]}})
}

fn describe_instances(get: &dyn Fn(&str) -> Option<String>) -> Result<Value, ApiFailure> {
    let region = get("RegionId").ok_or_else(|| ApiFailure::missing("RegionId"))?;
    let page_size = match get("PageSize") {
        None => 10,
        Some(text) => text.parse::<usize>().ok().filter(|n| (1..=MAX_PAGE_SIZE).contains(n)).ok_or_else(|| {
            ApiFailure::new(
                StatusCode::BAD_REQUEST,
                "InvalidPageSize.Malformed",
                format!("The specified parameter \"PageSize\" is not valid (1-{MAX_PAGE_SIZE}): {text}"),
            )
        })?,
    };
    let (vpc, vswitch) = (get("VpcId"), get("VSwitchId"));
    let instances: Vec<Value> = fleet()
        .into_iter()
        .filter(|i| i["RegionId"] == region.as_str())
        .filter(|i| vpc.as_ref().is_none_or(|v| i["VpcAttributes"]["VpcId"] == v.as_str()))
        .filter(|i| vswitch.as_ref().is_none_or(|v| i["VpcAttributes"]["VSwitchId"] == v.as_str()))
        .collect();
    let total = instances.len();
    let page: Vec<Value> = instances.into_iter().take(page_size).collect();
    Ok(json!({"TotalCount": total, "PageNumber": 1, "PageSize": page_size, "Instances": {"Instance": page}}))
}

fn start_execution(get: &dyn Fn(&str) -> Option<String>) -> Result<Value, ApiFailure> {
    let flow = get("FlowName").ok_or_else(|| ApiFailure::missing("FlowName"))?;
    if let Some(input) = get("Input")
        && serde_json::from_str::<Value>(&input).is_err()
    {
        return Err(ApiFailure::new(StatusCode::BAD_REQUEST, "InvalidArgument", "Input is not a JSON object text."));
    }
    Ok(json!({
        "FlowName": flow,
        "Name": get("ExecutionName").unwrap_or_else(|| "emulated-execution".to_owned()),
        "Status": "Running",
        "StartedTime": "2026-01-01T00:00:00.000Z",
    }))
}

/// An RPC-style operation (RPC v1, or V3 on `/`).
pub fn rpc_operation(
    action: Option<&str>,
    version: Option<&str>,
    params: &[(String, String)],
) -> Result<Value, ApiFailure> {
    let get = |k: &str| params.iter().find(|(key, _)| key == k).map(|(_, v)| v.clone());
    match (action, version) {
        (Some("DescribeRegions"), Some(ECS_VERSION)) => Ok(describe_regions()),
        (Some("DescribeInstances"), Some(ECS_VERSION)) => describe_instances(&get),
        (Some("StartExecution"), Some(FNF_VERSION)) => start_execution(&get),
        (Some(action), version) => Err(ApiFailure::new(
            StatusCode::NOT_FOUND,
            "InvalidAction.NotFound",
            format!(
                "Specified api is not found, please check your url and method. ({action}, {})",
                version.unwrap_or("?")
            ),
        )),
        (None, _) => Err(ApiFailure::missing("Action")),
    }
}

/// FC 3.0 `GetFunction`, in FC's lower-camel-case.
pub fn get_function(name: &str) -> Value {
    json!({
        "functionName": name,
        "functionId": "emu-fn-0001",
        "runtime": "python3.10",
        "handler": "index.handler",
        "memorySize": 512,
        "timeout": 60,
    })
}

/// FC 3.0 `InvokeFunction`: the configured response for `name`, else an echo of the event.
pub fn invoke_function(name: &str, event: &[u8], configured: Option<&Value>) -> Value {
    configured.cloned().unwrap_or_else(|| {
        let payload: Value = serde_json::from_slice(event)
            .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(event).into_owned()));
        json!({"function": name, "echo": payload})
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect()
    }

    fn ids(body: &Value) -> Vec<&str> {
        body["Instances"]["Instance"].as_array().unwrap().iter().map(|i| i["InstanceId"].as_str().unwrap()).collect()
    }

    #[test]
    fn describe_instances_filters_by_region_vpc_and_vswitch() {
        let all =
            rpc_operation(Some("DescribeInstances"), Some(ECS_VERSION), &p(&[("RegionId", "cn-hangzhou")])).unwrap();
        assert_eq!(all["TotalCount"], 4);
        let vsw = rpc_operation(
            Some("DescribeInstances"),
            Some(ECS_VERSION),
            &p(&[("RegionId", "cn-hangzhou"), ("VpcId", "vpc-bp1example"), ("VSwitchId", "vsw-bp1example")]),
        )
        .unwrap();
        assert_eq!(ids(&vsw), ["i-emu0001", "i-emu0002"]);
        let other = rpc_operation(
            Some("DescribeInstances"),
            Some(ECS_VERSION),
            &p(&[("RegionId", "cn-shanghai"), ("VpcId", "vpc-bp1example")]),
        )
        .unwrap();
        assert_eq!(other["TotalCount"], 0);
    }

    #[test]
    fn describe_instances_needs_a_region_and_a_valid_page_size() {
        assert_eq!(
            rpc_operation(Some("DescribeInstances"), Some(ECS_VERSION), &[]).unwrap_err().code,
            "MissingParameter"
        );
        let bad = rpc_operation(
            Some("DescribeInstances"),
            Some(ECS_VERSION),
            &p(&[("RegionId", "cn-hangzhou"), ("PageSize", "0")]),
        );
        assert_eq!(bad.unwrap_err().code, "InvalidPageSize.Malformed");
        let one = rpc_operation(
            Some("DescribeInstances"),
            Some(ECS_VERSION),
            &p(&[("RegionId", "cn-hangzhou"), ("PageSize", "1")]),
        )
        .unwrap();
        assert_eq!((one["TotalCount"].as_u64(), ids(&one).len()), (Some(4), 1));
    }

    #[test]
    fn unknown_actions_and_versions_are_not_found() {
        let e = rpc_operation(Some("DescribeRegions"), Some("2099-01-01"), &[]).unwrap_err();
        assert_eq!((e.status, e.code), (StatusCode::NOT_FOUND, "InvalidAction.NotFound"));
    }

    #[test]
    fn start_execution_needs_a_flow_and_json_input() {
        let ok = rpc_operation(Some("StartExecution"), Some(FNF_VERSION), &p(&[("FlowName", "f"), ("Input", "{}")]))
            .unwrap();
        assert_eq!((ok["FlowName"].as_str(), ok["Status"].as_str()), (Some("f"), Some("Running")));
        let bad = rpc_operation(Some("StartExecution"), Some(FNF_VERSION), &p(&[("FlowName", "f"), ("Input", "{")]));
        assert_eq!(bad.unwrap_err().code, "InvalidArgument");
    }

    #[test]
    fn invoke_function_echoes_the_event_unless_a_response_is_configured() {
        assert_eq!(invoke_function("f", br#"{"a":1}"#, None), json!({"function": "f", "echo": {"a": 1}}));
        assert_eq!(invoke_function("f", b"text", None)["echo"], "text");
        assert_eq!(invoke_function("f", b"", Some(&json!({"ok": true}))), json!({"ok": true}));
    }
}
