//! `flowplay rules | head -1`: when the reader goes away the CLI stops quietly (exit 141, as a
//! program killed by SIGPIPE), without a panic message.

use std::io::Read;
use std::process::{Command, Stdio};

#[test]
fn a_closed_stdout_ends_the_program_without_a_panic() {
    // A workflow with a finding per state: far more JSON output than a pipe buffers (64 KiB).
    let mut workflow = String::from("Type: StateMachine\nName: big\nSpecVersion: v1\nStartAt: S0\nStates:\n");
    for i in 0..2_000 {
        workflow.push_str(&format!("  - Type: Pass\n    Name: S{i}\n    Colour: blue\n    Next: S{}\n", i + 1));
    }
    workflow.push_str("  - Type: Succeed\n    Name: S2000\n");
    let path = std::env::temp_dir().join(format!("flowplay-closed-pipe-{}.yaml", std::process::id()));
    std::fs::write(&path, workflow).expect("temp file");
    let mut child = Command::new(env!("CARGO_BIN_EXE_flowplay"))
        .args(["lint", "--format", "json"])
        .arg(&path)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("flowplay starts");
    // Read one byte, then close the pipe while the program still has output to write.
    let mut stdout = child.stdout.take().expect("piped");
    let mut first = [0u8; 1];
    stdout.read_exact(&mut first).expect("some output");
    drop(stdout);
    let mut stderr = String::new();
    child.stderr.take().expect("piped").read_to_string(&mut stderr).expect("stderr");
    let status = child.wait().expect("exits");
    let _ = std::fs::remove_file(&path);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(status.code(), Some(141), "{stderr}");
}
