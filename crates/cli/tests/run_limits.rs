//! `flowplay run`: root `Timeout` is the execution's time limit (issue 13, class 1), the limit
//! flags for local experiments and `--mode` (issue 15).

use std::process::Command;

use serde_json::Value;

/// The normal-integration page's example (corpus valid/00).
const EXAMPLE: &str = "Type: StateMachine\nName: test\nSpecVersion: v1\nTimeout: 600\nStartAt: DescribeInstances\nStates:\n  - Type: Task\n    Name: DescribeInstances\n    Action: ECS:DescribeInstances\n    TaskMode: RequestComplete\n    Parameters:\n      RegionId: cn-hangzhou\n      VpcId: vpc-bp11y195luy47h8****\n      VSwitchId: vsw-bp1wb297ekw7xyh****\n    End: true\n";

fn write(name: &str, text: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("flowplay-run-limits-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

fn flowplay(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_flowplay")).args(args).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn the_normal_integration_example_lints_clean_and_runs() {
    let workflow = write("example.yaml", EXAMPLE);
    let w = workflow.to_str().unwrap();
    let (code, stdout, _) = flowplay(&["lint", w]);
    assert_eq!(code, 0, "{stdout}");
    assert!(stdout.contains("0 error(s), 0 warning(s), 0 info"), "{stdout}");
    let (code, stdout, stderr) = flowplay(&["run", w, "--mocks", "echo"]);
    assert_eq!(code, 0, "{stderr}");
    let output: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(
        output,
        serde_json::json!({"RegionId": "cn-hangzhou", "VpcId": "vpc-bp11y195luy47h8****", "VSwitchId": "vsw-bp1wb297ekw7xyh****"})
    );
}

#[test]
fn root_timeout_times_the_execution_out() {
    let workflow = write("slow.yaml", EXAMPLE);
    let mocks =
        write("slow-mocks.yaml", "Cases:\n  slow:\n    DescribeInstances:\n      Result: {}\n      DelayMs: 700000\n");
    let (code, stdout, stderr) = flowplay(&[
        "run",
        workflow.to_str().unwrap(),
        "--mocks",
        mocks.to_str().unwrap(),
        "--case",
        "slow",
        "--history",
        "json",
    ]);
    assert_eq!(code, 1, "{stdout}{stderr}");
    let result: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(result["error"], "FnF.ExecutionTimedOut");
    let history: Value = serde_json::from_str(&stderr).unwrap();
    let last = history.as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["Type"], "ExecutionTimedOut");
    assert_eq!(last["Time"], "2026-01-01T00:10:00.000Z", "600 s after the start");
}

#[test]
fn limits_can_be_changed_and_the_history_says_so() {
    let workflow = write("limits.yaml", EXAMPLE);
    let w = workflow.to_str().unwrap();
    let (code, stdout, _) = flowplay(&["run", w, "--max-events", "3"]);
    assert_eq!(code, 1);
    assert!(stdout.contains("FnF.EventLimitExceeded"), "{stdout}");
    let (code, _, stderr) = flowplay(&["run", w, "--max-events", "20000", "--history", "json"]);
    assert_eq!(code, 0);
    let history: Value = serde_json::from_str(&stderr).unwrap();
    assert_eq!(history[0]["EventDetail"]["flowplayLimits"]["maxEvents"]["change"], "raised");
}

#[test]
fn express_mode_checks_the_timeout_against_five_minutes() {
    let workflow = write("express.yaml", EXAMPLE);
    let (code, _, stderr) = flowplay(&["run", workflow.to_str().unwrap(), "--mode", "express"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("FDL-S009"), "{stderr}");
    let short = write("express-short.yaml", &EXAMPLE.replace("Timeout: 600", "Timeout: 300"));
    let (code, _, stderr) = flowplay(&["run", short.to_str().unwrap(), "--mode", "express"]);
    assert_eq!(code, 0, "{stderr}");
}
