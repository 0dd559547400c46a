//! `flowplay.json` (issue 17, "Suppressions and config"): an unknown key, rule code or severity
//! is an error, exit status 2, that names the file, line and column with a did-you-mean, the way
//! an unknown code in `--severity` is refused; a valid config still applies.

use std::path::Path;
use std::process::{Command, Output};

/// A workflow with one FDL-S007 warning (an unknown key) on line 8.
const FLOW: &str = "Type: StateMachine\nName: demo\nSpecVersion: v1\nStartAt: A\nStates:\n  - Type: Pass\n    Name: A\n    Colour: red\n    End: true\n";

fn lint(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_flowplay"))
        .current_dir(dir)
        .arg("lint")
        .args(args)
        .output()
        .expect("flowplay runs")
}

/// Lints `flow.yaml` beside a `flowplay.json` holding `config`.
fn with_config(config: &str, args: &[&str]) -> (Output, String) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("flow.yaml"), FLOW).unwrap();
    std::fs::write(dir.path().join("flowplay.json"), config).unwrap();
    let output = lint(dir.path(), &[args, &["flow.yaml"]].concat());
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    (output, stderr)
}

fn refused(config: &str) -> String {
    let (output, stderr) = with_config(config, &[]);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    stderr.trim().to_owned()
}

#[test]
fn an_unknown_key_is_an_error_at_its_place_with_a_did_you_mean() {
    let stderr = refused("{\n  \"exclude\": [],\n  \"ruels\": {}\n}\n");
    assert!(stderr.ends_with("flowplay.json:3:3: unknown key `ruels`; did you mean `rules`?"), "{stderr}");
    let stderr = refused("{\"executionmode\": \"Express\"}");
    assert!(
        stderr.ends_with("flowplay.json:1:2: unknown key `executionmode`; did you mean `executionMode`?"),
        "{stderr}"
    );
}

#[test]
fn an_unknown_rule_code_is_an_error_at_its_place_with_a_did_you_mean() {
    let stderr = refused("{\"rules\": {\n  \"FDL-S007\": \"off\",\n  \"FDL-S07\": \"off\"\n}}");
    assert!(stderr.ends_with("flowplay.json:3:3: unknown rule code `FDL-S07`; did you mean `FDL-S007`?"), "{stderr}");
    let stderr = refused("{\"rules\": {\"FDL-S007\": \"quiet\"}}");
    assert!(
        stderr.contains("flowplay.json:1:12: `FDL-S007` must be \"error\", \"warning\", \"info\" or \"off\""),
        "{stderr}"
    );
    let stderr = refused("{\"rules\": {\"FDL-S007\": \"off\",}}");
    assert!(stderr.contains("flowplay.json:1:30: invalid JSON: trailing comma"), "{stderr}");
}

#[test]
fn a_malformed_glob_list_is_an_error_at_its_key() {
    let stderr = refused("{\n  \"include\": \"flows\"\n}");
    assert!(stderr.ends_with("flowplay.json:2:3: `include` must be an array of globs"), "{stderr}");
}

#[test]
fn the_command_line_gives_the_same_did_you_mean() {
    let (output, stderr) = with_config("{}", &["--severity", "FDL-S07=off"]);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("unknown rule code `FDL-S07`; did you mean `FDL-S007`?"), "{stderr}");
}

#[test]
fn a_valid_config_applies() {
    let (output, stderr) = with_config(
        "{\"$schema\": \"x\", \"rules\": {\"fdl-s007\": \"off\"}, \"executionMode\": \"Express\", \"include\": [\"*.yaml\"]}",
        &["--format", "concise"],
    );
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert!(String::from_utf8_lossy(&output.stdout).trim().is_empty());
    let (output, stderr) = with_config("{\"rules\": {\"FDL-S007\": \"error\"}}", &["--format", "concise"]);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(String::from_utf8_lossy(&output.stdout).contains("flow.yaml:8:5: FDL-S007"));
}

#[test]
fn suppression_comments_are_checked_after_the_config_is_applied() {
    // FDL-S007 is off: its suppression is not called unused. FDL-E014 is on and unused.
    let dir = tempfile::tempdir().unwrap();
    let flow = FLOW.replace("Colour: red", "Colour: red  # flowplay-ignore: FDL-S007, FDL-E014");
    std::fs::write(dir.path().join("flow.yaml"), &flow).unwrap();
    std::fs::write(dir.path().join("flowplay.json"), "{\"rules\": {\"FDL-S007\": \"off\"}}").unwrap();
    let output = lint(dir.path(), &["--format", "concise", "flow.yaml"]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(stdout.lines().filter(|l| l.contains("FDL-")).count(), 1, "{stdout}");
    assert!(stdout.contains("flow.yaml:8:47: FDL-X001"), "{stdout}");
    // --fix removes the unused code and leaves the rest of the line.
    let output = lint(dir.path(), &["--fix", "flow.yaml"]);
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    let fixed = std::fs::read_to_string(dir.path().join("flow.yaml")).unwrap();
    assert_eq!(fixed, FLOW.replace("Colour: red", "Colour: red  # flowplay-ignore: FDL-S007"));
}
