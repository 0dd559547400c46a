//! End to end over HTTP: requests signed by `acs` in every family are accepted; tampered,
//! expired, replayed, unknown-key and incomplete ones get Alibaba's codes and statuses; faults
//! can be injected per request or for the first calls.

use std::time::{SystemTime, UNIX_EPOCH};

use acs::{Body, Credentials, Method, Operation, Resolved, SignatureFamily, SignedRequest, Stamp, Style, UtcTime};
use flowplay_emulator::{EmulatorConfig, serve};
use serde_json::{Value, json};

fn now() -> UtcTime {
    let seconds = SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_secs();
    UtcTime::from_unix_seconds(seconds as i64).unwrap()
}

fn creds(id: &str, secret: &str) -> Credentials {
    Credentials { access_key_id: id.into(), access_key_secret: secret.into(), security_token: None }
}

fn good() -> Credentials {
    creds("testid", "testsecret")
}

fn target(base: &str, version: &str, style: Style, signature: SignatureFamily) -> Resolved {
    Resolved {
        api: acs::ApiInfo { product: String::new(), version: version.into(), endpoint: base.into() },
        style,
        signature,
    }
}

fn build(c: &Credentials, t: &Resolved, op: &Operation, time: UtcTime, nonce: &str) -> SignedRequest {
    acs::build_request(c, t, op, &Stamp::new(time, nonce).unwrap()).unwrap()
}

/// Sends a signed request as the relay would: URL, headers and body unchanged.
async fn send(req: &SignedRequest, extra: &[(&str, &str)]) -> (u16, String) {
    let client = reqwest::Client::new();
    let mut builder = client.request(req.method.parse().unwrap(), &req.url);
    for (k, v) in &req.headers {
        builder = builder.header(k, v);
    }
    for (k, v) in extra {
        builder = builder.header(*k, *v);
    }
    if let Some(body) = &req.body {
        builder = builder.body(body.clone());
    }
    let response = builder.send().await.unwrap();
    let status = response.status().as_u16();
    (status, response.text().await.unwrap_or_default())
}

async fn send_json(req: &SignedRequest, extra: &[(&str, &str)]) -> (u16, Value) {
    let (status, text) = send(req, extra).await;
    (status, serde_json::from_str(&text).unwrap_or(Value::Null))
}

fn ecs_rpc_v1_as(c: &Credentials, base: &str, time: UtcTime, nonce: &str, params: &Value) -> SignedRequest {
    let t = target(base, "2014-05-26", Style::Rpc, SignatureFamily::V1);
    build(c, &t, &Operation::rpc("DescribeRegions", params), time, nonce)
}

fn ecs_rpc_v1(base: &str, nonce: &str, params: Value) -> SignedRequest {
    ecs_rpc_v1_as(&good(), base, now(), nonce, &params)
}

#[tokio::test]
async fn rpc_v1_requests_are_verified_like_the_service() {
    let (addr, handle) = serve(EmulatorConfig::default()).await.unwrap();
    let base = format!("http://{addr}");
    let params = json!({"RegionId": "cn-hangzhou"});

    let req = ecs_rpc_v1(&base, "nonce-1", params.clone());
    let (status, body) = send_json(&req, &[]).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["Regions"]["Region"][0]["RegionId"], "cn-hangzhou");
    assert!(body["RequestId"].is_string());

    let (status, body) = send_json(&req, &[]).await;
    assert_eq!((status, body["Code"].as_str()), (400, Some("SignatureNonceUsed")), "a replay");

    let mut tampered = ecs_rpc_v1(&base, "nonce-2", params.clone());
    tampered.url = tampered.url.replace("cn-hangzhou", "cn-shanghai");
    let (status, body) = send_json(&tampered, &[]).await;
    assert_eq!((status, body["Code"].as_str()), (400, Some("SignatureDoesNotMatch")));
    assert!(body["Message"].as_str().unwrap().contains("server string to sign is:POST&%2F&"));
    for field in ["RequestId", "HostId", "Recommend"] {
        assert!(body[field].is_string(), "{field} in {body}");
    }

    let long_ago = UtcTime::parse_iso8601("2020-01-01T00:00:00Z").unwrap();
    let expired = ecs_rpc_v1_as(&good(), &base, long_ago, "nonce-3", &params);
    let (status, body) = send_json(&expired, &[]).await;
    assert_eq!((status, body["Code"].as_str()), (400, Some("InvalidTimeStamp.Expired")));

    let stranger = ecs_rpc_v1_as(&creds("nobody", "x"), &base, now(), "n4", &params);
    let (status, body) = send_json(&stranger, &[]).await;
    assert_eq!((status, body["Code"].as_str()), (404, Some("InvalidAccessKeyId.NotFound")));

    let bare = SignedRequest {
        method: "GET".into(),
        url: format!("{base}/?Action=DescribeRegions"),
        headers: Default::default(),
        body: None,
    };
    let (status, body) = send_json(&bare, &[]).await;
    assert_eq!((status, body["Code"].as_str()), (400, Some("MissingParameter")));

    handle.shutdown().await.unwrap();
}

#[tokio::test]
async fn v3_rpc_style_calls_are_verified_and_answered() {
    let (addr, _handle) = serve(EmulatorConfig::default()).await.unwrap();
    let t = target(&format!("http://{addr}"), "2014-05-26", Style::Rpc, SignatureFamily::V3);
    let op = Operation::rpc(
        "DescribeInstances",
        &json!({"RegionId": "cn-hangzhou", "VpcId": "vpc-bp1example", "VSwitchId": "vsw-bp1example"}),
    );
    let (status, body) = send_json(&build(&good(), &t, &op, now(), "v3-1"), &[]).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["TotalCount"], 2);

    let mut tampered = build(&good(), &t, &op, now(), "v3-2");
    tampered.url = tampered.url.replace("vsw-bp1example", "vsw-bp1other");
    let (status, body) = send_json(&tampered, &[]).await;
    assert_eq!((status, body["Code"].as_str()), (400, Some("SignatureDoesNotMatch")));

    let mut wrong_body = build(
        &good(),
        &t,
        &Operation { body: Body::Form(vec![("A".into(), "1".into())]), ..op.clone() },
        now(),
        "v3-3",
    );
    wrong_body.body = Some("A=2".into());
    let (status, body) = send_json(&wrong_body, &[]).await;
    assert_eq!((status, body["Code"].as_str()), (400, Some("InvalidParameter.ContentSha256")));

    let old = UtcTime::parse_iso8601("2020-01-01T00:00:00Z").unwrap();
    let (_, body) = send_json(&build(&good(), &t, &op, old, "v3-4"), &[]).await;
    assert_eq!(body["Code"], "InvalidTimeStamp.Expired");

    let mut unsigned = build(&good(), &t, &op, now(), "v3-5");
    unsigned.headers.remove("x-acs-signature-nonce");
    let (status, body) = send_json(&unsigned, &[]).await;
    assert_eq!((status, body["Code"].as_str()), (400, Some("MissingParameter")));
}

#[tokio::test]
async fn cloudflow_start_execution_takes_a_form_body_under_rpc_v1() {
    let (addr, _handle) = serve(EmulatorConfig::default()).await.unwrap();
    let t = target(&format!("http://{addr}"), "2019-03-15", Style::Rpc, SignatureFamily::V1);
    let mut op = Operation::rpc("StartExecution", &Value::Null);
    op.body = Body::Form(vec![("FlowName".into(), "my flow".into()), ("Input".into(), r#"{"a":1}"#.into())]);
    let (status, body) = send_json(&build(&good(), &t, &op, now(), "fnf-1"), &[]).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!((body["FlowName"].as_str(), body["Status"].as_str()), (Some("my flow"), Some("Running")));
}

#[tokio::test]
async fn fc_calls_are_verified_under_v3_and_roa_v1() {
    let config = EmulatorConfig {
        fc_responses: [("canned".to_owned(), json!({"result": 42}))].into_iter().collect(),
        ..EmulatorConfig::default()
    };
    let (addr, _handle) = serve(config).await.unwrap();
    let base = format!("http://{addr}");
    let v3 = target(&base, "2023-03-30", Style::Roa, SignatureFamily::V3);
    let mut invoke = Operation::roa("InvokeFunction", Method::Post, "/2023-03-30/functions/demo/invocations");
    invoke.body = Body::Json(r#"{"hello":"world"}"#.into());
    let (status, body) = send_json(&build(&good(), &v3, &invoke, now(), "fc-1"), &[]).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body, json!({"function": "demo", "echo": {"hello": "world"}}));

    invoke.pathname = "/2023-03-30/functions/canned/invocations".into();
    let (_, body) = send_json(&build(&good(), &v3, &invoke, now(), "fc-2"), &[]).await;
    assert_eq!(body, json!({"result": 42}));

    let roa = target(&base, "2023-03-30", Style::Roa, SignatureFamily::V1);
    let get = Operation::roa("GetFunction", Method::Get, "/2023-03-30/functions/demo");
    let (status, body) = send_json(&build(&good(), &roa, &get, now(), "fc-3"), &[]).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["runtime"], "python3.10");

    let mut tampered = build(&good(), &roa, &get, now(), "fc-4");
    tampered.headers.insert("x-acs-version".into(), "2099-01-01".into());
    let (status, body) = send_json(&tampered, &[]).await;
    assert_eq!((status, body["Code"].as_str()), (400, Some("SignatureDoesNotMatch")));
    assert!(body["Message"].as_str().unwrap().contains("x-acs-version:2099-01-01"));

    let old = UtcTime::parse_iso8601("2020-01-01T00:00:00Z").unwrap();
    let (_, body) = send_json(&build(&good(), &roa, &get, old, "fc-5"), &[]).await;
    assert_eq!(body["Code"], "InvalidTimeStamp.Expired");
}

#[tokio::test]
async fn faults_are_injected_by_header_or_parameter() {
    let (addr, _handle) = serve(EmulatorConfig::default()).await.unwrap();
    let base = format!("http://{addr}");
    let params = json!({"RegionId": "cn-hangzhou"});

    let (status, body) =
        send_json(&ecs_rpc_v1(&base, "f-1", params.clone()), &[("x-emulator-fault", "throttle")]).await;
    assert_eq!((status, body["Code"].as_str()), (429, Some("Throttling.User")));

    let by_param = ecs_rpc_v1(&base, "f-2", json!({"RegionId": "cn-hangzhou", "x-emulator-fault": "5xx"}));
    let (status, body) = send_json(&by_param, &[]).await;
    assert_eq!((status, body["Code"].as_str()), (503, Some("ServiceUnavailable")));

    let (status, text) = send(&ecs_rpc_v1(&base, "f-3", params.clone()), &[("x-emulator-fault", "truncate")]).await;
    assert_eq!(status, 200);
    assert!(text.starts_with("{\"") && serde_json::from_str::<Value>(&text).is_err(), "{text}");

    let (status, text) = send(&ecs_rpc_v1(&base, "f-4", params.clone()), &[("x-emulator-fault", "badjson")]).await;
    assert_eq!(status, 200);
    assert!(serde_json::from_str::<Value>(&text).is_err());

    let (status, _) = send(&ecs_rpc_v1(&base, "f-5", params.clone()), &[("x-emulator-fault", "slow:50")]).await;
    assert_eq!(status, 200, "slow answers normally");

    // The connection breaks: either before the response head or in the middle of the body.
    let reset = ecs_rpc_v1(&base, "f-6", params.clone());
    match reqwest::Client::new().post(&reset.url).header("x-emulator-fault", "reset").send().await {
        Err(e) => assert!(e.is_request() || e.is_body(), "{e}"),
        Ok(response) => assert!(response.text().await.is_err(), "the body must break off"),
    }

    let statuses: Vec<u16> = statuses_of_calls(&base, "ff", 3, &[("x-emulator-fault", "fail-first:2")]).await;
    assert_eq!(statuses, [503, 503, 200]);
}

async fn statuses_of_calls(base: &str, prefix: &str, n: usize, extra: &[(&str, &str)]) -> Vec<u16> {
    let mut out = Vec::new();
    for i in 0..n {
        let req = ecs_rpc_v1(base, &format!("{prefix}-{i}"), json!({"RegionId": "cn-hangzhou"}));
        out.push(send(&req, extra).await.0);
    }
    out
}

#[tokio::test]
async fn the_first_calls_of_every_action_can_be_failed_by_configuration() {
    let (addr, _handle) = serve(EmulatorConfig { fail_first_calls: 1, ..EmulatorConfig::default() }).await.unwrap();
    let statuses = statuses_of_calls(&format!("http://{addr}"), "cfg", 3, &[]).await;
    assert_eq!(statuses, [503, 200, 200]);
}

#[tokio::test]
async fn shutdown_stops_the_server() {
    let (addr, handle) = serve(EmulatorConfig::default()).await.unwrap();
    handle.shutdown().await.unwrap();
    assert!(tokio::net::TcpStream::connect(addr).await.is_err());
}
