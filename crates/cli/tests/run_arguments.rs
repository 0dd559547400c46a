//! `flowplay run`'s arguments, as a user gets them wrong: `--relay` that is not a URL, `--input`
//! that is JSON but not an object, and mock files that do not fit the format (issue 17). Each
//! is exit 2 with a message naming the flag or the file's line and column.

use std::path::{Path, PathBuf};
use std::process::Command;

/// A Task workflow that lints clean and returns what its mock says.
const FLOW: &str = "Type: StateMachine\nName: t\nSpecVersion: v1\nStartAt: Charge\nStates:\n  - Type: Task\n    Name: Charge\n    Action: ECS:DescribeInstances\n    TaskMode: RequestComplete\n    Parameters:\n      RegionId: cn-hangzhou\n    End: true\n";

fn flowplay(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_flowplay")).current_dir(dir).args(args).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn setup(files: &[(&str, &str)]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("flow.yaml"), FLOW).unwrap();
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    let path = dir.path().to_path_buf();
    (dir, path)
}

#[test]
fn a_relay_that_is_not_a_url_is_a_usage_error() {
    let (_dir, path) = setup(&[]);
    for bad in ["not-a-url", "ftp://example.com/relay", "http://"] {
        let (code, stdout, stderr) = flowplay(&path, &["run", "flow.yaml", "--real", "--relay", bad]);
        assert_eq!(code, 2, "{bad}: {stderr}");
        assert!(stderr.contains("--relay") && stderr.contains(bad), "{bad}: {stderr}");
        assert!(stdout.is_empty(), "{stdout}");
    }
}

#[test]
fn input_json_that_is_not_an_object_is_refused_clearly() {
    let (_dir, path) = setup(&[("list.json", "[1, 2]")]);
    for (input, named, kind) in [
        ("42", "--input:", "a number"),
        ("\"hi\"", "--input:", "a string"),
        ("[1]", "--input:", "an array"),
        ("list.json", "--input file list.json:", "an array"),
    ] {
        let (code, _, stderr) = flowplay(&path, &["run", "flow.yaml", "--input", input]);
        assert_eq!(code, 2, "{input}: {stderr}");
        assert!(
            stderr.contains(named) && stderr.contains("must be a JSON object") && stderr.contains(kind),
            "{stderr}"
        );
        assert!(!stderr.contains("neither JSON nor a readable file"), "{input} is JSON: {stderr}");
    }
    let (code, stdout, stderr) = flowplay(&path, &["run", "flow.yaml", "--input", "{\"a\": 1}"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stdout.trim(), "{\"RegionId\":\"cn-hangzhou\"}");
    let (code, _, stderr) = flowplay(&path, &["run", "flow.yaml", "--input", "{\"a\": "]);
    assert_eq!(code, 2);
    assert!(stderr.contains("--input is not valid JSON"), "{stderr}");
    let (code, _, stderr) = flowplay(&path, &["run", "flow.yaml", "--input", "missing.json"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("--input `missing.json` is neither JSON nor a readable file"), "{stderr}");
}

#[test]
fn mock_file_errors_say_where_in_plain_words() {
    let files = [
        ("list.yaml", "- Charge\n", "list.yaml:1:1: the mock file must be a mapping with `Cases`, not a list"),
        (
            "scalar-state.yaml",
            "Cases:\n  happy:\n    Charge: ok\n",
            "scalar-state.yaml:3:13: the mock for `Charge` must be a response",
        ),
        (
            "lowercase.yaml",
            "Cases:\n  happy:\n    Charge:\n      result: {receipt: r-1}\n",
            "lowercase.yaml:4:7: in the mock for `Charge`, `result` is neither a response key",
        ),
        (
            "error-map.yaml",
            "Cases:\n  happy:\n    Charge:\n      Error: {Code: E}\n",
            "error-map.yaml:4:14: `Error` in the mock for `Charge` must be a string, not a mapping",
        ),
        ("broken.json", "{\"Cases\": {\"happy\": }", "broken.json:1:"),
    ];
    let (_dir, path) = setup(&files.iter().map(|(name, text, _)| (*name, *text)).collect::<Vec<_>>());
    for (name, _, expected) in files {
        let (code, stdout, stderr) = flowplay(&path, &["run", "flow.yaml", "--mocks", name]);
        assert_eq!(code, 2, "{name}: {stderr}");
        assert!(stderr.lines().next().unwrap_or_default().starts_with(expected), "{name}: {stderr}");
        for jargon in ["invalid type", "expected struct", "untagged", "variant"] {
            assert!(!stderr.contains(jargon), "{name}: {stderr}");
        }
        assert!(stdout.is_empty(), "{stdout}");
    }
    // A good file still runs.
    std::fs::write(path.join("good.yaml"), "Cases:\n  happy:\n    Charge:\n      Result: {receipt: r-1}\n").unwrap();
    let (code, stdout, stderr) = flowplay(&path, &["run", "flow.yaml", "--mocks", "good.yaml"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stdout.trim(), "{\"receipt\":\"r-1\"}");
}
