//! The relay against a local upstream on loopback (allowed only through the test switches):
//! forwarding, header stripping, refusals as JSON errors, timeouts and resets, and that it keeps
//! serving afterwards.

use std::net::SocketAddr;
use std::time::Duration;

use axum::Router;
use axum::http::HeaderMap;
use axum::routing::{get, post};
use flowplay_relay::target::TargetPolicy;
use flowplay_relay::{RelayConfig, serve};
use serde_json::{Value, json};

async fn upstream() -> SocketAddr {
    let app = Router::new()
        .route(
            "/echo",
            post(|headers: HeaderMap, body: String| async move {
                let names: Vec<String> = headers.keys().map(|k| k.to_string()).collect();
                (
                    [("content-type", "application/json"), ("set-cookie", "a=b")],
                    json!({"body": body, "headers": names}).to_string(),
                )
            }),
        )
        .route(
            "/slow",
            get(|| async {
                tokio::time::sleep(Duration::from_secs(5)).await;
                "late"
            }),
        )
        .route(
            "/redirect",
            get(|| async { (axum::http::StatusCode::FOUND, [("location", "http://127.0.0.1:1/")], "") }),
        );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    addr
}

async fn relay(up: SocketAddr) -> SocketAddr {
    let config = RelayConfig {
        policy: TargetPolicy {
            allowed_hosts: vec![format!("localhost:{}", up.port())],
            allow_http_upstream: true,
            ..Default::default()
        },
        total_timeout: Duration::from_millis(800),
        ..Default::default()
    };
    let (tx, rx) = tokio::sync::oneshot::channel();
    tokio::spawn(async move {
        serve(config, "127.0.0.1:0".parse().unwrap(), move |a| tx.send(a).unwrap(), std::future::pending())
            .await
            .unwrap();
    });
    rx.await.unwrap()
}

async fn call(relay: SocketAddr, body: Value) -> (u16, HeaderMap, String) {
    let client = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
    let r = client.post(format!("http://{relay}/api/relay")).json(&body).send().await.unwrap();
    let status = r.status().as_u16();
    let headers = r.headers().clone();
    (status, headers, r.text().await.unwrap())
}

#[tokio::test]
async fn forwards_signed_requests_and_refuses_everything_else() {
    let up = upstream().await;
    let relay = relay(up).await;
    let base = format!("http://localhost:{}", up.port());

    let (status, headers, body) = call(relay, json!({"method": "POST", "url": format!("{base}/echo"), "headers": {"authorization": "acs id:sig", "cookie": "x=y", "x-acs-date": "2023-01-01T00:00:00Z"}, "body": "Action=X"})).await;
    assert_eq!(status, 200, "{body}");
    assert!(headers.get("set-cookie").is_none());
    assert_eq!(headers.get("referrer-policy").unwrap(), "no-referrer");
    let echoed: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(echoed["body"], "Action=X");
    let names = echoed["headers"].as_array().unwrap();
    assert!(names.contains(&json!("authorization")) && names.contains(&json!("x-acs-date")));
    assert!(!names.contains(&json!("cookie")));

    for (url, code, http) in [
        ("https://example.com/", "host_not_allowed", 403),
        ("http://ecs.cn-hangzhou.aliyuncs.com/", "scheme_not_allowed", 403),
        ("https://127.0.0.1/", "ip_literal", 403),
        ("https://169.254.169.254/latest/meta-data/", "ip_literal", 403),
        (&format!("http://localhost:{}/echo", up.port() + 1), "scheme_not_allowed", 403),
    ] {
        let (status, _, body) = call(relay, json!({"method": "GET", "url": url})).await;
        let v: Value = serde_json::from_str(&body).unwrap();
        assert_eq!((status, v["error"].as_str().unwrap()), (http, code), "{url}");
    }
    let (status, _, body) = call(relay, json!({"url": "x"})).await;
    assert_eq!(status, 400, "{body}");

    // Redirects are returned, not followed.
    let (status, _, _) = call(relay, json!({"method": "GET", "url": format!("{base}/redirect")})).await;
    assert_eq!(status, 302);

    // A slow upstream gets a 504 within the relay's timeout, and the relay keeps serving.
    let started = std::time::Instant::now();
    let (status, _, body) = call(relay, json!({"method": "GET", "url": format!("{base}/slow")})).await;
    assert_eq!(status, 504, "{body}");
    assert!(started.elapsed() < Duration::from_secs(3));
    let health: Value = reqwest::get(format!("http://{relay}/api/health")).await.unwrap().json().await.unwrap();
    assert_eq!(health["status"], "ok");
}

#[tokio::test]
async fn oversized_headers_are_refused_before_anything_is_sent() {
    let up = upstream().await;
    let relay = relay(up).await;
    let url = format!("http://localhost:{}/echo", up.port());
    let huge: serde_json::Map<String, Value> =
        [("x-acs-big".to_owned(), json!("v".repeat(9 * 1024)))].into_iter().collect();
    let (status, _, body) = call(relay, json!({"method": "GET", "url": url, "headers": huge})).await;
    assert_eq!(status, 431, "{body}");
    assert!(body.contains("headers_too_large"), "{body}");
    let many: serde_json::Map<String, Value> = (0..100).map(|i| (format!("x-h{i}"), json!("v"))).collect();
    let (status, _, _) = call(relay, json!({"method": "GET", "url": url, "headers": many})).await;
    assert_eq!(status, 431);
    // The relay's own HTTP server refuses an oversized request head too.
    let client = reqwest::Client::new();
    let mut request = client.post(format!("http://{relay}/api/relay")).body("{}");
    for i in 0..200 {
        request = request.header(format!("x-pad-{i}"), "p".repeat(4096));
    }
    match request.send().await {
        Ok(r) => assert!(r.status().is_client_error(), "{}", r.status()),
        Err(e) => assert!(e.is_request() || e.is_connect() || e.to_string().contains("connection"), "{e}"),
    }
}
