//! Which stream carries what, and closed pipes: data (fixed stdin text, diffs, machine formats) goes
//! to stdout, the findings to stderr when stdout carries data; a reader that goes away on either
//! stream ends the program quietly (141, as for SIGPIPE), never with a panic (101).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_flowplay");

/// A fixable file: `SpecVersion: "1.0"` becomes `v1`, the `End` of a Succeed state goes.
const FIXABLE: &str = "Type: StateMachine\nName: demo\nSpecVersion: \"1.0\"\nStartAt: A\nStates:\n  - Type: Succeed\n    Name: A\n    End: true\n";
const FIXED: &str =
    "Type: StateMachine\nName: demo\nSpecVersion: v1\nStartAt: A\nStates:\n  - Type: Succeed\n    Name: A\n";

/// 2,000 chained Pass states with a fixable and an unfixable finding each: far more output on
/// every stream than a pipe buffers (64 KiB).
fn big_workflow(dir: &Path) -> PathBuf {
    let mut text = String::from("Type: StateMachine\nName: big\nSpecVersion: \"1.0\"\nStartAt: S0\nStates:\n");
    for i in 0..2_000 {
        text.push_str(&format!("  - Type: Pass\n    Name: S{i}\n    Colour: blue\n    Next: S{}\n", i + 1));
    }
    text.push_str("  - Type: Succeed\n    Name: S2000\n    End: true\n");
    let path = dir.join("big.yaml");
    std::fs::write(&path, text).unwrap();
    path
}

fn with_stdin(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(BIN)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("flowplay starts");
    child.stdin.take().unwrap().write_all(stdin.as_bytes()).unwrap();
    child.wait_with_output().unwrap()
}

/// Runs `flowplay ARGS 2>&1 | head -5` in bash and returns flowplay's exit status.
fn status_with_both_streams_into_head(args: &[&str]) -> Option<i32> {
    let output = Command::new("bash")
        .arg("-c")
        .arg(r#""$0" "$@" 2>&1 | head -5 >/dev/null; exit "${PIPESTATUS[0]}""#)
        .arg(BIN)
        .args(args)
        .output()
        .expect("bash runs");
    output.status.code()
}

#[test]
fn fixed_stdin_goes_to_stdout_and_the_findings_to_stderr() {
    let output = with_stdin(&["lint", "-", "--fix", "--no-catalog"], FIXABLE);
    assert_eq!(String::from_utf8_lossy(&output.stdout), FIXED);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("0 error(s)"), "{stderr}");
    // Everything was fixed: nothing remains to fail on.
    assert_eq!(output.status.code(), Some(0), "{stderr}");
}

#[test]
fn the_exit_status_after_fixes_reflects_what_remains() {
    let remaining = format!("{FIXABLE}  - Type: Pass\n    Name: Lost\n");
    let output = with_stdin(&["lint", "-", "--fix", "--no-catalog", "--fail-level", "warning"], &remaining);
    let stderr = String::from_utf8_lossy(&output.stderr);
    // The unreachable state is left: a warning, which this fail level fails on.
    assert!(stderr.contains("FDL-S014"), "{stderr}");
    assert!(!stderr.contains("FDL-S002"), "the fixed SpecVersion is not reported: {stderr}");
    assert_eq!(output.status.code(), Some(1));
}

#[test]
fn unchanged_stdin_still_comes_back_whole() {
    let output = with_stdin(&["lint", "-", "--fix", "--no-catalog"], FIXED);
    assert_eq!(String::from_utf8_lossy(&output.stdout), FIXED);
    assert_eq!(output.status.code(), Some(0));
}

#[test]
fn stdin_filename_names_stdin_in_the_report() {
    let output = with_stdin(&["lint", "-", "--stdin-filename", "flows/order.yaml", "--format", "json"], FIXABLE);
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["files"][0]["path"], "flows/order.yaml");
}

#[test]
fn a_diff_goes_to_stdout_and_the_findings_to_stderr() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("flow.yaml");
    std::fs::write(&path, FIXABLE).unwrap();
    let output = Command::new(BIN).args(["lint", "--fix", "--diff", "--no-catalog"]).arg(&path).output().unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.starts_with("--- a/") && stdout.contains("+SpecVersion: v1"), "{stdout}");
    assert!(String::from_utf8_lossy(&output.stderr).contains("FDL-S002"));
    // The file is left as it was, so its findings remain.
    assert_eq!(std::fs::read_to_string(&path).unwrap(), FIXABLE);
    assert_eq!(output.status.code(), Some(1));
}

#[test]
fn a_closed_pipe_on_both_streams_is_a_quiet_exit_for_fix_diff() {
    let dir = tempfile::tempdir().unwrap();
    let path = big_workflow(dir.path());
    let path = path.to_str().unwrap();
    assert_eq!(status_with_both_streams_into_head(&["lint", path, "--fix", "--diff", "--no-catalog"]), Some(141));
    assert_eq!(status_with_both_streams_into_head(&["lint", path, "--no-catalog"]), Some(141));
}

#[test]
fn a_closed_stderr_is_a_quiet_exit_for_the_history_table() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::from("Type: StateMachine\nName: long\nSpecVersion: v1\nStartAt: S0\nStates:\n");
    for i in 0..2_000 {
        text.push_str(&format!("  - Type: Pass\n    Name: S{i}\n    Next: S{}\n", i + 1));
    }
    text.push_str("  - Type: Succeed\n    Name: S2000\n");
    let path = dir.path().join("long.yaml");
    std::fs::write(&path, text).unwrap();
    let status = status_with_both_streams_into_head(&["run", path.to_str().unwrap(), "--history", "table"]);
    assert_eq!(status, Some(141));
}
