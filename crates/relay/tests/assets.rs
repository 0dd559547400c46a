//! The playground's files as `flowplay serve` serves them (crates/relay/src/assets.rs):
//! precompressed variants by Accept-Encoding, caching by name, the page's security headers, and
//! no redirect off the origin whatever the request path. Raw HTTP over loopback, so that paths
//! reach the server exactly as written (an HTTP client would normalise `/a/../b`).

use std::net::SocketAddr;
use std::path::PathBuf;

use flowplay_relay::{RelayConfig, serve};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

const HASHED_JS: &str = "app/flowplay_web.0123456789abcdef.js";

/// A dist/ with a page, a fingerprinted script (with .br and .gz copies that differ from it, to
/// see which one is sent) and a directory.
fn site(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("flowplay-assets-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("app")).unwrap();
    std::fs::create_dir_all(dir.join("embed")).unwrap();
    std::fs::write(dir.join("index.html"), "<!doctype html><title>page</title>").unwrap();
    std::fs::write(dir.join("embed/index.html"), "<!doctype html><title>embed</title>").unwrap();
    std::fs::write(dir.join(HASHED_JS), "plain").unwrap();
    std::fs::write(dir.join(format!("{HASHED_JS}.br")), "brotli").unwrap();
    std::fs::write(dir.join(format!("{HASHED_JS}.gz")), "gzip").unwrap();
    dir
}

async fn start(dir: PathBuf) -> SocketAddr {
    let config = RelayConfig { static_dir: Some(dir), ..Default::default() };
    let (tx, rx) = tokio::sync::oneshot::channel();
    tokio::spawn(async move {
        serve(config, "127.0.0.1:0".parse().unwrap(), move |a| tx.send(a).unwrap(), std::future::pending())
            .await
            .unwrap();
    });
    rx.await.unwrap()
}

struct Answer {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

impl Answer {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

/// Sends `GET {target}` as written, with extra header lines, and reads the whole answer.
async fn get(addr: SocketAddr, target: &str, extra: &str) -> Answer {
    let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    let request = format!("GET {target} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n{extra}\r\n");
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut raw = Vec::new();
    tokio::time::timeout(std::time::Duration::from_secs(5), stream.read_to_end(&mut raw)).await.unwrap().unwrap();
    let raw = String::from_utf8_lossy(&raw);
    let (head, body) = raw.split_once("\r\n\r\n").unwrap();
    let mut lines = head.lines();
    let status = lines.next().unwrap().split(' ').nth(1).unwrap().parse().unwrap();
    let headers = lines.filter_map(|l| l.split_once(": ")).map(|(n, v)| (n.to_owned(), v.to_owned())).collect();
    Answer { status, headers, body: body.to_owned() }
}

#[tokio::test]
async fn no_path_redirects_off_the_origin() {
    let addr = start(site("paths")).await;
    // The one redirect: a directory to its trailing slash, as a path on this origin.
    let a = get(addr, "/embed", "").await;
    assert!((300..400).contains(&a.status), "{}", a.status);
    assert_eq!(a.header("location"), Some("/embed/"));
    assert_eq!(get(addr, "/embed/", "").await.status, 200);
    // An absolute-form request names a host; the redirect still does not.
    let a = get(addr, "http://evil.example/embed?x=1", "").await;
    assert_eq!(a.header("location"), Some("/embed/?x=1"));
    // `//embed` would redirect to `//embed/`, i.e. to the host `embed`: not served at all.
    for odd in [
        "//embed",
        "//evil.example/embed",
        "/embed//",
        "/./index.html",
        "/embed/../index.html",
        "/%2e%2e/index.html",
        "/%2fembed",
        "/\\evil.example",
        "/.git",
    ] {
        let a = get(addr, odd, "").await;
        assert_eq!(a.status, 404, "{odd}");
        assert_eq!(a.header("location"), None, "{odd}");
    }
}

#[tokio::test]
async fn precompressed_variants_are_chosen_by_accept_encoding() {
    let addr = start(site("encodings")).await;
    let path = format!("/{HASHED_JS}");
    for (accept, body, encoding) in [
        ("Accept-Encoding: gzip, deflate, br, zstd\r\n", "brotli", Some("br")),
        ("Accept-Encoding: gzip\r\n", "gzip", Some("gzip")),
        ("Accept-Encoding: br;q=0, gzip\r\n", "gzip", Some("gzip")),
        ("", "plain", None),
    ] {
        let a = get(addr, &path, accept).await;
        assert_eq!((a.status, a.body.as_str(), a.header("content-encoding")), (200, body, encoding), "{accept}");
        assert_eq!(a.header("content-type"), Some("text/javascript"));
        assert!(a.header("vary").is_some_and(|v| v.to_ascii_lowercase().contains("accept-encoding")), "{accept}");
    }
}

#[tokio::test]
async fn hashed_files_are_immutable_and_the_page_is_revalidated() {
    let addr = start(site("cache")).await;
    let a = get(addr, &format!("/{HASHED_JS}"), "").await;
    assert_eq!(a.header("cache-control"), Some("public, max-age=31536000, immutable"));
    for page in ["/", "/index.html"] {
        let a = get(addr, page, "").await;
        assert_eq!(a.status, 200);
        assert_eq!(a.header("cache-control"), Some("no-cache"), "{page}");
        assert!(a.header("last-modified").is_some(), "revalidation needs a validator");
    }
    // A 304 carries the page's headers: the browser merges them into the cached page.
    let modified = get(addr, "/", "").await.header("last-modified").unwrap().to_owned();
    for page in ["/", "/index.html"] {
        let a = get(addr, page, &format!("If-Modified-Since: {modified}\r\n")).await;
        assert_eq!(a.status, 304, "{page}");
        assert!(!a.header("content-security-policy").unwrap().contains("sandbox"), "{page}");
        assert_eq!(a.header("cross-origin-opener-policy"), Some("same-origin"), "{page}");
        assert_eq!(a.header("cache-control"), Some("no-cache"), "{page}");
    }
    // A missing file is not cached for a year, even under a hashed-looking name.
    let a = get(addr, "/app/gone.0123456789abcdef.js", "").await;
    assert_eq!((a.status, a.header("cache-control")), (404, Some("no-cache")));
}

#[tokio::test]
async fn the_page_has_its_security_headers() {
    let addr = start(site("headers")).await;
    for page in ["/", "/embed/"] {
        let a = get(addr, page, "").await;
        let csp = a.header("content-security-policy").unwrap();
        let script_src = csp.split(';').find(|d| d.trim().starts_with("script-src")).unwrap();
        assert!(!script_src.contains("unsafe-inline"), "{csp}");
        assert!(csp.contains("frame-ancestors 'none'"), "{csp}");
        assert_eq!(a.header("cross-origin-opener-policy"), Some("same-origin"), "{page}");
    }
    for path in ["/", &format!("/{HASHED_JS}"), "/missing"] {
        let a = get(addr, path, "").await;
        assert_eq!(a.header("cross-origin-resource-policy"), Some("same-origin"), "{path}");
        assert_eq!(a.header("x-content-type-options"), Some("nosniff"), "{path}");
    }
    // Anything that is not a page, opened as a document, runs nothing.
    for path in [&format!("/{HASHED_JS}"), "/missing"] {
        let a = get(addr, path, "").await;
        assert!(a.header("content-security-policy").unwrap().contains("sandbox"), "{path}");
    }
}

#[tokio::test]
async fn the_run_worker_script_runs_under_the_page_policy() {
    let dir = site("worker");
    std::fs::write(dir.join("app/run-worker.0123456789abcdef.js"), "self.onmessage = () => {};").unwrap();
    let addr = start(dir).await;
    let a = get(addr, "/app/run-worker.0123456789abcdef.js", "").await;
    // A worker runs under its script's policy: the page's (fetch and compile this origin's wasm,
    // talk to this origin only), not the router's `default-src 'none'; sandbox`.
    assert_eq!(a.header("content-security-policy"), Some(flowplay_relay::assets::PAGE_CSP));
    assert_eq!(a.header("cache-control"), Some(flowplay_relay::assets::IMMUTABLE));
    assert_eq!(a.header("cross-origin-opener-policy"), None, "COOP is for documents");
}
