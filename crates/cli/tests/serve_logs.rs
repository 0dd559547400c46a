//! Issue 14 finding 6: what `flowplay serve` logs about a call names the URL by scheme, host,
//! port, masked path and parameter names; no credential value, id or fragment reaches its log,
//! whatever the parameter is called (OpenAPI, OSS, STS, `Authorization`).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};

const SECRETS: [&str; 8] = [
    "LTAI5tLogLeak",
    "c2lnLWxvZw",
    "STS.logleak",
    "ossLogId",
    "credLogLeak",
    "authLogLeak",
    "fragLogLeak",
    "obj-123456",
];

#[test]
fn the_relay_log_holds_no_credential_value() {
    let dead = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let mut server = Command::new(env!("CARGO_BIN_EXE_flowplay"))
        .args(["serve", "--port", "0", "--allow-host", &format!("127.0.0.1:{dead}"), "--allow-http-upstream"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut banner = String::new();
    // Kept open until the end: the server prints a second banner line.
    let mut stdout = BufReader::new(server.stdout.take().unwrap());
    stdout.read_line(&mut banner).unwrap();
    let addr = banner.trim().trim_start_matches("flowplay playground: http://").trim_end_matches('/').to_owned();

    let url = format!(
        "http://127.0.0.1:{dead}/2023-03-30/objects/obj-123456?Action=GetObject&AccessKeyId=LTAI5tLogLeak&\
         Signature=c2lnLWxvZw%3D%3D&security-token=STS.logleak&x-oss-security-token=STS.logleak&\
         OSSAccessKeyId=ossLogId&x-oss-credential=credLogLeak&x-oss-signature=c2lnLWxvZw&\
         x-acs-security-token=STS.logleak&Authorization=authLogLeak#fragLogLeak"
    );
    let body = serde_json::json!({"method": "GET", "url": url, "headers": {"x-oss-security-token": "STS.logleak"}})
        .to_string();
    let mut s = TcpStream::connect(&addr).unwrap();
    write!(
        s,
        "POST /api/relay HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut answer = Vec::new();
    let _ = s.read_to_end(&mut answer);
    let answer = String::from_utf8_lossy(&answer).into_owned();
    assert!(answer.contains("upstream_error"), "{answer}");

    server.kill().unwrap();
    let mut log = String::new();
    server.stderr.take().unwrap().read_to_string(&mut log).unwrap();
    server.wait().unwrap();
    drop(stdout);
    assert!(log.contains("upstream_error") && log.contains("x-oss-signature"), "{log}");
    for secret in SECRETS {
        assert!(!log.contains(secret), "{secret} in the log: {log}");
        assert!(!answer.contains(secret), "{secret} in the answer: {answer}");
    }
}
