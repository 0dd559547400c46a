//! End to end without Alibaba Cloud: `flowplay run --real` signs the seed's
//! `ECS:DescribeInstances` Task, sends it through the relay (`flowplay serve`'s library), and
//! the local emulator verifies the signature and answers; its response becomes the output.

use std::net::SocketAddr;
use std::process::Command;

use flowplay_relay::target::TargetPolicy;

fn start_servers() -> (SocketAddr, SocketAddr) {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build().unwrap();
        rt.block_on(async move {
            let emulator = flowplay_emulator::spawn(Default::default(), "127.0.0.1:0".parse().unwrap()).await.unwrap();
            let config = flowplay_relay::RelayConfig {
                policy: TargetPolicy {
                    allowed_hosts: vec![format!("localhost:{}", emulator.port())],
                    allow_http_upstream: true,
                    ..Default::default()
                },
                ..Default::default()
            };
            let (btx, brx) = tokio::sync::oneshot::channel();
            tokio::spawn(flowplay_relay::serve(
                config,
                "127.0.0.1:0".parse().unwrap(),
                move |a| btx.send(a).unwrap(),
                std::future::pending(),
            ));
            let relay = brx.await.unwrap();
            tx.send((emulator, relay)).unwrap();
            std::future::pending::<()>().await;
        });
    });
    rx.recv().unwrap()
}

fn run(emulator: SocketAddr, relay: SocketAddr, secret: &str, input: &str) -> (i32, String, String) {
    run_example("ecs-describe-instances.yaml", "ECS", emulator, relay, secret, input)
}

/// `flowplay run --real --allow-writes` of a static example.
fn run_writing_example(
    example: &str,
    service: &str,
    emulator: SocketAddr,
    relay: SocketAddr,
    input: &str,
) -> (i32, String, String) {
    run_example_with(example, service, emulator, relay, "testsecret", input, &["--allow-writes"])
}

fn run_example(
    example: &str,
    service: &str,
    emulator: SocketAddr,
    relay: SocketAddr,
    secret: &str,
    input: &str,
) -> (i32, String, String) {
    run_example_with(example, service, emulator, relay, secret, input, &[])
}

fn run_example_with(
    example: &str,
    service: &str,
    emulator: SocketAddr,
    relay: SocketAddr,
    secret: &str,
    input: &str,
    extra: &[&str],
) -> (i32, String, String) {
    let workflow = format!("{}/../../static/examples/{example}", env!("CARGO_MANIFEST_DIR"));
    let out = Command::new(env!("CARGO_BIN_EXE_flowplay"))
        .args([
            "run",
            &workflow,
            "--real",
            "--relay",
            &format!("http://{relay}/api/relay"),
            "--endpoint",
            &format!("{service}=http://localhost:{}", emulator.port()),
            "--input",
            input,
        ])
        .args(extra)
        .env("ALIBABA_CLOUD_ACCESS_KEY_ID", "testid")
        .env("ALIBABA_CLOUD_ACCESS_KEY_SECRET", secret)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn seed_workflow_runs_through_the_relay_against_the_emulator() {
    let (emulator, relay) = start_servers();
    let input = r#"{"regionId": "cn-hangzhou", "vpcId": "vpc-bp1example", "vSwitchId": "vsw-bp1example"}"#;
    let (code, stdout, stderr) = run(emulator, relay, "testsecret", input);
    assert_eq!(code, 0, "stdout {stdout}\nstderr {stderr}");
    let output: serde_json::Value = serde_json::from_str(stdout.trim()).unwrap();
    assert_eq!(output["total"], 2, "{output}");
    let ids: Vec<&str> =
        output["instances"].as_array().unwrap().iter().map(|i| i["InstanceId"].as_str().unwrap()).collect();
    assert_eq!(ids, ["i-emu0001", "i-emu0002"]);
    assert!(!stderr.contains("testsecret"));

    // A wrong secret is refused by the emulator as the service would; the Task fails with that code.
    let (code, stdout, _) = run(emulator, relay, "wrongsecret", input);
    assert_eq!(code, 1);
    let failure: serde_json::Value = serde_json::from_str(stdout.trim()).unwrap();
    assert_eq!(failure["error"], "SignatureDoesNotMatch", "{failure}");
}

#[test]
fn roa_operation_from_the_catalog_is_signed_with_v3_and_answered() {
    let (emulator, relay) = start_servers();
    let (code, stdout, stderr) =
        run_example("fc-get-function.yaml", "FC", emulator, relay, "testsecret", r#"{"functionName": "demo"}"#);
    assert_eq!(code, 0, "stdout {stdout}\nstderr {stderr}");
    let output: serde_json::Value = serde_json::from_str(stdout.trim()).unwrap();
    assert_eq!(output, serde_json::json!({"runtime": "python3.10", "memory": 512}));
}

#[test]
fn fc_invoke_function_is_called_through_the_relay_with_its_body_wrapped() {
    let (emulator, relay) = start_servers();
    let (code, stdout, stderr) =
        run_writing_example("fc-invoke.yaml", "FC", emulator, relay, r#"{"greeting": "hello"}"#);
    assert_eq!(code, 0, "stdout {stdout}\nstderr {stderr}");
    let output: serde_json::Value = serde_json::from_str(stdout.trim()).unwrap();
    assert_eq!(output, serde_json::json!({"echoed": "hello", "function": "demo"}));
}

#[test]
fn fnf_start_execution_starts_a_child_flow_through_the_relay() {
    let (emulator, relay) = start_servers();
    let (code, stdout, stderr) =
        run_writing_example("child-flow.yaml", "FNF", emulator, relay, r#"{"runId": "r-1", "order": {"id": 7}}"#);
    assert_eq!(code, 0, "stdout {stdout}\nstderr {stderr}");
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(stdout.trim()).unwrap(),
        serde_json::json!({"childStatus": "Running"})
    );
}

/// Issue 14 finding 5: when the upstream cannot be reached, what `flowplay run --real` prints
/// (the Task's error, from the relay's message) quotes no signed URL: no Signature, no
/// AccessKey ID, no query value.
#[test]
fn an_unreachable_upstream_prints_no_signature() {
    // A port nothing listens on, allowed with --allow-host.
    let dead = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap();
    let relay_for_dead = {
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build().unwrap();
            rt.block_on(async move {
                let config = flowplay_relay::RelayConfig {
                    policy: TargetPolicy {
                        allowed_hosts: vec![format!("localhost:{}", dead.port())],
                        allow_http_upstream: true,
                        ..Default::default()
                    },
                    ..Default::default()
                };
                let (btx, brx) = tokio::sync::oneshot::channel();
                tokio::spawn(flowplay_relay::serve(
                    config,
                    "127.0.0.1:0".parse().unwrap(),
                    move |a| btx.send(a).unwrap(),
                    std::future::pending(),
                ));
                tx.send(brx.await.unwrap()).unwrap();
                std::future::pending::<()>().await;
            });
        });
        rx.recv().unwrap()
    };
    let input = r#"{"regionId": "cn-hangzhou", "vpcId": "vpc-bp1example", "vSwitchId": "vsw-bp1example"}"#;
    let (code, stdout, stderr) = run(dead, relay_for_dead, "testsecret", input);
    assert_eq!(code, 1, "stdout {stdout}\nstderr {stderr}");
    let failure: serde_json::Value = serde_json::from_str(stdout.trim()).unwrap();
    assert_eq!(failure["error"], "FnF.Relay.upstream_error", "{failure}");
    let printed = format!("{stdout}\n{stderr}");
    for (i, _) in printed.match_indices("Signature=") {
        assert!(printed[i..].starts_with("Signature=<redacted>"), "a Signature value printed: {printed}");
    }
    assert!(!printed.contains("AccessKeyId=testid"), "{printed}");
    assert!(!printed.contains("testsecret"), "{printed}");
}

/// Issue 14 finding 2: `--cors-origin null` and `*` stop `flowplay serve` with a message.
#[test]
fn serve_refuses_cors_origin_null_and_star() {
    for origin in ["null", "*"] {
        let out = Command::new(env!("CARGO_BIN_EXE_flowplay"))
            .args(["serve", "--port", "0", "--cors-origin", origin])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{origin}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains("--cors-origin") && stderr.contains("name the origin"), "{stderr}");
    }
}

#[test]
fn writes_are_refused_without_allow_writes_and_the_message_names_the_flag() {
    let (emulator, relay) = start_servers();
    let (code, stdout, stderr) =
        run_example("fc-invoke.yaml", "FC", emulator, relay, "testsecret", r#"{"greeting": "hello"}"#);
    assert_eq!(code, 1, "stdout {stdout}\nstderr {stderr}");
    // The failed execution's error, on stdout as for any failed run.
    assert!(stdout.contains("FnF.WriteRefused"), "{stdout}");
    assert!(stdout.contains("pass --allow-writes"), "{stdout}");
    assert!(stderr.contains("the workflow writes (FC:InvokeFunction)"), "{stderr}");
    // Who and where, with the AccessKey ID masked.
    assert!(stderr.contains("region cn-hangzhou, AccessKey ID ****id"), "{stderr}");
    // Reads need no flag.
    let input = r#"{"regionId": "cn-hangzhou", "vpcId": "vpc-bp1example", "vSwitchId": "vsw-bp1example"}"#;
    let (code, stdout, stderr) = run(emulator, relay, "testsecret", input);
    assert_eq!(code, 0, "stdout {stdout}\nstderr {stderr}");
    assert!(!stderr.contains("writes"), "{stderr}");
}

#[test]
fn a_legacy_action_task_is_signed_and_sent_through_the_relay() {
    let (emulator, relay) = start_servers();
    let dir = std::env::temp_dir().join(format!("flowplay-real-legacy-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let workflow = dir.join("legacy.yaml");
    // A legacy task by `action` + `serviceParams` (lower-case service, as the legacy samples
    // write it), then one by resourceArn, which the mocks answer.
    std::fs::write(
        &workflow,
        "version: v1\ntype: flow\nsteps:\n  - type: task\n    name: List\n    action: ecs:DescribeInstances\n    serviceParams:\n      RegionId: cn-hangzhou\n    outputMappings:\n      - target: total\n        source: $local.TotalCount\n  - type: task\n    name: Notify\n    resourceArn: acs:fc:cn-hangzhou:123:services/s/functions/f\n",
    )
    .unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_flowplay"))
        .args([
            "run",
            workflow.to_str().unwrap(),
            "--real",
            "--relay",
            &format!("http://{relay}/api/relay"),
            "--endpoint",
            &format!("ECS=http://localhost:{}", emulator.port()),
        ])
        .env("ALIBABA_CLOUD_ACCESS_KEY_ID", "testid")
        .env("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "testsecret")
        .output()
        .unwrap();
    let (stdout, stderr) = (String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert_eq!(out.status.code(), Some(0), "{stdout}\n{stderr}");
    assert!(stderr.contains("answered by the mocks, not called: Notify"), "{stderr}");
    let output: serde_json::Value = serde_json::from_str(stdout.trim()).unwrap();
    // No VPC filter: every instance the emulator has in the region (the seed filters to two).
    assert_eq!(output["total"], 4, "{output}");
    assert!(!stderr.contains("testsecret") && !stdout.contains("testsecret"));
}
