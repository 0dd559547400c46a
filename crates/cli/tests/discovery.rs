//! `flowplay lint DIR` at a repository root: only workflows are linted, `.gitignore` and the
//! config's globs are honoured, a symlink loop is walked once, an unreadable file is one
//! FDL-P012 finding while the others are still reported (exit 2), and the nearest
//! `flowplay.json` in a parent directory applies.

use std::path::Path;
use std::process::{Command, Output};

const WORKFLOW: &str =
    "Type: StateMachine\nName: demo\nSpecVersion: v1\nStartAt: Done\nStates:\n  - Type: Succeed\n    Name: Done\n";
/// A workflow with one finding (FDL-S… for a Next that names no state).
const BROKEN: &str = "Type: StateMachine\nName: broken\nSpecVersion: v1\nStartAt: A\nStates:\n  - Type: Pass\n    Name: A\n    Next: Nowhere\n";
const COMPOSE: &str = "version: \"3.8\"\nservices:\n  web:\n    image: nginx\n";
const K8S: &str = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers: []\n";

fn lint(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_flowplay"))
        .current_dir(dir)
        .arg("lint")
        .args(args)
        .output()
        .expect("flowplay runs")
}

fn json_paths(output: &Output) -> Vec<String> {
    let value: serde_json::Value = serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&output.stdout)));
    let files = value.get("files").and_then(|f| f.as_array()).expect("a files array");
    let mut paths: Vec<String> = files.iter().map(|f| f["path"].as_str().unwrap().replace('\\', "/")).collect();
    paths.sort();
    paths
}

fn write(dir: &Path, rel: &str, text: &str) {
    let path = dir.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

fn repository() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "docker-compose.yaml", COMPOSE);
    write(root, "deploy/pod.yml", K8S);
    write(root, "flows/order.yaml", WORKFLOW);
    write(root, "flows/broken.yaml", BROKEN);
    write(root, "build/generated.yaml", WORKFLOW);
    // The second line is a malformed glob: git skips it, and so does the walk.
    write(root, ".gitignore", "build/\n[z-a\n");
    #[cfg(unix)]
    std::os::unix::fs::symlink("..", root.join("flows/loop")).unwrap();
    dir
}

#[test]
fn a_walk_lints_only_workflows_and_honours_gitignore() {
    let repo = repository();
    let output = lint(repo.path(), &["--format", "json", "."]);
    assert_eq!(json_paths(&output), ["./flows/broken.yaml", "./flows/order.yaml"]);
    assert_eq!(output.status.code(), Some(1), "{}", String::from_utf8_lossy(&output.stderr));
}

#[test]
fn an_explicit_file_is_linted_whatever_it_holds() {
    let repo = repository();
    let output = lint(repo.path(), &["--format", "json", "docker-compose.yaml"]);
    assert_eq!(json_paths(&output), ["docker-compose.yaml"]);
    assert_eq!(output.status.code(), Some(1));
}

#[test]
fn include_and_exclude_globs_of_the_config_filter_the_walk() {
    let repo = repository();
    write(repo.path(), "vendor/third.yaml", WORKFLOW);
    write(repo.path(), "flowplay.json", r#"{"exclude": ["flows/broken.yaml"]}"#);
    let output = lint(repo.path(), &["--format", "json"]);
    assert_eq!(json_paths(&output), ["./flows/order.yaml", "./vendor/third.yaml"]);
    assert_eq!(output.status.code(), Some(0));
    write(repo.path(), "flowplay.json", r#"{"include": ["flows/**"], "exclude": ["flows/broken.yaml"]}"#);
    assert_eq!(json_paths(&lint(repo.path(), &["--format", "json"])), ["./flows/order.yaml"]);
}

#[test]
fn the_nearest_config_in_a_parent_directory_applies() {
    let repo = repository();
    let flows = repo.path().join("flows");
    // The parent's config turns every rule that fires on `broken.yaml` into an error...
    write(repo.path(), "flowplay.json", r#"{"exclude": ["broken.yaml"]}"#);
    let from_parent = lint(&flows, &["--format", "json", "."]);
    // `exclude` is relative to the directory of the config: `broken.yaml` there is not `flows/broken.yaml`.
    assert_eq!(json_paths(&from_parent), ["./broken.yaml", "./order.yaml"]);
    // ...and a nearer config wins over it.
    write(&flows, "flowplay.json", r#"{"exclude": ["broken.yaml"]}"#);
    let from_nearest = lint(&flows, &["--format", "json", "."]);
    assert_eq!(json_paths(&from_nearest), ["./order.yaml"]);
    assert_eq!(from_nearest.status.code(), Some(0));
}

#[test]
fn an_unreadable_file_is_one_finding_and_the_others_are_still_reported() {
    let repo = repository();
    // Invalid UTF-8 fails for root too (file permissions do not).
    std::fs::write(repo.path().join("flows/latin1.yaml"), b"Type: StateMachine\nName: caf\xe9\n").unwrap();
    for format in ["json", "sarif"] {
        let output = lint(repo.path(), &["--format", format, "flows"]);
        assert_eq!(output.status.code(), Some(2), "{}", String::from_utf8_lossy(&output.stderr));
        let value: serde_json::Value = serde_json::from_slice(&output.stdout).expect("valid JSON");
        let text = value.to_string();
        assert!(text.contains("FDL-P012"), "{text}");
        assert!(text.contains("latin1.yaml"), "{text}");
        assert!(text.contains("broken.yaml"), "{text}");
    }
    let output = lint(repo.path(), &["flows/latin1.yaml"]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("FDL-P012") && stdout.contains("not UTF-8"), "{stdout}");
}

#[cfg(unix)]
#[test]
fn a_file_without_read_permission_is_reported_unless_running_as_root() {
    use std::os::unix::fs::PermissionsExt;
    let repo = repository();
    let secret = repo.path().join("flows/secret.yaml");
    std::fs::write(&secret, WORKFLOW).unwrap();
    std::fs::set_permissions(&secret, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read(&secret).is_ok() {
        return; // root reads anything: the UTF-8 case above covers the path.
    }
    let output = lint(repo.path(), &["--format", "json", "flows"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stdout).contains("FDL-P012"));
}

#[test]
fn a_directory_named_like_yaml_is_walked_not_read() {
    let repo = repository();
    write(repo.path(), "flows/odd.yaml/inner.yaml", WORKFLOW);
    let output = lint(repo.path(), &["--format", "json", "flows"]);
    assert_eq!(json_paths(&output), ["flows/broken.yaml", "flows/odd.yaml/inner.yaml", "flows/order.yaml"]);
}
