//! `flowplay serve` without a built page (started outside the checkout, or before
//! scripts/build-web.sh) says so on stderr at startup, where it expected the page and how to build
//! it, and still serves the relay API (issue 17).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};

#[test]
fn a_missing_page_is_reported_and_the_relay_still_answers() {
    let empty = tempfile::tempdir().unwrap();
    let mut server = Command::new(env!("CARGO_BIN_EXE_flowplay"))
        .args(["serve", "--port", "0", "--static-dir"])
        .arg(empty.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = BufReader::new(server.stderr.take().unwrap());
    let mut warning = String::new();
    stderr.read_line(&mut warning).unwrap();
    let mut stdout = BufReader::new(server.stdout.take().unwrap());
    let mut banner = String::new();
    stdout.read_line(&mut banner).unwrap();
    let addr = banner.trim().trim_start_matches("flowplay playground: http://").trim_end_matches('/').to_owned();

    let mut s = TcpStream::connect(&addr).unwrap();
    write!(s, "GET /api/health HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n").unwrap();
    let mut answer = String::new();
    let _ = s.read_to_string(&mut answer);
    server.kill().unwrap();
    server.wait().unwrap();

    let expected = empty.path().join("index.html").display().to_string();
    assert!(warning.contains("no built playground") && warning.contains(&expected), "{warning}");
    assert!(warning.contains("scripts/build-web.sh") && warning.contains("relay API"), "{warning}");
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
}
