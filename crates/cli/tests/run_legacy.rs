//! `flowplay run` runs legacy (`type: flow`, `steps:`) workflows natively (issue 15).

use std::process::Command;

use serde_json::{Value, json};

/// Two pass steps and a task: a pass without mappings outputs `{}`, the task (echo mock) gets
/// its parent's input merged with its parent's local as its event.
const LEGACY: &str = "version: v1\ntype: flow\nsteps:\n  - type: pass\n    name: hello\n    outputMappings:\n      - target: greeting\n        source: hello\n  - type: pass\n    name: quiet\n  - type: task\n    name: shout\n    resourceArn: acs:fc:cn-hangzhou:123:services/demo/functions/shout\n    outputMappings:\n      - target: said\n        source: $local.greeting\n      - target: to\n        source: $local.name\n";

fn write(name: &str, text: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("flowplay-run-legacy-{}", std::process::id()));
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
fn a_legacy_flow_runs_and_prints_its_output() {
    let workflow = write("legacy.yaml", LEGACY);
    let (code, stdout, stderr) =
        flowplay(&["run", workflow.to_str().unwrap(), "--mocks", "echo", "--input", r#"{"name": "world"}"#]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    let output: Value = serde_json::from_str(&stdout).unwrap();
    // The flow's output is its local: the union of its steps' outputs.
    assert_eq!(output, json!({"greeting": "hello", "said": "hello", "to": "world"}));
}

#[test]
fn a_legacy_flow_failing_prints_its_error() {
    let workflow = write(
        "legacy-fail.yaml",
        "version: v1\ntype: flow\nsteps:\n  - type: fail\n    name: stop\n    error: Nope\n    cause: not today\n",
    );
    let (code, stdout, stderr) = flowplay(&["run", workflow.to_str().unwrap()]);
    assert_eq!(code, 1, "{stdout}{stderr}");
    let output: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(output, json!({"error": "Nope", "cause": "not today"}));
}

#[test]
fn real_mode_runs_a_legacy_flow_whose_resource_tasks_the_mocks_answer() {
    // Its one task names a resourceArn: nothing is sent (the relay at port 9 would refuse), the
    // echo mock answers, and stderr says so before the run.
    let workflow = write("legacy-real.yaml", LEGACY);
    let out = Command::new(env!("CARGO_BIN_EXE_flowplay"))
        .args([
            "run",
            workflow.to_str().unwrap(),
            "--real",
            "--relay",
            "http://127.0.0.1:9",
            "--input",
            r#"{"name": "ada"}"#,
        ])
        .env("ALIBABA_CLOUD_ACCESS_KEY_ID", "LTAIexample")
        .env("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "secret")
        .output()
        .unwrap();
    let (stdout, stderr) = (String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert_eq!(out.status.code(), Some(0), "{stdout}\n{stderr}");
    assert!(
        stderr.contains("legacy tasks that name a resourceArn are answered by the mocks, not called: shout"),
        "{stderr}"
    );
    let output: Value = serde_json::from_str(stdout.trim()).unwrap();
    assert_eq!(output, json!({"greeting": "hello", "said": "hello", "to": "ada"}));
}
