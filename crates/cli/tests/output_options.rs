//! `--format concise`, `--quiet`, `--statistics` and colour as a user runs them.

use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_flowplay");
const FLOW: &str = "Type: StateMachine\nName: demo\nSpecVersion: \"1.0\"\nStartAt: A\nStates:\n  - Type: Succeed\n    Name: A\n    End: true\n";

fn lint(args: &[&str]) -> (String, Option<i32>) {
    lint_with_env(args, &[])
}

/// Lints with only these colour variables set (the test runner's own are removed).
fn lint_with_env(args: &[&str], env: &[(&str, &str)]) -> (String, Option<i32>) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("flow.yaml"), FLOW).unwrap();
    let mut command = Command::new(BIN);
    for name in ["NO_COLOR", "FORCE_COLOR", "CLICOLOR_FORCE"] {
        command.env_remove(name);
    }
    let output = command
        .envs(env.iter().copied())
        .current_dir(dir.path())
        .args(["lint", "flow.yaml", "--no-catalog"])
        .args(args)
        .output()
        .unwrap();
    (String::from_utf8(output.stdout).unwrap(), output.status.code())
}

#[test]
fn concise_is_one_line_per_finding() {
    let (stdout, code) = lint(&["--format", "concise"]);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{stdout}");
    assert!(lines[0].starts_with("flow.yaml:3:14: FDL-S002 "), "{stdout}");
    assert!(lines[1].starts_with("flow.yaml:8:5: FDL-S031 "), "{stdout}");
    assert_eq!(code, Some(1));
}

#[test]
fn quiet_leaves_out_the_summary() {
    let (loud, _) = lint(&[]);
    let (quiet, code) = lint(&["--quiet"]);
    assert!(loud.contains("1 file checked"));
    assert!(!quiet.contains("checked") && quiet.contains("FDL-S002"), "{quiet}");
    assert_eq!(code, Some(1));
}

#[test]
fn statistics_count_findings_per_rule() {
    let (stdout, code) = lint(&["--statistics"]);
    assert!(stdout.contains("FDL-S002") && stdout.contains("FDL-S031") && stdout.contains("fixable"), "{stdout}");
    assert!(!stdout.contains("SpecVersion"), "no finding text: {stdout}");
    assert_eq!(code, Some(1));
}

/// Every combination of flag and environment is tested on `color::decide`; this shows the
/// decision reaches the output: a pipe gets ANSI colour only when forced.
#[test]
fn force_color_colours_a_pipe() {
    let (plain, _) = lint_with_env(&[], &[]);
    assert!(!plain.contains('\x1b'), "{plain}");
    let (forced, code) = lint_with_env(&[], &[("FORCE_COLOR", "1")]);
    assert!(forced.contains("\x1b[") && forced.contains("FDL-S002"), "{forced}");
    assert_eq!(code, Some(1));
    let (flag_wins, _) = lint_with_env(&["--color", "never"], &[("FORCE_COLOR", "1")]);
    assert!(!flag_wins.contains('\x1b'), "{flag_wins}");
}

#[test]
fn an_unknown_color_value_is_a_usage_error() {
    let (stdout, code) = lint(&["--color", "sometimes"]);
    assert_eq!(code, Some(2));
    assert!(stdout.is_empty());
}

/// SARIF names a file with a space and a `#` by an escaped URI (a raw `#` would start a fragment),
/// and stdin by `stdin` or its `--stdin-filename`.
#[test]
fn sarif_uris_are_escaped_and_stdin_is_named() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a b#c.yaml"), FLOW).unwrap();
    let uris = |args: &[&str]| {
        let mut child = Command::new(BIN)
            .current_dir(dir.path())
            .args(["lint", "--no-catalog", "--format", "sarif"])
            .args(args)
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        use std::io::Write as _;
        child.stdin.take().unwrap().write_all(FLOW.as_bytes()).unwrap();
        let output = child.wait_with_output().unwrap();
        let sarif: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        let mut uris: Vec<String> = sarif["runs"][0]["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].as_str().unwrap().to_owned())
            .collect();
        uris.dedup();
        uris
    };
    assert_eq!(uris(&["a b#c.yaml"]), ["a%20b%23c.yaml"]);
    assert_eq!(uris(&["-"]), ["stdin"]);
    assert_eq!(uris(&["-", "--stdin-filename", "flows/x y.yaml"]), ["flows/x%20y.yaml"]);
}
