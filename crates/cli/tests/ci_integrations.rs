//! The CI integrations at the repository root: `.pre-commit-hooks.yaml` run exactly as
//! pre-commit runs a hook (entry + args + the staged files its `files` pattern and `types`
//! select, from the repository root), and `action.yml`'s structure (every input it uses is
//! declared and every declared input used, inputs never spliced into scripts, the lint step
//! writes SARIF with the installed binary and the upload step sends that file).

use std::path::{Path, PathBuf};
use std::process::Command;

use fdl::yaml::Node;

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn parse(path: &Path) -> (String, Node) {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let doc = fdl::yaml::parse(&text, Default::default());
    assert!(doc.diagnostics.is_empty(), "{}: {:?}", path.display(), doc.diagnostics);
    (text.clone(), doc.root.expect("a document"))
}

fn string<'a>(node: &'a Node, key: &str) -> &'a str {
    node.get(key).and_then(Node::as_str).unwrap_or_else(|| panic!("`{key}` must be a string"))
}

struct Hook {
    entry: String,
    args: Vec<String>,
    files: regex_lite::Regex,
    text_only: bool,
}

fn hook() -> Hook {
    let (_, root) = parse(&repo_root().join(".pre-commit-hooks.yaml"));
    let hooks = root.as_seq().expect("a list of hooks");
    let hook =
        hooks.iter().find(|h| h.get("id").and_then(Node::as_str) == Some("flowplay-lint")).expect("flowplay-lint");
    for key in ["id", "name", "entry", "language"] {
        assert!(!string(hook, key).is_empty(), "{key}");
    }
    assert_eq!(string(hook, "language"), "system", "the binary comes from PATH");
    let types: Vec<&str> =
        hook.get("types").and_then(Node::as_seq).map_or(Vec::new(), |t| t.iter().filter_map(Node::as_str).collect());
    assert!(types.iter().all(|t| *t == "text"), "only `text` is emulated here: {types:?}");
    Hook {
        entry: string(hook, "entry").to_owned(),
        args: hook
            .get("args")
            .and_then(Node::as_seq)
            .map_or(Vec::new(), |a| a.iter().filter_map(|x| x.as_str().map(str::to_owned)).collect()),
        files: regex_lite::Regex::new(string(hook, "files")).expect("a valid `files` pattern"),
        text_only: types.contains(&"text"),
    }
}

/// Runs the hook on `repo` as pre-commit does: the files matching `files` (searched, as Python's
/// `re.search`) and `types`, relative to the root, after the entry and its args.
fn run_hook(hook: &Hook, repo: &Path, staged: &[&str]) -> std::process::Output {
    let selected: Vec<&str> = staged
        .iter()
        .copied()
        .filter(|f| hook.files.is_match(f))
        .filter(|f| !hook.text_only || std::str::from_utf8(&std::fs::read(repo.join(f)).unwrap()).is_ok())
        .collect();
    let mut words = hook.entry.split_whitespace();
    let program = words.next().expect("an entry");
    assert_eq!(program, "flowplay");
    // `flowplay` on PATH is the binary under test.
    let bin_dir = Path::new(env!("CARGO_BIN_EXE_flowplay")).parent().unwrap().to_path_buf();
    let path = std::env::join_paths(
        std::iter::once(bin_dir).chain(std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default())),
    )
    .unwrap();
    Command::new(program)
        .env("PATH", path)
        .current_dir(repo)
        .args(words)
        .args(&hook.args)
        .args(&selected)
        .output()
        .expect("the hook runs")
}

const BROKEN: &str = "Type: StateMachine\nName: demo\nSpecVersion: v1\nStartAt: A\nStates:\n  - Type: Pass\n    Name: A\n    Next: Nowhere\n";
const CLEAN: &str =
    "Type: StateMachine\nName: demo\nSpecVersion: v1\nStartAt: A\nStates:\n  - Type: Succeed\n    Name: A\n";

fn sample_repo(flow: &str) -> (tempfile::TempDir, Vec<&'static str>) {
    let dir = tempfile::tempdir().unwrap();
    let files: &[(&str, String)] = &[
        ("flows/a.yaml", flow.to_owned()),
        ("docker-compose.yaml", "version: \"3.8\"\nservices:\n  web:\n    image: nginx\n".to_owned()),
        ("README.md", format!("# Flows\n\n```yaml\n{flow}```\n")),
        ("CHANGES.md", "# Changes\n\n```yaml\na: 1\n```\n".to_owned()),
        ("infra/main.tf", format!("resource \"alicloud_fnf_flow\" \"a\" {{\n  definition = <<EOF\n{flow}EOF\n}}\n")),
        ("package.json", "{\"name\": \"x\"}\n".to_owned()),
        ("notes.txt", flow.to_owned()),
    ];
    for (name, text) in files {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    std::fs::write(dir.path().join("logo.png"), [0x89, b'P', b'N', b'G', 0xff, 0xfe]).unwrap();
    let staged = vec![
        "flows/a.yaml",
        "docker-compose.yaml",
        "README.md",
        "CHANGES.md",
        "infra/main.tf",
        "package.json",
        "notes.txt",
        "logo.png",
    ];
    (dir, staged)
}

#[test]
fn the_pre_commit_hook_fails_on_broken_workflows_only() {
    let hook = hook();
    let (repo, staged) = sample_repo(BROKEN);
    let out = run_hook(&hook, repo.path(), &staged);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stdout}{stderr}");
    // The workflow, the Markdown block and the heredoc each report the broken transition, at
    // their own positions; nothing else is read, and nothing is said about skipped files.
    for place in ["flows/a.yaml:8:11", "README.md:11:11", "infra/main.tf:10:11"] {
        assert!(stdout.contains(place), "{place} in {stdout}");
    }
    for skipped in ["docker-compose", "CHANGES", "package.json", "notes.txt", "logo"] {
        assert!(!stdout.contains(skipped) && !stderr.contains(skipped), "{skipped}: {stdout}{stderr}");
    }
    assert!(stdout.contains("3 files checked"), "{stdout}");
}

#[test]
fn the_pre_commit_hook_passes_a_clean_repository() {
    let hook = hook();
    let (repo, staged) = sample_repo(CLEAN);
    let out = run_hook(&hook, repo.path(), &staged);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    // No staged file matches: pre-commit skips the hook; run directly, the entry checks nothing.
    let out = run_hook(&hook, repo.path(), &["notes.txt"]);
    assert_eq!(out.status.code(), Some(0));
}

/// Every `${{ inputs.NAME }}` names a declared input; every declared input is used; no input
/// is spliced into a `run` script; the lint step runs the installed binary with SARIF output
/// into the file the upload step sends.
#[test]
fn the_action_is_well_formed() {
    let (text, root) = parse(&repo_root().join("action.yml"));
    for key in ["name", "description"] {
        assert!(!string(&root, key).is_empty());
    }
    let runs = root.get("runs").expect("runs");
    assert_eq!(string(runs, "using"), "composite");
    let declared: Vec<&str> =
        root.get("inputs").and_then(Node::as_map).expect("inputs").iter().filter_map(|e| e.key_str()).collect();
    let used: Vec<&str> = text
        .match_indices("inputs.")
        .map(|(i, _)| {
            let rest = &text[i + "inputs.".len()..];
            &rest[..rest.find(|c: char| !(c.is_alphanumeric() || c == '-' || c == '_')).unwrap_or(rest.len())]
        })
        .collect();
    for name in &used {
        assert!(declared.contains(name), "`inputs.{name}` is used but not declared");
    }
    for name in &declared {
        assert!(used.contains(name), "input `{name}` is declared but never used");
    }
    let steps = runs.get("steps").and_then(Node::as_seq).expect("steps");
    for step in steps {
        if let Some(script) = step.get("run").and_then(Node::as_str) {
            assert!(!script.contains("${{"), "a script must read inputs from env, not splice them: {script}");
            assert_eq!(string(step, "shell"), "bash");
        }
    }
    let install = steps
        .iter()
        .find_map(|s| s.get("run").and_then(Node::as_str).filter(|r| r.contains("cargo install")))
        .expect("an install step");
    assert!(install.contains("--git") && install.contains("--path") && install.contains("crates/cli"), "{install}");
    let lint = steps.iter().find(|s| s.get("id").and_then(Node::as_str) == Some("lint")).expect("a step with id lint");
    let script = string(lint, "run");
    assert!(script.contains("flowplay lint --format sarif") && script.contains("> \"$SARIF_FILE\""), "{script}");
    let upload = steps
        .iter()
        .find(|s| {
            s.get("uses").and_then(Node::as_str).is_some_and(|u| u.starts_with("github/codeql-action/upload-sarif@"))
        })
        .expect("an upload-sarif step");
    assert_eq!(string(upload.get("with").expect("with"), "sarif_file"), "${{ steps.lint.outputs.sarif-file }}");
    // The outputs the later steps read are the ones the lint script writes.
    for output in ["exit-code", "sarif-file", "has-report"] {
        assert!(script.contains(&format!("echo \"{output}=")), "{output}");
    }
}
