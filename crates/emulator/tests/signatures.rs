//! The emulator verifies signatures as the service does: signed requests from `acs` pass;
//! tampered, expired, replayed and unknown-key requests get Alibaba's error codes.

use serde_json::{Value, json};

async fn send(url: &str, headers: &[(&str, &str)]) -> (u16, Value) {
    let client = reqwest::Client::new();
    let mut req = client.post(url);
    for (k, v) in headers {
        req = req.header(*k, *v);
    }
    let r = req.send().await.unwrap();
    let status = r.status().as_u16();
    (status, serde_json::from_str(&r.text().await.unwrap()).unwrap_or(Value::Null))
}

fn now() -> String {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() as i64;
    let t = engine::format_rfc3339_millis(secs * 1000);
    format!("{}Z", &t[..19])
}

#[tokio::test]
async fn signature_checks() {
    let addr = flowplay_emulator::spawn(Default::default(), "127.0.0.1:0".parse().unwrap()).await.unwrap();
    let api = acs::request::ApiInfo {
        product: "Ecs".into(),
        version: "2014-05-26".into(),
        endpoint: format!("http://{addr}"),
    };
    let good = acs::Credentials {
        access_key_id: "testid".into(),
        access_key_secret: "testsecret".into(),
        security_token: None,
    };
    let params = json!({"RegionId": "cn-hangzhou"});

    let req = acs::request::build_rpc(&good, &api, "DescribeRegions", &params, &now(), "nonce-1");
    let (status, body) = send(&req.url, &[]).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["Regions"]["Region"][0]["RegionId"], "cn-hangzhou");

    let (status, body) = send(&req.url, &[]).await;
    assert_eq!((status, body["Code"].as_str()), (400, Some("SignatureNonceUsed")));

    let tampered = acs::request::build_rpc(&good, &api, "DescribeRegions", &params, &now(), "nonce-2")
        .url
        .replace("cn-hangzhou", "cn-shanghai");
    let (status, body) = send(&tampered, &[]).await;
    assert_eq!((status, body["Code"].as_str()), (400, Some("SignatureDoesNotMatch")));
    assert!(body["Message"].as_str().unwrap().contains("server string to sign is:POST&%2F&"));

    let expired = acs::request::build_rpc(&good, &api, "DescribeRegions", &params, "2020-01-01T00:00:00Z", "nonce-3");
    let (_, body) = send(&expired.url, &[]).await;
    assert_eq!(body["Code"], "InvalidTimeStamp.Expired");

    let stranger = acs::Credentials { access_key_id: "nobody".into(), ..good.clone() };
    let (status, body) =
        send(&acs::request::build_rpc(&stranger, &api, "DescribeRegions", &params, &now(), "nonce-4").url, &[]).await;
    assert_eq!((status, body["Code"].as_str()), (404, Some("InvalidAccessKeyId.NotFound")));

    let (status, body) = send(&format!("http://{addr}/?Action=DescribeRegions"), &[]).await;
    assert_eq!((status, body["Code"].as_str()), (400, Some("MissingParameter")));

    let throttled = acs::request::build_rpc(&good, &api, "DescribeRegions", &params, &now(), "nonce-5");
    let (status, body) = send(&throttled.url, &[("x-emulator-fault", "throttle")]).await;
    assert_eq!((status, body["Code"].as_str()), (429, Some("Throttling.User")));

    let reset = acs::request::build_rpc(&good, &api, "DescribeRegions", &params, &now(), "nonce-6");
    // The connection breaks: either before the response head or in the middle of the body.
    match reqwest::Client::new().post(&reset.url).header("x-emulator-fault", "reset").send().await {
        Err(e) => assert!(e.is_request() || e.is_body(), "{e}"),
        Ok(response) => assert!(response.text().await.is_err(), "the body must break off"),
    }
}

#[tokio::test]
async fn v3_requests_are_verified() {
    let addr = flowplay_emulator::spawn(Default::default(), "127.0.0.1:0".parse().unwrap()).await.unwrap();
    let body = r#"{"hello":"world"}"#;
    let path = "/2023-03-30/functions/demo/invocations";
    let host = addr.to_string();
    let date = now();
    let hash = acs::v3::hash_payload(body.as_bytes());
    let headers = vec![
        ("host".to_owned(), host.clone()),
        ("x-acs-action".to_owned(), "InvokeFunction".to_owned()),
        ("x-acs-version".to_owned(), "2023-03-30".to_owned()),
        ("x-acs-date".to_owned(), date.clone()),
        ("x-acs-signature-nonce".to_owned(), "v3-nonce".to_owned()),
        ("x-acs-content-sha256".to_owned(), hash.clone()),
        ("content-type".to_owned(), "application/json".to_owned()),
    ];
    let sig = acs::v3::sign_v3("POST", path, &[], &headers, body.as_bytes(), "testid", "testsecret");
    let client = reqwest::Client::new();
    let mut req = client.post(format!("http://{addr}{path}")).body(body);
    for (k, v) in headers.iter().filter(|(k, _)| k != "host") {
        req = req.header(k, v);
    }
    let r = req.header("authorization", &sig.authorization).send().await.unwrap();
    let status = r.status().as_u16();
    let text = r.text().await.unwrap();
    assert_eq!(status, 200, "{text}");
    assert_eq!(serde_json::from_str::<Value>(&text).unwrap()["echo"]["hello"], "world");
}
