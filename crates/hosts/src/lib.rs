//! Where workflows live: finds CloudFlow workflows inside host files and maps every position of a
//! workflow back to its host file. No CLI types: `flowplay lint` and a future language server
//! share it.
//!
//! | Host | Where the workflow is |
//! |---|---|
//! | Markdown (`.md`, `.markdown`) | fenced ```` ```yaml ```` / `~~~yml` blocks whose content is a workflow |
//! | HTML (`.html`, `.htm`) | the text content of `<cloudflow-lint>` elements (the embed component), with their `options`; workflow `<pre><code>` blocks on `data-auto` pages |
//! | Terraform (`.tf`) | `definition` of `resource "alicloud_fnf_flow"`: a heredoc or a quoted string; `file(…)`/`templatefile(…)` name a file |
//! | ROS templates (YAML, JSON) | `Properties.Definition` of resources of `Type: ALIYUN::FNF::Flow`; Fun's `Aliyun::Serverless::Flow` (`Definition`, `DefinitionUri`) |
//! | Serverless Devs (`s.yaml`, `s.yml`, `s-*.yaml`) | `props.definition` of flow components: inline, or a file name |
//!
//! Template interpolations (`${var.x}`, `${ALIYUN::Region}`) stay opaque: each is replaced by a
//! placeholder of the same length that fdl recognises (`fdl::placeholder`), so positions stay
//! right and no finding blames them. Each workflow comes with a [`SourceMap`] (workflow offsets
//! to host offsets and back) and says how a fixed version may be written back ([`write_back`]).

mod html;
mod map;
mod markdown;
mod placeholders;
mod probe;
mod ros;
mod serverless;
mod terraform;
mod yaml_string;

use std::ops::Range;
use std::path::Path;

pub use map::{Piece, SourceMap};
pub use probe::looks_like_workflow;

/// The kinds of host file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HostKind {
    Markdown,
    Html,
    Terraform,
    /// A ROS (Resource Orchestration Service) template, YAML or JSON.
    Ros,
    /// A Serverless Devs description file (`s.yaml`).
    ServerlessDevs,
    /// A Terraform template file (`templatefile("flow.yaml.tftpl", …)`): the whole file is the
    /// workflow, its `${…}` and `%{…}` placeholders. Never recognised by name: only a `.tf` names one.
    TerraformTemplate,
}

impl HostKind {
    pub fn name(self) -> &'static str {
        match self {
            HostKind::Markdown => "Markdown",
            HostKind::Html => "HTML",
            HostKind::Terraform => "Terraform",
            HostKind::Ros => "ROS template",
            HostKind::ServerlessDevs => "Serverless Devs",
            HostKind::TerraformTemplate => "Terraform template",
        }
    }
}

/// What kind of host `path` is, from its name and (for YAML and JSON) its content: `None` for a
/// bare workflow file or an unrelated file.
pub fn host_kind(path: &Path, text: &str) -> Option<HostKind> {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    let extension = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
    match extension.as_str() {
        "md" | "markdown" => Some(HostKind::Markdown),
        "html" | "htm" => Some(HostKind::Html),
        "tf" => Some(HostKind::Terraform),
        // A bare workflow is never a host, whatever its name or the words in its comments.
        "yaml" | "yml" | "json" if looks_like_workflow(text) => None,
        "yaml" | "yml" if serverless::is_description_file(name) => Some(HostKind::ServerlessDevs),
        "yaml" | "yml" | "json" if ros::looks_like_template(text) => Some(HostKind::Ros),
        _ => None,
    }
}

/// Whether a walk should open `path` to look for a host (its name alone can say so; ROS templates
/// are recognised by content, so every `.json` is a candidate, `.yaml` ones being read anyway).
pub fn may_be_host(path: &Path) -> bool {
    let extension = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
    matches!(extension.as_str(), "md" | "markdown" | "html" | "htm" | "tf" | "json" | "yaml" | "yml")
}

/// How a fixed workflow goes back into its host.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Rewrite {
    /// Line by line: each written line gets `indent`, HTML text is entity-escaped.
    Lines { indent: String, html: bool },
    /// Not possible; the reason, for the message.
    Refused(&'static str),
}

/// A workflow found inside a host file.
#[derive(Clone, Debug)]
pub struct Embedded {
    /// The workflow text and its map to the host.
    pub map: SourceMap,
    /// Where it is, for messages (`` ```yaml block ``, `resource alicloud_fnf_flow.example`).
    pub label: String,
    /// How `--fix` may write it back.
    pub rewrite: Rewrite,
    /// Lint options the host gives this workflow: the JSON of `<cloudflow-lint options='…'>`
    /// (`{"rules": {…}, "executionMode": "Express"}`, what the embed component lints with), with
    /// the host offset of the attribute's value.
    pub options: Option<(String, usize)>,
}

/// What a host file holds.
#[derive(Clone, Debug)]
pub enum Found {
    Workflow(Embedded),
    /// A workflow kept in another file, named by the host (`definition: ./flow.yaml`), relative to
    /// the host's directory; `at` is the name's range in the host; `kind` how to read the file
    /// (`None`: as a workflow file).
    File {
        path: String,
        at: Range<usize>,
        kind: Option<HostKind>,
    },
}

/// A host file that cannot be read as its kind, at a byte offset of the host.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExtractError {
    pub offset: usize,
    pub message: String,
}

impl ExtractError {
    pub(crate) fn new(offset: usize, message: impl Into<String>) -> Self {
        Self { offset, message: message.into() }
    }
}

/// The most workflows taken from one host file (a limit against pathological inputs).
pub const MAX_WORKFLOWS_PER_HOST: usize = 1000;

/// The largest host file read (each workflow in it is further limited to fdl's 1 MiB).
pub const MAX_HOST_BYTES: usize = 16 * 1024 * 1024;

/// Finds the workflows in `text`, a host of kind `kind`, in the order they appear.
pub fn extract(kind: HostKind, text: &str) -> Result<Vec<Found>, ExtractError> {
    if text.len() > MAX_HOST_BYTES {
        return Err(ExtractError::new(0, format!("the file is larger than {} MiB", MAX_HOST_BYTES / 1024 / 1024)));
    }
    let found = match kind {
        HostKind::Markdown => markdown::extract(text)?,
        HostKind::Html => html::extract(text)?,
        HostKind::Terraform => terraform::extract(text)?,
        HostKind::Ros => ros::extract(text)?,
        HostKind::ServerlessDevs => serverless::extract(text)?,
        HostKind::TerraformTemplate => vec![Found::Workflow(terraform::extract_template(text)?)],
    };
    if found.len() > MAX_WORKFLOWS_PER_HOST {
        return Err(ExtractError::new(0, format!("more than {MAX_WORKFLOWS_PER_HOST} workflows in one file")));
    }
    Ok(found)
}

/// The host text with `embedded` (the `index`-th workflow [`extract`] found) replaced by `fixed`.
/// Only lines that changed are rewritten; a change that touches a placeholder, an escape
/// sequence or markup, or a host whose embedding cannot be rewritten, is refused with the reason.
/// The result is checked: extracting it again must give `fixed` back, else it is refused too.
pub fn write_back(
    kind: HostKind,
    host: &str,
    index: usize,
    embedded: &Embedded,
    fixed: &str,
) -> Result<String, String> {
    let (indent, html) = match &embedded.rewrite {
        Rewrite::Lines { indent, html } => (indent.as_str(), *html),
        Rewrite::Refused(why) => return Err((*why).to_owned()),
    };
    let old = embedded.map.text();
    let escape: fn(&str) -> String = if html { html::escape } else { str::to_owned };
    let old_starts = map::line_starts(old);
    let new_starts = map::line_starts(fixed);
    let diff = similar::TextDiff::from_lines(old, fixed);
    let mut edits = Vec::new();
    for op in diff.ops() {
        let (tag, old_lines, new_lines) = op.as_tag_tuple();
        if tag == similar::DiffTag::Equal {
            continue;
        }
        let old_range = line_range(&old_starts, old_lines);
        let new_range = line_range(&new_starts, new_lines);
        let edit = embedded
            .map
            .line_edit(old_range, &fixed[new_range], indent, escape)
            .ok_or("the change touches a template placeholder, an escape sequence or markup")?;
        edits.push(edit);
    }
    let mut out = host.to_owned();
    for (range, text) in edits.into_iter().rev() {
        out.replace_range(range, &text);
    }
    let again = extract(kind, &out).map_err(|e| format!("the fixed file would not read back: {}", e.message))?;
    match again.get(index) {
        Some(Found::Workflow(w)) if w.map.text() == fixed => Ok(out),
        _ => Err("the fixed workflow would not read back the same (e.g. a line that ends its block)".to_owned()),
    }
}

/// The byte range of lines `lines` of a text whose line starts are `starts`.
fn line_range(starts: &[usize], lines: Range<usize>) -> Range<usize> {
    let at = |line: usize| starts.get(line).copied().unwrap_or(*starts.last().unwrap_or(&0));
    at(lines.start)..at(lines.end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn host_kinds_by_name_and_content() {
        let kind = |path: &str, text: &str| host_kind(Path::new(path), text);
        assert_eq!(kind("docs/a.md", ""), Some(HostKind::Markdown));
        assert_eq!(kind("a.MARKDOWN", ""), Some(HostKind::Markdown));
        assert_eq!(kind("a.htm", ""), Some(HostKind::Html));
        assert_eq!(kind("main.tf", ""), Some(HostKind::Terraform));
        assert_eq!(kind("x/s.yaml", "edition: 1.0.0\n"), Some(HostKind::ServerlessDevs));
        assert_eq!(kind("s-prod.yml", ""), Some(HostKind::ServerlessDevs));
        let ros = "ROSTemplateFormatVersion: '2015-09-01'\nResources: {}\n";
        assert_eq!(kind("template.yaml", ros), Some(HostKind::Ros));
        assert_eq!(kind("t.json", "{\"ROSTemplateFormatVersion\": \"2015-09-01\"}"), Some(HostKind::Ros));
        assert_eq!(kind("flow.yaml", "Type: StateMachine\n"), None);
        assert_eq!(kind("flow.yaml", "# deployed as ALIYUN::FNF::Flow\nType: StateMachine\n"), None);
        assert_eq!(kind("s.yaml", "Type: StateMachine\n"), None);
        assert_eq!(kind("package.json", "{}"), None);
        assert_eq!(kind("a.txt", ""), None);
    }

    fn first_workflow(kind: HostKind, host: &str) -> Embedded {
        match extract(kind, host).unwrap().into_iter().next() {
            Some(Found::Workflow(w)) => w,
            _ => panic!("no workflow in {host:?}"),
        }
    }

    #[test]
    fn write_back_rewrites_changed_lines_with_the_host_indentation() {
        let host = "intro\n\n  ```yaml\n  Type: StateMachine\n  States:\n    - Type: pass\n  ```\ntail\n";
        let w = first_workflow(HostKind::Markdown, host);
        let fixed = w.map.text().replace("pass", "Pass\n      Name: P");
        let out = write_back(HostKind::Markdown, host, 0, &w, &fixed).unwrap();
        assert_eq!(
            out,
            "intro\n\n  ```yaml\n  Type: StateMachine\n  States:\n    - Type: Pass\n        Name: P\n  ```\ntail\n"
        );
        // Lines removed and added at the end.
        let fixed = "Type: StateMachine\nName: x\n";
        let out = write_back(HostKind::Markdown, host, 0, &w, fixed).unwrap();
        assert_eq!(out, "intro\n\n  ```yaml\n  Type: StateMachine\n  Name: x\n  ```\ntail\n");
    }

    #[test]
    fn write_back_refuses_what_would_not_read_back() {
        let host = "```yaml\nType: StateMachine\nName: a\n```\n";
        let w = first_workflow(HostKind::Markdown, host);
        // A line that would close the fence.
        let error = write_back(HostKind::Markdown, host, 0, &w, "Type: StateMachine\n```\n").unwrap_err();
        assert!(error.contains("would not read back"), "{error}");
        // A heredoc that would gain an interpolation.
        let tf = "resource \"alicloud_fnf_flow\" \"a\" {\n  definition = <<EOF\nType: StateMachine\nName: a\nEOF\n}\n";
        let w = first_workflow(HostKind::Terraform, tf);
        assert!(write_back(HostKind::Terraform, tf, 0, &w, "Type: StateMachine\nName: ${x}\n").is_err());
        assert!(write_back(HostKind::Terraform, tf, 0, &w, "Type: StateMachine\nName: b\n").is_ok());
        // A JSON string: refused outright.
        let json =
            "{\"Resources\": {\"F\": {\"Type\": \"ALIYUN::FNF::Flow\", \"Properties\": {\"Definition\": \"a: 1\"}}}}";
        let w = first_workflow(HostKind::Ros, json);
        assert!(write_back(HostKind::Ros, json, 0, &w, "a: 2").unwrap_err().contains("not a literal block"));
    }

    #[test]
    fn write_back_into_yaml_templates() {
        let ros = "Resources:\n  F:\n    Type: ALIYUN::FNF::Flow\n    Properties:\n      Definition: |\n        Type: StateMachine\n        Name: a\n      Name: f\n";
        let w = first_workflow(HostKind::Ros, ros);
        let out = write_back(HostKind::Ros, ros, 0, &w, "Type: StateMachine\nName: b\nSpecVersion: v1\n").unwrap();
        assert_eq!(out, ros.replace("        Name: a\n", "        Name: b\n        SpecVersion: v1\n"));
        let s = "resources:\n  f:\n    component: fnf\n    props:\n      definition:\n        Type: StateMachine\n        Name: a\n      name: f\n";
        let w = first_workflow(HostKind::ServerlessDevs, s);
        assert_eq!(w.map.text(), "Type: StateMachine\nName: a\n");
        let out = write_back(HostKind::ServerlessDevs, s, 0, &w, "Type: StateMachine\nName: b\n").unwrap();
        assert_eq!(out, s.replace("Name: a", "Name: b"));
    }

    #[test]
    fn write_back_escapes_html_and_keeps_entities_it_does_not_touch() {
        let host = "<cloudflow-lint><pre>\nName: a &amp; b\nType: pass\n</pre></cloudflow-lint>";
        let w = first_workflow(HostKind::Html, host);
        assert_eq!(w.map.text(), "Name: a & b\nType: pass\n");
        let out = write_back(HostKind::Html, host, 0, &w, "Name: a & b\nType: <Pass>\n").unwrap();
        assert_eq!(out, "<cloudflow-lint><pre>\nName: a &amp; b\nType: &lt;Pass&gt;\n</pre></cloudflow-lint>");
        // The line with an entity cannot be rewritten (its text is decoded).
        assert!(write_back(HostKind::Html, host, 0, &w, "Name: c\nType: pass\n").is_err());
    }

    #[test]
    fn limits_are_errors() {
        let block = "```yaml\nType: StateMachine\n```\n";
        assert_eq!(
            extract(HostKind::Markdown, &block.repeat(MAX_WORKFLOWS_PER_HOST)).unwrap().len(),
            MAX_WORKFLOWS_PER_HOST
        );
        let error = extract(HostKind::Markdown, &block.repeat(MAX_WORKFLOWS_PER_HOST + 1)).unwrap_err();
        assert_eq!(error.message, "more than 1000 workflows in one file");
        let error = extract(HostKind::Html, &" ".repeat(MAX_HOST_BYTES + 1)).unwrap_err();
        assert_eq!(error, ExtractError::new(0, "the file is larger than 16 MiB"));
    }

    /// Every prefix of hosts of every kind (cut at any character: unclosed fences, heredocs,
    /// strings, tags, entities), read as every kind: an error or a result, never a panic; and
    /// every offset of every map lands on a character boundary of the host.
    #[test]
    fn no_input_panics() {
        let samples = [
            "# T\n\n  ```yaml\n  Type: StateMachine\n  Name: 开始\r\n  ```\n~~~yml\nsteps:\n  - type: pass\n~~~\n",
            "<p>&#x5F00;</p><cloudflow-lint a='>'><pre>\nType: StateMachine\nName: a &amp; 开 &#22987;<!-- c -->\n</pre></cloudflow-lint>",
            "resource \"alicloud_fnf_flow\" \"x\" {\n  /* c */ definition = <<-EOF\n    Name: ${var.n} $${x} 开\n  EOF\n}\nresource \"alicloud_fnf_flow\" \"y\" {\n  definition = \"a: \\u5f00\\n${b}\"\n}\n",
            "{\"ROSTemplateFormatVersion\": \"2015-09-01\", \"Resources\": {\"F\": {\"Type\": \"ALIYUN::FNF::Flow\", \"Properties\": {\"Definition\": {\"Fn::Join\": [\"\\n\", [\"a: \\ud83d\\ude00\", {\"Ref\": \"x\"}]]}}}}}",
            "services:\n  a:\n    component: fnf\n    props:\n      definition:\n        Type: StateMachine\n        Name: 开始\n",
        ];
        let kinds = [
            HostKind::Markdown,
            HostKind::Html,
            HostKind::Terraform,
            HostKind::Ros,
            HostKind::ServerlessDevs,
            HostKind::TerraformTemplate,
        ];
        for sample in samples {
            for (cut, _) in sample.char_indices().chain(std::iter::once((sample.len(), ' '))) {
                let host = &sample[..cut];
                for kind in kinds {
                    let Ok(found) = extract(kind, host) else { continue };
                    for item in found {
                        if let Found::Workflow(w) = item {
                            let text = w.map.text();
                            for offset in (0..=text.len()).filter(|&o| text.is_char_boundary(o)) {
                                let at = w.map.to_host(offset);
                                assert!(host.is_char_boundary(at), "{kind:?} {host:?} {offset}");
                                assert!(host.is_char_boundary(w.map.to_host_end(offset)));
                            }
                        }
                    }
                }
            }
        }
    }
}
