//! `flowplay lint --fix` contracts: safe fixes written in place, unsafe ones only with
//! `--unsafe-fixes` (the catalog's included), `--diff` writes nothing, stdin prints the fixed
//! text, a second run changes nothing; and `flowplay run` refuses what `lint` calls an error.

use std::path::PathBuf;
use std::process::{Command, Output};

struct TempFile(PathBuf);

impl TempFile {
    fn new(name: &str, text: &str) -> Self {
        let path = std::env::temp_dir().join(format!("flowplay-fix-{}-{name}", std::process::id()));
        std::fs::write(&path, text).expect("temp file");
        Self(path)
    }

    fn text(&self) -> String {
        std::fs::read_to_string(&self.0).expect("readable")
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

fn flowplay(args: &[&str], file: &TempFile) -> Output {
    Command::new(env!("CARGO_BIN_EXE_flowplay")).args(args).arg(&file.0).output().expect("flowplay runs")
}

/// A misspelt operation (FDL-A002, found with the catalog; its fix is unsafe) and a redundant
/// `End` on a Succeed (FDL-S031, safe), in a CRLF file.
const WORKFLOW: &str = "Type: StateMachine\r\nName: demo\r\nSpecVersion: v1\r\nStartAt: Describe\r\nStates:\r\n  - Type: Task\r\n    Name: Describe\r\n    Action: ECS:DescribeInstance\r\n    Parameters:\r\n      RegionId: cn-hangzhou\r\n    Next: Done\r\n  - Type: Succeed\r\n    Name: Done\r\n    End: true\r\n";

#[test]
fn fix_applies_safe_fixes_and_a_second_run_changes_nothing() {
    let file = TempFile::new("safe.yaml", WORKFLOW);
    let out = flowplay(&["lint", "--fix", "--color", "never"], &file);
    let stderr = String::from_utf8_lossy(&out.stderr);
    let fixed = file.text();
    assert!(!fixed.contains("    End: true"), "{fixed}");
    assert!(fixed.contains("ECS:DescribeInstance\r\n"), "the unsafe fix needs --unsafe-fixes: {fixed}");
    assert!(stderr.contains("more fix(es) available with --unsafe-fixes"), "{stderr}");
    assert!(!fixed.replace("\r\n", "").contains('\n'), "line endings stay CRLF: {fixed:?}");
    // The remaining finding is an error (unknown operation): exit 1.
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    flowplay(&["lint", "--fix"], &file);
    assert_eq!(file.text(), fixed);
}

/// Before: `--fix` linted without the catalog, so FDL-A fixes it listed were never applied.
#[test]
fn unsafe_fixes_include_the_catalog_rules() {
    let file = TempFile::new("unsafe.yaml", WORKFLOW);
    let out = flowplay(&["lint", "--fix", "--unsafe-fixes"], &file);
    let fixed = file.text();
    assert!(fixed.contains("Action: ECS:DescribeInstances\r\n"), "{fixed}");
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn diff_writes_nothing_and_shows_the_change() {
    let file = TempFile::new("diff.yaml", WORKFLOW);
    let out = flowplay(&["lint", "--fix", "--unsafe-fixes", "--diff"], &file);
    assert_eq!(file.text(), WORKFLOW);
    // The diff is data: it goes to stdout (the findings to stderr).
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("+    Action: ECS:DescribeInstances"), "{stdout}");
    assert!(stdout.contains("-    End: true"), "{stdout}");
}

#[test]
fn stdin_prints_the_fixed_text() {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_flowplay"))
        .args(["lint", "--fix", "--format", "json", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("flowplay runs");
    child.stdin.take().expect("piped").write_all(WORKFLOW.as_bytes()).expect("written");
    let out = child.wait_with_output().expect("exits");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.starts_with("Type: StateMachine\r\n"), "{stdout}");
    assert!(!stdout.contains("    End: true"), "{stdout}");
}

#[test]
fn run_refuses_what_lint_calls_an_error() {
    // Before: run checked without the catalog, so an unknown operation (an error for lint) ran.
    let file = TempFile::new("run.yaml", WORKFLOW);
    let out = flowplay(&["run", "--mocks", "echo"], &file);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("FDL-A002"), "{stderr}");
}
