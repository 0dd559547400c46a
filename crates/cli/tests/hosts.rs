//! `flowplay lint` on workflows inside host files (Markdown, HTML, Terraform, ROS templates,
//! Serverless Devs s.yaml): findings at host paths and positions in every format, suppressions
//! written in the host, `--fix` written back only where exact (else refused, file untouched),
//! a host without a workflow ("no workflow found" when named, silent in a walk), and the real
//! host files of tests/corpus/hosts, each reviewed.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn flowplay(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_flowplay")).current_dir(dir).args(args).output().expect("flowplay runs")
}

fn write(dir: &Path, rel: &str, text: &str) -> PathBuf {
    let path = dir.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, text).unwrap();
    path
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// A workflow with two fixable errors (a lower-case state type, a Next in the wrong case).
const FLOW: &str = "Type: StateMachine\nName: demo\nSpecVersion: v1\nStartAt: Hello\nStates:\n  - Type: pass\n    Name: Hello\n    Next: end\n  - Type: Succeed\n    Name: End\n";

fn indented(text: &str, indent: &str) -> String {
    text.lines().map(|l| format!("{indent}{l}\n")).collect()
}

fn markdown() -> String {
    format!(
        "# Guide\n\n1. Write the flow (开始):\n\n   ```yaml\n{}   ```\n\n```yaml\nservices: {{}}\n```\n",
        indented(FLOW, "   ")
    )
}

#[test]
fn concise_output_names_host_positions_in_every_kind_of_host() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "docs/guide.md", &markdown());
    write(
        dir.path(),
        "page.html",
        &format!(
            "<html><body>\n<cloudflow-lint><pre><code>\n{}</code></pre></cloudflow-lint>\n",
            FLOW.replace("Name: demo", "Name: a &amp; b")
        ),
    );
    write(
        dir.path(),
        "infra/main.tf",
        &format!(
            "resource \"alicloud_fnf_flow\" \"demo\" {{\n  definition = <<-EOF\n{}  EOF\n}}\n",
            indented(FLOW, "    ")
        ),
    );
    write(
        dir.path(),
        "ros.json",
        &format!(
            "{{\"ROSTemplateFormatVersion\": \"2015-09-01\", \"Resources\": {{\"F\": {{\"Type\": \"ALIYUN::FNF::Flow\", \"Properties\": {{\"Definition\": {}}}}}}}}}\n",
            serde_json::to_string(FLOW).unwrap()
        ),
    );
    write(
        dir.path(),
        "app/s.yaml",
        "resources:\n  f:\n    component: fnf\n    props:\n      definition: ./flows/f.yaml\n",
    );
    write(dir.path(), "app/flows/f.yaml", FLOW);
    write(dir.path(), "notes.md", "# no workflow here\n```yaml\na: 1\n```\n");
    write(
        dir.path(),
        "infra/templated.tf",
        "resource \"alicloud_fnf_flow\" \"t\" {\n  definition = templatefile(\"${path.module}/flow.yaml.tftpl\", { arn = var.arn })\n}\n",
    );
    write(
        dir.path(),
        "infra/flow.yaml.tftpl",
        &FLOW.replace(
            "Name: demo",
            "Name: demo\nDescription: \"%{ if x }a%{ endif } ${jsonencode({ \"k\" = \"v\" })}\"",
        ),
    );
    let out = flowplay(dir.path(), &["lint", "--format", "concise", "--no-catalog"]);
    insta::assert_snapshot!(stdout(&out).replace('\\', "/"));
    assert_eq!(out.status.code(), Some(1));
    // A walk skips hosts without a workflow silently.
    assert!(!stderr(&out).contains("no workflow"), "{}", stderr(&out));
}

#[test]
fn json_and_sarif_report_the_host_path_and_positions() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "guide.md", &markdown());
    let json = flowplay(dir.path(), &["lint", "--format", "json", "--no-catalog", "guide.md"]);
    let json: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(json["files"][0]["path"], "guide.md");
    let first = &json["files"][0]["diagnostics"][0];
    // `pass` on line 11 (the block's line 6), column 14 (3 of list indentation + 11).
    assert_eq!(
        (first["range"]["start"]["line"].as_u64(), first["range"]["start"]["column"].as_u64()),
        (Some(11), Some(14))
    );
    // The fix is kept: it is a one-line edit at exact host positions.
    assert_eq!(first["fix"]["edits"][0]["range"]["start"]["line"], 11);
    let sarif = flowplay(dir.path(), &["lint", "--format", "sarif", "--no-catalog", "guide.md"]);
    let sarif: serde_json::Value = serde_json::from_slice(&sarif.stdout).unwrap();
    let regions: Vec<String> = sarif["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let location = &r["locations"][0]["physicalLocation"];
            let region = &location["region"];
            format!(
                "{} {} {}:{}-{}:{}",
                r["ruleId"].as_str().unwrap(),
                location["artifactLocation"]["uri"].as_str().unwrap(),
                region["startLine"],
                region["startColumn"],
                region["endLine"],
                region["endColumn"]
            )
        })
        .collect();
    assert_eq!(regions, ["FDL-S005 guide.md 11:14-11:18", "FDL-S013 guide.md 13:14-13:17"]);
}

#[test]
fn human_output_shows_the_host_lines() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "guide.md", &markdown());
    let out = flowplay(dir.path(), &["lint", "--no-catalog", "--color", "never", "guide.md"]);
    insta::assert_snapshot!(stdout(&out));
}

#[test]
fn suppressions_written_in_the_host_work() {
    let dir = tempfile::tempdir().unwrap();
    let flow = FLOW
        .replace("Type: pass", "Type: pass # flowplay-ignore: FDL-S005")
        .replace("Name: demo", "Name: demo\n# flowplay-ignore-file: FDL-S013");
    write(dir.path(), "guide.md", &format!("```yaml\n{flow}```\n"));
    let out = flowplay(dir.path(), &["lint", "--format", "concise", "--no-catalog", "guide.md"]);
    assert_eq!(stdout(&out), "", "{}", stderr(&out));
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn fix_rewrites_a_markdown_block_in_place_and_a_second_run_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "guide.md", &markdown().replace('\n', "\r\n"));
    // `--diff` prints the host's diff and writes nothing.
    let out = flowplay(dir.path(), &["lint", "--fix", "--diff", "--no-catalog", "guide.md"]);
    assert!(stdout(&out).contains("-     - Type: pass\r\n+     - Type: Pass\r\n"), "{}", stdout(&out));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), markdown().replace('\n', "\r\n"));
    let out = flowplay(dir.path(), &["lint", "--fix", "--no-catalog", "guide.md"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let fixed = std::fs::read_to_string(&path).unwrap();
    let expected =
        markdown().replace("Type: pass", "Type: Pass").replace("Next: end", "Next: End").replace('\n', "\r\n");
    assert_eq!(fixed, expected);
    flowplay(dir.path(), &["lint", "--fix", "--no-catalog", "guide.md"]);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), expected);
}

#[test]
fn fix_rewrites_an_indented_heredoc_and_html_with_entities() {
    let dir = tempfile::tempdir().unwrap();
    let tf = format!(
        "resource \"alicloud_fnf_flow\" \"demo\" {{\n  definition = <<-EOF\n{}  EOF\n}}\n",
        indented(FLOW, "    ")
    );
    let tf_path = write(dir.path(), "main.tf", &tf);
    let html = format!(
        "<cloudflow-lint><pre>\n{}</pre></cloudflow-lint>\n",
        FLOW.replace("Name: demo", "Name: demo\n# see &lt;docs&gt; &amp; more")
    );
    let html_path = write(dir.path(), "page.html", &html);
    let out = flowplay(dir.path(), &["lint", "--fix", "--no-catalog", "main.tf", "page.html"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let fix = |s: &str| s.replace("Type: pass", "Type: Pass").replace("Next: end", "Next: End");
    assert_eq!(std::fs::read_to_string(tf_path).unwrap(), fix(&tf));
    assert_eq!(std::fs::read_to_string(html_path).unwrap(), fix(&html));
}

/// A fix left out (it would add a finding) is named at its place in the file as written, after
/// an earlier fix removed a line above it.
#[test]
fn fixes_left_out_are_named_where_they_are_in_the_fixed_host() {
    let dir = tempfile::tempdir().unwrap();
    let flow = "Type: StateMachine\nName: f\nSpecVersion: v1\nStartAt: Done\nStates:\n  - Type: Succeed\n    Name: Done\n    End: true\n  - Type: Pass\n    Name: A\n    Nxt: Missing\n";
    let path = write(dir.path(), "left.md", &format!("# T\n\n```yaml\n{flow}```\n"));
    let out =
        flowplay(dir.path(), &["lint", "--fix", "--unsafe-fixes", "--no-catalog", "--format", "concise", "left.md"]);
    let fixed = std::fs::read_to_string(path).unwrap();
    assert_eq!(fixed.lines().nth(12), Some("    Nxt: Missing"), "{fixed}");
    assert!(
        stderr(&out).contains("left.md:13:5: fix for FDL-S007 not applied: it would add FDL-S013"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn fix_refuses_what_it_cannot_write_back_exactly_and_leaves_the_file() {
    let dir = tempfile::tempdir().unwrap();
    // A quoted string: escapes make the map inexact.
    let tf = format!(
        "resource \"alicloud_fnf_flow\" \"q\" {{\n  definition = {}\n}}\n",
        serde_json::to_string(FLOW).unwrap()
    );
    let tf_path = write(dir.path(), "main.tf", &tf);
    // A placeholder on a line a fix would rewrite (Terraform interpolates comments too).
    let heredoc = FLOW.replace("Next: end", "Next: end # ${var.note}");
    let placeholder = format!("resource \"alicloud_fnf_flow\" \"p\" {{\n  definition = <<EOF\n{heredoc}EOF\n}}\n");
    let placeholder_path = write(dir.path(), "placeholder.tf", &placeholder);
    let out = flowplay(dir.path(), &["lint", "--fix", "--no-catalog", "main.tf", "placeholder.tf"]);
    let err = stderr(&out);
    assert!(
        err.contains(
            "main.tf:2:17: 2 fix(es) for resource alicloud_fnf_flow.q not written: the workflow is a quoted string"
        ),
        "{err}"
    );
    assert_eq!(std::fs::read_to_string(&tf_path).unwrap(), tf);
    assert!(err.contains("placeholder.tf:3:1: 2 fix(es) for resource alicloud_fnf_flow.p not written: the change touches a template placeholder"), "{err}");
    assert_eq!(std::fs::read_to_string(&placeholder_path).unwrap(), placeholder);
    assert_eq!(out.status.code(), Some(1), "{err}");
}

/// The embed component lints with its `options` attribute; so does the CLI.
#[test]
fn the_options_of_a_cloudflow_lint_element_apply_to_its_workflow() {
    let dir = tempfile::tempdir().unwrap();
    let wait = "Type: StateMachine\nName: w\nSpecVersion: v1\nStartAt: W\nStates:\n  - Type: Wait\n    Name: W\n    Seconds: 60\n    End: true\n";
    let page = format!(
        "<cloudflow-lint options='{{\"executionMode\": \"Express\"}}'>\n{wait}</cloudflow-lint>\n<cloudflow-lint>\n{wait}</cloudflow-lint>\n<cloudflow-lint options='{{\"rules\": 1}}'>\n{wait}</cloudflow-lint>\n"
    );
    write(dir.path(), "page.html", &page);
    let out = flowplay(dir.path(), &["lint", "--format", "concise", "--no-catalog", "page.html"]);
    insta::assert_snapshot!(stdout(&out));
}

#[test]
fn a_host_named_without_a_workflow_says_so_and_does_not_fail() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "README.md", "# Nothing\n\n```yaml\nservices: {}\n```\n");
    let out = flowplay(dir.path(), &["lint", "README.md"]);
    assert_eq!(stderr(&out), "warning: no workflow found in README.md (read as Markdown)\n");
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn an_unreadable_host_is_one_finding_at_the_place() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "guide.md", &format!("intro\n\n```yaml\n{FLOW}"));
    write(
        dir.path(),
        "s.yaml",
        "services:\n  f:\n    component: devsapp/fnf\n    props:\n      definition: ./missing.yaml\n",
    );
    let out = flowplay(dir.path(), &["lint", "--format", "concise", "guide.md", "s.yaml"]);
    insta::assert_snapshot!(stdout(&out));
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn stdin_with_a_host_file_name_is_read_as_that_host() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_flowplay"))
        .args(["lint", "--format", "concise", "--no-catalog", "--stdin-filename", "docs/guide.md", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child.stdin.take().unwrap().write_all(markdown().as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(stdout(&out).starts_with("docs/guide.md:11:14: FDL-S005"), "{}", stdout(&out));
}

/// The real host files of tests/corpus/hosts (each with a SOURCE file), linted as a user would
/// (`flowplay lint .` in the directory). Every finding was read: FDL-L020 (the samples use the
/// legacy dialect), FDL-P011 (a `${…}` reference the deployment fills in), and the embed demo's
/// block that is broken on purpose (FDL-S011, FDL-S013): all right.
#[test]
fn the_real_host_corpus() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/corpus/hosts");
    let mut dirs: Vec<PathBuf> =
        std::fs::read_dir(&root).unwrap().map(|e| e.unwrap().path()).filter(|p| p.is_dir()).collect();
    dirs.sort();
    let mut report = String::new();
    for dir in dirs {
        assert!(dir.join("SOURCE").is_file(), "{} needs a SOURCE file", dir.display());
        let out = flowplay(&dir, &["lint", "--format", "concise", "."]);
        let name = dir.file_name().unwrap().to_string_lossy();
        report.push_str(&format!(
            "== {name} (exit {})\n{}",
            out.status.code().unwrap_or(-1),
            stdout(&out).replace('\\', "/")
        ));
    }
    let doc = root.join("terraform-fnf-flow-doc");
    let out = flowplay(&doc, &["lint", "fnf_flow.html.markdown"]);
    report.push_str(&format!("== named: fnf_flow.html.markdown\n{}", stderr(&out)));
    insta::assert_snapshot!(report);
}

/// docs/rules.md read as a Markdown host: every finding is in a rule's wrong example
/// ("#### Example"); the corrected examples are clean, but for FDL-L020 (an info suggesting the
/// current dialect, right for the legacy rules' corrected legacy flows).
#[test]
fn the_rules_page_corrected_examples_are_clean() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let out = flowplay(&root, &["lint", "--format", "concise", "docs/rules.md"]);
    let page = std::fs::read_to_string(root.join("docs/rules.md")).unwrap();
    let lines: Vec<&str> = page.lines().collect();
    let findings = stdout(&out);
    assert!(findings.lines().count() > 100, "the wrong examples are linted: {findings}");
    for finding in findings.lines() {
        let mut parts = finding.splitn(4, ':');
        let (_, line) = (parts.next(), parts.next().unwrap().parse::<usize>().unwrap());
        // The heading above the fence the finding is in.
        let fence = (0..line).rev().find(|&i| lines[i].starts_with("```")).unwrap();
        let heading = (0..fence).rev().map(|i| lines[i]).find(|l| l.starts_with("#### ")).unwrap();
        match heading {
            "#### Example" => {}
            "#### Corrected" => {
                assert!(finding.contains(": FDL-L020 "), "a corrected example has a finding: {finding}")
            }
            other => panic!("a finding under {other}: {finding}"),
        }
    }
}

/// A walk does not read JSON (or Markdown, HTML) data larger than a host can be.
#[test]
fn a_walk_skips_oversized_data_files() {
    let dir = tempfile::tempdir().unwrap();
    let big = format!(
        "{{\"ROSTemplateFormatVersion\": \"2015-09-01\", \"x\": \"{}\"}}",
        "a".repeat(flowplay_hosts::MAX_HOST_BYTES + 1)
    );
    write(dir.path(), "data.json", &big);
    let out = flowplay(dir.path(), &["lint", "--format", "concise", "."]);
    assert_eq!(stdout(&out), "");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    // Named on the command line, it is read and refused with a located error.
    let out = flowplay(dir.path(), &["lint", "--format", "concise", "data.json"]);
    assert_eq!(
        stdout(&out),
        "data.json:1:1: FDL-P012 cannot read the workflow in this ROS template file: the file is larger than 16 MiB\n"
    );
}
