//! The relay against a local upstream on loopback (allowed only through the test switches):
//! forwarding, the JSON answer, header stripping, refusals as JSON errors, timeouts and resets,
//! and that it keeps serving afterwards. Each attack of issue 14 has a test named after its
//! finding; every attack input is in this directory (here and in `attacks.rs`).

mod attacks;

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use axum::Router;
use axum::http::HeaderMap;
use axum::routing::{any, get};
use flowplay_relay::target::TargetPolicy;
use flowplay_relay::{RelayConfig, serve};
use serde_json::{Value, json};

/// A fake upstream on loopback; `hits` counts the requests that reached it.
struct Upstream {
    addr: SocketAddr,
    hits: Arc<AtomicUsize>,
}

async fn upstream() -> Upstream {
    let hits = Arc::new(AtomicUsize::new(0));
    let counted = hits.clone();
    let app = Router::new()
        .route(
            "/echo",
            any(|headers: HeaderMap, body: String| async move {
                let names: Vec<String> = headers.keys().map(|k| k.to_string()).collect();
                let host = headers.get("host").and_then(|h| h.to_str().ok()).unwrap_or("").to_owned();
                (
                    [("content-type", "application/json"), ("set-cookie", "a=b")],
                    json!({"body": body, "headers": names, "host": host}).to_string(),
                )
            }),
        )
        .route("/html", get(|| async { attacks::hostile_upstream_answer() }))
        .route("/binary", get(|| async { ([("content-type", "application/octet-stream")], vec![0xffu8, 0x00, 0x01]) }))
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
        )
        .layer(axum::middleware::from_fn(move |req: axum::extract::Request, next: axum::middleware::Next| {
            counted.fetch_add(1, Ordering::SeqCst);
            next.run(req)
        }));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    Upstream { addr, hits }
}

fn test_config(up: &Upstream) -> RelayConfig {
    RelayConfig {
        policy: TargetPolicy {
            allowed_hosts: vec![format!("localhost:{}", up.addr.port())],
            allow_http_upstream: true,
            ..Default::default()
        },
        total_timeout: Duration::from_millis(800),
        ..Default::default()
    }
}

async fn start(config: RelayConfig) -> SocketAddr {
    let (tx, rx) = tokio::sync::oneshot::channel();
    tokio::spawn(async move {
        serve(config, "127.0.0.1:0".parse().unwrap(), move |a| tx.send(a).unwrap(), std::future::pending())
            .await
            .unwrap();
    });
    rx.await.unwrap()
}

async fn relay(up: &Upstream) -> SocketAddr {
    start(test_config(up)).await
}

fn client() -> reqwest::Client {
    reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap()
}

/// A POST as the CLI sends it (JSON, no Origin): status, headers and the body as JSON.
async fn call(relay: SocketAddr, body: Value) -> (u16, HeaderMap, Value) {
    let r = client().post(format!("http://{relay}/api/relay")).json(&body).send().await.unwrap();
    let status = r.status().as_u16();
    let headers = r.headers().clone();
    let text = r.text().await.unwrap();
    (status, headers, serde_json::from_str(&text).unwrap_or_else(|_| panic!("not JSON: {text}")))
}

/// The upstream's answer inside a relayed envelope, its `body` parsed as JSON.
fn upstream_json(envelope: &Value) -> Value {
    serde_json::from_str(envelope["body"].as_str().unwrap()).unwrap()
}

#[tokio::test]
async fn forwards_signed_requests_and_refuses_everything_else() {
    let up = upstream().await;
    let relay = relay(&up).await;
    let base = format!("http://localhost:{}", up.addr.port());

    let (status, headers, answer) = call(relay, json!({"method": "POST", "url": format!("{base}/echo"), "headers": {"authorization": "acs id:sig", "cookie": "x=y", "x-acs-date": "2023-01-01T00:00:00Z"}, "body": "Action=X"})).await;
    assert_eq!(status, 200, "{answer}");
    assert_eq!(answer["status"], 200);
    assert!(headers.get("set-cookie").is_none());
    assert_eq!(headers.get("referrer-policy").unwrap(), "no-referrer");
    let echoed = upstream_json(&answer);
    assert_eq!(echoed["body"], "Action=X");
    let names = echoed["headers"].as_array().unwrap();
    assert!(names.contains(&json!("authorization")) && names.contains(&json!("x-acs-date")));
    assert!(!names.contains(&json!("cookie")));

    for (url, code, http) in [
        ("https://example.com/", "host_not_allowed", 403),
        ("http://ecs.cn-hangzhou.aliyuncs.com/", "scheme_not_allowed", 403),
        ("https://127.0.0.1/", "ip_literal", 403),
        ("https://169.254.169.254/latest/meta-data/", "ip_literal", 403),
        (&format!("http://localhost:{}/echo", up.addr.port() + 1), "scheme_not_allowed", 403),
    ] {
        let (status, _, v) = call(relay, json!({"method": "GET", "url": url})).await;
        assert_eq!((status, v["error"].as_str().unwrap()), (http, code), "{url}");
    }
    let (status, _, body) = call(relay, json!({"url": "x"})).await;
    assert_eq!(status, 400, "{body}");

    // Redirects are returned as data, not followed, and Location is not among the headers.
    let (status, _, answer) = call(relay, json!({"method": "GET", "url": format!("{base}/redirect")})).await;
    assert_eq!((status, answer["status"].as_u64()), (200, Some(302)));
    assert!(answer["headers"].get("location").is_none());

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
    let relay = relay(&up).await;
    let url = format!("http://localhost:{}/echo", up.addr.port());
    let huge: serde_json::Map<String, Value> =
        [("x-acs-big".to_owned(), json!("v".repeat(9 * 1024)))].into_iter().collect();
    let (status, _, body) = call(relay, json!({"method": "GET", "url": url, "headers": huge})).await;
    assert_eq!(status, 431, "{body}");
    assert_eq!(body["error"], "headers_too_large");
    let many: serde_json::Map<String, Value> = (0..100).map(|i| (format!("x-h{i}"), json!("v"))).collect();
    let (status, _, _) = call(relay, json!({"method": "GET", "url": url, "headers": many})).await;
    assert_eq!(status, 431);
    // The relay's own HTTP server refuses an oversized request head too.
    let mut request =
        client().post(format!("http://{relay}/api/relay")).header("content-type", "application/json").body("{}");
    for i in 0..200 {
        request = request.header(format!("x-pad-{i}"), "p".repeat(4096));
    }
    match request.send().await {
        Ok(r) => assert!(r.status().is_client_error(), "{}", r.status()),
        Err(e) => assert!(e.is_request() || e.is_connect() || e.to_string().contains("connection"), "{e}"),
    }
    assert_eq!(up.hits.load(Ordering::SeqCst), 0);
}

/// Finding 1: whatever the upstream sends (an HTML page with a script, cookies, CORS and
/// navigation headers), the relay answers JSON the browser will not render, sniff or frame,
/// and none of the upstream's headers become headers of the relay's response.
#[tokio::test]
async fn finding1_upstream_content_is_data_never_a_document() {
    let up = upstream().await;
    let relay = relay(&up).await;
    let (status, headers, answer) =
        call(relay, json!({"method": "GET", "url": format!("http://localhost:{}/html", up.addr.port())})).await;
    assert_eq!(status, 200);
    assert_eq!(headers["content-type"], "application/json");
    assert_eq!(headers["x-content-type-options"], "nosniff");
    assert!(headers["content-disposition"].to_str().unwrap().starts_with("attachment"));
    assert!(headers["content-security-policy"].to_str().unwrap().starts_with("sandbox"));
    assert_eq!(headers["cache-control"], "no-store");
    for name in attacks::HOSTILE_UPSTREAM_HEADERS.map(|(n, _)| n) {
        // The relay sets its own content type and (sandbox) CSP, checked above.
        if !["content-type", "content-security-policy"].contains(&name) {
            assert!(headers.get(name).is_none(), "{name} passed through as a header");
        }
    }
    assert_eq!(answer["status"], 200);
    assert_eq!(answer["body"], attacks::HOSTILE_HTML);
    let kept: Vec<&String> = answer["headers"].as_object().unwrap().keys().collect();
    assert!(kept.iter().all(|k| ["content-type", "x-acs-request-id", "date"].contains(&k.as_str())), "{kept:?}");
    assert_eq!(answer["headers"]["content-type"], "text/html; charset=utf-8");

    // A body that is not UTF-8 comes as base64.
    let (_, _, answer) =
        call(relay, json!({"method": "GET", "url": format!("http://localhost:{}/binary", up.addr.port())})).await;
    assert_eq!(answer["body_base64"], "/wAB");
    assert!(answer.get("body").is_none());

    // Refusals carry the same headers.
    let (status, headers, _) = call(relay, json!({"method": "GET", "url": "https://example.com/"})).await;
    assert_eq!(status, 403);
    assert!(headers["content-security-policy"].to_str().unwrap().starts_with("sandbox"));
    assert_eq!(headers["x-content-type-options"], "nosniff");
    assert!(headers["content-disposition"].to_str().unwrap().starts_with("attachment"));
}

/// Finding 2: simple requests (a form post, `no-cors` fetches), other origins, `Origin: null`
/// and rebinding Host names are refused before the upstream is called; the serving origin and
/// `--cors-origin` work; one origin's rate does not starve another's.
#[tokio::test]
async fn finding2_only_json_from_this_origin_or_a_named_one() {
    let up = upstream().await;
    let relay = start(RelayConfig {
        cors_origins: vec!["http://localhost:5173".into()],
        public_hosts: vec!["flow.test".into()],
        rate_per_second: 0.0,
        rate_burst: 3.0,
        ..test_config(&up)
    })
    .await;
    let target = json!({"method": "POST", "url": format!("http://localhost:{}/echo", up.addr.port())}).to_string();
    let post = |content_type: &str, origin: Option<&str>, host: Option<&str>, body: String| {
        let mut r = client().post(format!("http://{relay}/api/relay")).header("content-type", content_type).body(body);
        if let Some(o) = origin {
            r = r.header("origin", o);
        }
        if let Some(h) = host {
            r = r.header("host", h);
        }
        r.send()
    };
    let serving = format!("http://{relay}");
    for (content_type, body) in attacks::SIMPLE_REQUEST_BODIES {
        let r = post(content_type, Some("http://evil.example"), None, body.replace("TARGET", &target)).await.unwrap();
        assert!([403, 415].contains(&r.status().as_u16()), "{content_type}: {}", r.status());
        // Even from the serving origin, a form's content type is refused.
        let r = post(content_type, Some(&serving), None, body.replace("TARGET", &target)).await.unwrap();
        assert_eq!(r.status(), 415, "{content_type}");
        assert_eq!(r.json::<Value>().await.unwrap()["error"], "unsupported_media_type");
    }
    for origin in attacks::HOSTILE_ORIGINS {
        let r = post("application/json", Some(origin), None, target.clone()).await.unwrap();
        assert_eq!(r.status(), 403, "{origin}");
        assert!(r.headers().get("access-control-allow-origin").is_none());
        let v: Value = r.json().await.unwrap();
        assert_eq!(v["error"], "origin_not_allowed");
        assert!(v["message"].as_str().unwrap().contains("--cors-origin"));
    }
    for host in attacks::REBINDING_HOSTS {
        let r = post("application/json", None, Some(host), target.clone()).await.unwrap();
        assert_eq!(r.status(), 421, "{host}");
        let v: Value = r.json().await.unwrap();
        assert_eq!(v["error"], "host_not_allowed");
        assert!(v["message"].as_str().unwrap().contains("--public-host"));
        let health = client().get(format!("http://{relay}/api/health")).header("host", host).send().await.unwrap();
        assert_eq!(health.status(), 421, "{host}");
    }
    assert_eq!(up.hits.load(Ordering::SeqCst), 0, "a refused request reached the upstream");

    // The serving origin, a named public host and a --cors-origin are served; each (origin,
    // client) has its own budget of 3.
    for _ in 0..3 {
        assert_eq!(post("application/json", Some(&serving), None, target.clone()).await.unwrap().status(), 200);
    }
    let limited = post("application/json", Some(&serving), None, target.clone()).await.unwrap();
    assert_eq!(limited.status(), 429);
    let other = post("application/json", Some("http://localhost:5173"), None, target.clone()).await.unwrap();
    assert_eq!(other.status(), 200);
    assert_eq!(other.headers()["access-control-allow-origin"], "http://localhost:5173");
    assert_eq!(post("application/json", None, Some("flow.test:8080"), target.clone()).await.unwrap().status(), 200);
    assert_eq!(
        post("application/json", Some("http://flow.test"), Some("flow.test"), target.clone()).await.unwrap().status(),
        200
    );
}

#[tokio::test]
async fn finding2_cors_origin_null_and_star_refused_at_start_up() {
    for origin in ["null", "*"] {
        let config = RelayConfig { cors_origins: vec![origin.into()], ..Default::default() };
        let e = config.check("127.0.0.1".parse().unwrap()).unwrap_err();
        assert!(e.contains("--cors-origin"), "{e}");
        let e = serve(config, "127.0.0.1:0".parse().unwrap(), |_| panic!("bound"), std::future::pending())
            .await
            .unwrap_err();
        assert_eq!(e.kind(), std::io::ErrorKind::InvalidInput);
    }
}

/// Finding 4: `localhost.` (one trailing dot) is the allowed `localhost`, and what is sent is
/// the canonical name (the pin's name, SNI and `Host`), never the dotted one.
#[tokio::test]
async fn finding4_trailing_dot_is_canonicalised_for_check_pin_and_host() {
    let up = upstream().await;
    let relay = relay(&up).await;
    for spelling in ["localhost.", "LOCALHOST", "LocalHost."] {
        let url = format!("http://{spelling}:{}/echo", up.addr.port());
        let (status, _, answer) = call(relay, json!({"method": "GET", "url": url})).await;
        assert_eq!(status, 200, "{spelling}: {answer}");
        assert_eq!(upstream_json(&answer)["host"], format!("localhost:{}", up.addr.port()), "{spelling}");
    }
    let (status, _, v) =
        call(relay, json!({"method": "GET", "url": format!("http://localhost..:{}/echo", up.addr.port())})).await;
    assert_eq!((status, v["error"].as_str()), (400, Some("bad_url")));
}

/// Finding 5: when the upstream cannot be reached, the relay's message (shown by the
/// playground and `flowplay run --real`) names the host but quotes no signed URL.
#[tokio::test]
async fn finding5_upstream_errors_do_not_leak_the_signature() {
    let dead = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let relay = start(RelayConfig {
        policy: TargetPolicy {
            allowed_hosts: vec![format!("localhost:{dead}")],
            allow_http_upstream: true,
            ..Default::default()
        },
        ..Default::default()
    })
    .await;
    let url = format!("http://localhost:{dead}/fn/{}?{}", attacks::SECRET_PATH_ID, attacks::SIGNED_QUERY);
    let (status, _, v) = call(relay, json!({"method": "GET", "url": url})).await;
    assert_eq!((status, v["error"].as_str()), (502, Some("upstream_error")), "{v}");
    let message = v["message"].as_str().unwrap();
    assert!(message.contains("localhost"), "{message}");
    for secret in attacks::SECRETS {
        assert!(!message.contains(secret), "{secret} leaked in {message}");
    }
}

/// Finding 8: hop-by-hop headers (and those named in `Connection`), `Expect`, `Trailer`,
/// `HTTP2-Settings` and forwarding headers never reach the upstream.
#[tokio::test]
async fn finding8_hop_by_hop_and_forwarding_headers_are_not_forwarded() {
    let up = upstream().await;
    let relay = relay(&up).await;
    let headers: serde_json::Map<String, Value> =
        attacks::HOP_BY_HOP_HEADERS.iter().map(|(k, v)| (k.to_string(), json!(v))).collect();
    let url = format!("http://localhost:{}/echo", up.addr.port());
    let (status, _, answer) = call(relay, json!({"method": "POST", "url": url, "headers": headers, "body": "x"})).await;
    assert_eq!(status, 200, "{answer}");
    let names = upstream_json(&answer)["headers"].clone();
    for (name, _) in attacks::HOP_BY_HOP_HEADERS {
        let lower = name.to_ascii_lowercase();
        if lower != "x-acs-date" {
            assert!(!names.as_array().unwrap().contains(&json!(lower)), "{name} forwarded: {names}");
        }
    }
    assert!(names.as_array().unwrap().contains(&json!("x-acs-date")));
}

/// Finding 9: `--allow-host 127.0.0.1:PORT` allows exactly that address and port; the default
/// relay's refusal says which flags would allow it.
#[tokio::test]
async fn finding9_allow_host_takes_ip_literals_and_refusals_name_the_flag() {
    let up = upstream().await;
    let allowed = start(RelayConfig {
        policy: TargetPolicy {
            allowed_hosts: vec![format!("127.0.0.1:{}", up.addr.port())],
            allow_http_upstream: true,
            ..Default::default()
        },
        ..Default::default()
    })
    .await;
    let url = format!("http://127.0.0.1:{}/echo", up.addr.port());
    let (status, _, answer) = call(allowed, json!({"method": "GET", "url": url})).await;
    assert_eq!((status, answer["status"].as_u64()), (200, Some(200)), "{answer}");
    let (status, _, v) =
        call(allowed, json!({"method": "GET", "url": format!("http://127.0.0.2:{}/echo", up.addr.port())})).await;
    assert_eq!((status, v["error"].as_str()), (403, Some("scheme_not_allowed")));

    let default = start(RelayConfig::default()).await;
    let (_, _, v) = call(default, json!({"method": "GET", "url": url})).await;
    assert_eq!(v["error"], "scheme_not_allowed");
    let wanted = format!("--allow-host 127.0.0.1:{} --allow-http-upstream", up.addr.port());
    assert!(v["message"].as_str().unwrap().contains(&wanted), "{v}");
}

/// Reads until the server closes the connection or `within` passes: what it sent, and
/// whether it closed.
async fn read_until_closed(s: &mut tokio::net::TcpStream, within: Duration) -> (String, bool) {
    use tokio::io::AsyncReadExt;
    let mut got = Vec::new();
    let closed = tokio::time::timeout(within, async {
        let mut buf = [0u8; 4096];
        loop {
            match s.read(&mut buf).await {
                Ok(0) | Err(_) => return,
                Ok(n) => got.extend_from_slice(&buf[..n]),
            }
        }
    })
    .await
    .is_ok();
    (String::from_utf8_lossy(&got).into_owned(), closed)
}

async fn send(relay: SocketAddr, bytes: &str) -> tokio::net::TcpStream {
    use tokio::io::AsyncWriteExt;
    let mut s = tokio::net::TcpStream::connect(relay).await.unwrap();
    s.write_all(bytes.as_bytes()).await.unwrap();
    s
}

fn tight(up: &Upstream) -> RelayConfig {
    RelayConfig {
        header_read_timeout: Duration::from_millis(300),
        body_read_timeout: Duration::from_millis(300),
        ..test_config(up)
    }
}

/// Finding 3: slowloris heads, idle keep-alive connections and slow bodies are cut off.
#[tokio::test]
async fn finding3_slow_heads_idle_connections_and_slow_bodies_time_out() {
    use tokio::io::AsyncWriteExt;
    let up = upstream().await;
    let relay = start(tight(&up)).await;

    // A head that keeps coming, a line at a time, is cut off at the header-read timeout.
    let mut s = send(relay, attacks::ENDLESS_HEAD).await;
    let started = std::time::Instant::now();
    let mut closed = false;
    while started.elapsed() < Duration::from_secs(3) {
        if s.write_all(b"X-More: 1\r\n").await.is_err() {
            closed = true;
            break;
        }
        let (_, c) = read_until_closed(&mut s, Duration::from_millis(100)).await;
        if c {
            closed = true;
            break;
        }
    }
    assert!(closed && started.elapsed() < Duration::from_secs(2), "slowloris head kept open {:?}", started.elapsed());

    // An idle keep-alive connection is closed after its answer.
    let mut s = send(relay, "GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").await;
    let (answer, closed) = read_until_closed(&mut s, Duration::from_secs(2)).await;
    assert!(answer.starts_with("HTTP/1.1 200") && closed, "{answer}");

    // A body that stops coming gets 408.
    let mut s = send(relay, attacks::HEAD_OF_A_SLOW_BODY).await;
    let started = std::time::Instant::now();
    let (answer, _) = read_until_closed(&mut s, Duration::from_secs(2)).await;
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
    assert!(answer.contains("request_timeout"), "{answer}");
    assert!(started.elapsed() < Duration::from_secs(1));
    assert_eq!(up.hits.load(Ordering::SeqCst), 0);
}

/// Finding 3: the rate limit, the concurrency limit and the size limit answer on the head
/// alone, before any of the body is read.
#[tokio::test]
async fn finding3_limits_are_checked_before_the_body_is_read() {
    let up = upstream().await;
    let relay = start(RelayConfig { rate_per_second: 0.0, rate_burst: 1.0, max_concurrency: 100, ..tight(&up) }).await;
    let _first = send(relay, attacks::HEAD_OF_A_SLOW_BODY).await;
    tokio::time::sleep(Duration::from_millis(50)).await;
    let mut second = send(relay, attacks::HEAD_OF_A_SLOW_BODY).await;
    let (answer, _) = read_until_closed(&mut second, Duration::from_millis(250)).await;
    assert!(answer.starts_with("HTTP/1.1 429"), "{answer}");

    let relay = start(RelayConfig { max_concurrency: 1, ..tight(&up) }).await;
    let _holder = send(relay, attacks::HEAD_OF_A_SLOW_BODY).await;
    tokio::time::sleep(Duration::from_millis(50)).await;
    let mut second = send(relay, attacks::HEAD_OF_A_SLOW_BODY).await;
    let (answer, _) = read_until_closed(&mut second, Duration::from_millis(250)).await;
    assert!(answer.starts_with("HTTP/1.1 503"), "{answer}");

    let relay = start(tight(&up)).await;
    let huge = "POST /api/relay HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 104857600\r\n\r\n";
    let mut s = send(relay, huge).await;
    let (answer, _) = read_until_closed(&mut s, Duration::from_millis(250)).await;
    assert!(answer.starts_with("HTTP/1.1 413"), "{answer}");
}

/// Finding 3: past the connection cap, idle connections make room, so a flood of them does
/// not lock out `/api/health`.
#[tokio::test]
async fn finding3_idle_flood_past_the_connection_cap_does_not_lock_out_health() {
    let up = upstream().await;
    let relay =
        start(RelayConfig { max_connections: 8, header_read_timeout: Duration::from_secs(30), ..test_config(&up) })
            .await;
    let mut idle = Vec::new();
    for _ in 0..40 {
        idle.push(tokio::net::TcpStream::connect(relay).await.unwrap());
    }
    tokio::time::sleep(Duration::from_millis(100)).await;
    for _ in 0..5 {
        let r = tokio::time::timeout(Duration::from_secs(1), reqwest::get(format!("http://{relay}/api/health"))).await;
        assert_eq!(r.expect("health answered in time").unwrap().status(), 200);
    }
    let mut closed = 0;
    for s in &mut idle {
        if read_until_closed(s, Duration::from_millis(10)).await.1 {
            closed += 1;
        }
    }
    assert!(closed >= 40 - 8, "only {closed} of 40 idle connections were closed at a cap of 8");
}
