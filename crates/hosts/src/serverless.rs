//! Serverless Devs description files (`s.yaml`, `s.yml`, `s-<env>.yaml`): the `definition` of a
//! flow component (a `component` naming `fnf`, `flow` or `cloudflow`, e.g. `devsapp/fnf`, or a
//! component loaded from a path, `${path("../")}`, as the component's own examples do; for the
//! latter an inline definition must also look like a workflow),
//! under `services` (edition 1.0.0), `resources` (3.0.0) or at the top level (the older
//! `Component`/`Properties` form). The definition is a file name (`./flow.yaml`, linted as a
//! workflow file under its own path), a string (a literal block), or a YAML mapping written
//! inline, whose lines are linted with their indentation stripped.

use fdl::yaml::{Entry, Node, NodeKind};

use crate::map::SourceMap;
use crate::{Embedded, ExtractError, Found, Rewrite, yaml_string};

/// Whether a file name is a Serverless Devs description file.
pub fn is_description_file(name: &str) -> bool {
    let stem = name.strip_suffix(".yaml").or_else(|| name.strip_suffix(".yml")).unwrap_or("");
    stem == "s" || stem.starts_with("s-")
}

fn get_ci<'a>(node: &'a Node, keys: &[&str]) -> Option<&'a Node> {
    node.as_map()?
        .iter()
        .find(|e| e.key_str().is_some_and(|k| keys.iter().any(|want| k.eq_ignore_ascii_case(want))))
        .map(|e| &e.value)
}

fn is_flow_component(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    name.contains("fnf") || name.contains("flow")
}

pub fn extract(text: &str) -> Result<Vec<Found>, ExtractError> {
    let doc = fdl::yaml::parse(text, Default::default());
    let Some(root) = doc.root else {
        if let Some(d) = doc.diagnostics.first() {
            return Err(ExtractError::new(d.span.start as usize, format!("not valid YAML: {}", d.message)));
        }
        return Ok(Vec::new());
    };
    let mut services: Vec<&Entry> = Vec::new();
    for group in ["services", "resources"] {
        if let Some(entries) = get_ci(&root, &[group]).and_then(Node::as_map) {
            services.extend(entries);
        }
    }
    services.extend(root.as_map().unwrap_or(&[]));
    let mut found = Vec::new();
    for service in services {
        let Some(component) = get_ci(&service.value, &["component"]).and_then(Node::as_str) else { continue };
        let from_path = component.starts_with("${");
        if !is_flow_component(component) && !from_path {
            continue;
        }
        let Some(props) = get_ci(&service.value, &["props", "properties"]) else { continue };
        let Some(definition) = get_ci(props, &["definition", "flowDefinition"]) else { continue };
        let label = format!("the definition of {}", service.key_str().unwrap_or("?"));
        match definition_of(text, definition, label) {
            Some(Found::Workflow(w)) if from_path && !crate::looks_like_workflow(w.map.text()) => {}
            Some(item) => found.push(item),
            None => {}
        }
    }
    Ok(found)
}

fn definition_of(text: &str, node: &Node, label: String) -> Option<Found> {
    match &node.kind {
        NodeKind::Map(_) => Some(Found::Workflow(inline_mapping(text, node, label))),
        NodeKind::Scalar(_) if yaml_string::is_string(node) => {
            let value = node.as_str()?;
            let is_file = !value.contains('\n') && [".yaml", ".yml", ".json"].iter().any(|e| value.ends_with(e));
            if is_file && (value.contains("${") || value.contains("://")) {
                // A name the deployment fills in, or a remote object: not a local file to read.
                None
            } else if is_file {
                Some(Found::File { path: value.to_owned(), at: node.span.range(), kind: None })
            } else {
                yaml_string::decode(text, node, label).map(Found::Workflow)
            }
        }
        _ => None,
    }
}

/// The lines of a block mapping written inline, less the mapping's indentation.
fn inline_mapping(text: &str, node: &Node, label: String) -> Embedded {
    let range = node.span.range();
    let line_start = text[..range.start].rfind('\n').map_or(0, |i| i + 1);
    let indent = &text[line_start..range.start];
    let mut map = SourceMap::at(range.start);
    // The mapping runs to the end of the line its span ends on.
    let end = if text[..range.end].ends_with('\n') {
        range.end
    } else {
        text[range.end..].find('\n').map_or(text.len(), |e| range.end + e + 1)
    };
    let mut at = line_start;
    for line in text[line_start..end].split_inclusive('\n') {
        let stripped = line.bytes().zip(indent.bytes()).take_while(|(a, b)| a == b && *a == b' ').count();
        map.push_verbatim(text, at + stripped..at + line.len(), stripped);
        at += line.len();
    }
    let rewrite = if indent.bytes().all(|b| b == b' ') {
        Rewrite::Lines { indent: indent.to_owned(), html: false }
    } else {
        Rewrite::Refused("the inline definition does not start on its own line")
    };
    Embedded { map, label, rewrite, options: None }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<String> {
        extract(text)
            .unwrap()
            .into_iter()
            .map(|f| match f {
                Found::Workflow(w) => w.map.text().to_owned(),
                Found::File { path, at, .. } => format!("file {path} at {}", &text[at]),
            })
            .collect()
    }

    #[test]
    fn file_names_inline_mappings_and_strings() {
        let s = "edition: 1.0.0\nservices:\n  a:\n    component: devsapp/fnf\n    props:\n      definition: ./flow.yaml\n  b:\n    component: fnf\n    props:\n      name: b\n      definition:\n        version: ${vars.version}\n        type: flow\n        steps:\n          - type: pass\n            name: hello\n      roleArn: x\n  c:\n    component: fc\n    props:\n      definition: ./other.yaml\n";
        assert_eq!(
            found(s),
            [
                "file ./flow.yaml at ./flow.yaml".to_owned(),
                "version: ${vars.version}\ntype: flow\nsteps:\n  - type: pass\n    name: hello\n".to_owned()
            ]
        );
        let s3 = "edition: 3.0.0\nresources:\n  f:\n    component: cloudflow\n    props:\n      definition: |\n        Type: StateMachine\n";
        assert_eq!(found(s3), ["Type: StateMachine\n"]);
        let unknown = "s:\n  component: fnf\n  props:\n    definition: ${vars.dir}/flow.yaml\n";
        assert!(found(unknown).is_empty());
        let old = "MyFNFDemo:\n  Component: fnf\n  Properties:\n    Definition: ./temp.json\n";
        assert_eq!(found(old), ["file ./temp.json at ./temp.json"]);
    }

    #[test]
    fn components_loaded_from_a_path() {
        let s = "resources:\n  a:\n    component: ${path(\"../\")}\n    props:\n      definition:\n        type: flow\n        version: v1beta1\n        steps: []\n  b:\n    component: ${path(\"../\")}\n    props:\n      definition:\n        code: ./src\n  c:\n    component: fc3\n    props:\n      definition:\n        type: flow\n        version: v1beta1\n";
        assert_eq!(found(s), ["type: flow\nversion: v1beta1\nsteps: []\n"]);
    }

    #[test]
    fn crlf_and_non_ascii_inline_definitions() {
        let s = "services:\r\n  f:\r\n    component: fnf\r\n    props:\r\n      definition:\r\n        Type: StateMachine\r\n        Name: 开始\r\n";
        assert_eq!(found(s), ["Type: StateMachine\r\nName: 开始\r\n"]);
    }

    #[test]
    fn description_file_names() {
        assert!(is_description_file("s.yaml") && is_description_file("s.yml") && is_description_file("s-prod.yaml"));
        assert!(!is_description_file("s.json") && !is_description_file("flows.yaml") && !is_description_file("s"));
    }

    #[test]
    fn broken_yaml_is_an_error_with_a_location() {
        let error = extract("services:\n  a: [\n").unwrap_err();
        assert!(error.message.starts_with("not valid YAML"), "{}", error.message);
        assert!(found("").is_empty());
    }
}
