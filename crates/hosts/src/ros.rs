//! ROS (Resource Orchestration Service) templates, YAML or JSON: `Properties.Definition` of each
//! resource of `Type: ALIYUN::FNF::Flow`, and of `Aliyun::Serverless::Flow` in Fun templates
//! (ROS with the `Aliyun::Serverless-2018-04-03` transform), whose `DefinitionUri` names a
//! workflow file instead. The definition is a string (a literal block, a plain
//! or quoted string), or `Fn::Sub` of one (`!Sub` too; its `${Var}` are already fdl
//! placeholders), or `Fn::Replace` (its names become placeholders), or a `Fn::Join` of strings
//! and references (each reference a placeholder; positions inside map exactly where the
//! parts are strings). Any other expression (`Ref` of a parameter) is not followed.

use fdl::yaml::{Node, NodeKind};

use crate::map::{Piece, SourceMap};
use crate::{Embedded, ExtractError, Found, Rewrite, yaml_string};

/// The resource types of a flow: ROS's own, and Fun's (the serverless transform).
const FLOW_TYPES: &[&str] = &["ALIYUN::FNF::Flow", "Aliyun::Serverless::Flow"];

/// A cheap probe: a ROS template version key, or a flow resource type.
pub fn looks_like_template(text: &str) -> bool {
    text.contains("ROSTemplateFormatVersion") || FLOW_TYPES.iter().any(|t| text.contains(t))
}

pub fn extract(text: &str) -> Result<Vec<Found>, ExtractError> {
    let doc = fdl::yaml::parse(text, Default::default());
    let Some(root) = doc.root else {
        let at = doc.diagnostics.first().map_or(0, |d| d.span.start as usize);
        let why = doc.diagnostics.first().map_or_else(|| "an empty document".to_owned(), |d| d.message.clone());
        return Err(ExtractError::new(at, format!("the template is not valid YAML or JSON: {why}")));
    };
    let mut found = Vec::new();
    let Some(resources) = root.get("Resources").and_then(Node::as_map) else { return Ok(found) };
    for resource in resources {
        if !resource.value.get("Type").and_then(Node::as_str).is_some_and(|t| FLOW_TYPES.contains(&t)) {
            continue;
        }
        let name = resource.key_str().unwrap_or("?");
        let Some(properties) = resource.value.get("Properties") else { continue };
        if let Some(uri) = properties.get("DefinitionUri").filter(|n| yaml_string::is_string(n))
            && let Some(path) = uri.as_str()
            // `oss://bucket/key` is read at deploy time, not from here.
            && !path.contains("://")
        {
            found.push(Found::File { path: path.to_owned(), at: uri.span.range(), kind: None });
            continue;
        }
        let Some(definition) = properties.get("Definition") else { continue };
        let label = format!("Resources.{name}.Properties.Definition");
        if let Some(embedded) = workflow(text, definition, label) {
            found.push(Found::Workflow(embedded));
        }
    }
    Ok(found)
}

/// The workflow of a `Definition` value, if it is one this module follows.
fn workflow(text: &str, node: &Node, label: String) -> Option<Embedded> {
    if yaml_string::is_string(node) {
        return yaml_string::decode(text, node, label);
    }
    let NodeKind::Map(entries) = &node.kind else { return None };
    let [entry] = entries.as_slice() else { return None };
    match entry.key_str()? {
        "Fn::Sub" => {
            // `Fn::Sub: "…"` or `Fn::Sub: ["…", {Var: value}]`.
            let string = match entry.value.as_seq() {
                Some(items) => items.first()?,
                None => &entry.value,
            };
            yaml_string::decode(text, string, label)
        }
        "Fn::Replace" => {
            // `Fn::Replace: [{name: value, …}, "…"]`.
            let [names, string] = entry.value.as_seq()? else { return None };
            let names: Vec<&str> = names.as_map()?.iter().filter_map(|e| e.key_str()).collect();
            let embedded = yaml_string::decode(text, string, label)?;
            let ranges = crate::placeholders::occurrences(embedded.map.text(), &names);
            Some(Embedded { map: embedded.map.substitute(&ranges), ..embedded })
        }
        "Fn::Join" => join(text, &entry.value, label),
        _ => None,
    }
}

/// `Fn::Join: [separator, [part, …]]` with string parts and references.
fn join(text: &str, value: &Node, label: String) -> Option<Embedded> {
    let [separator, parts] = value.as_seq()? else { return None };
    let separator_text = separator.as_str()?;
    let mut map = SourceMap::at(value.span.start as usize);
    for (i, part) in parts.as_seq()?.iter().enumerate() {
        if i > 0 {
            map.push(separator_text, separator.span.range(), 0, Piece::Decoded);
        }
        if yaml_string::is_string(part) {
            let piece = yaml_string::decode(text, part, String::new())?;
            append(&mut map, &piece.map);
        } else {
            // A reference: opaque, whatever it resolves to.
            map.push(&crate::placeholders::stand_in(8), part.span.range(), 0, Piece::Decoded);
        }
    }
    let rewrite = Rewrite::Refused("the workflow is an Fn::Join: --fix does not rewrite its parts");
    Some(Embedded { map, label, rewrite, options: None })
}

/// Appends the segments of `part` to `map`, keeping their host positions.
fn append(map: &mut SourceMap, part: &SourceMap) {
    let text = part.text();
    let mut start = 0;
    for (i, c) in text.char_indices().chain(std::iter::once((text.len(), '\0'))) {
        // Cut at each line end so that the piece kinds survive: a range of one piece kind each.
        if i == text.len() || c == '\n' {
            let end = if i == text.len() { i } else { i + 1 };
            if start < end {
                let host = part.range_to_host(start..end);
                let piece = if part.is_exact() && host.len() == end - start { Piece::Verbatim } else { Piece::Decoded };
                map.push(&text[start..end], host, 0, piece);
            }
            start = end;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(template: &str) -> Vec<String> {
        extract(template)
            .unwrap()
            .into_iter()
            .map(|f| match f {
                Found::Workflow(w) => w.map.text().to_owned(),
                Found::File { path, .. } => format!("file {path}"),
            })
            .collect()
    }

    #[test]
    fn flow_resources_with_string_definitions() {
        let template = "ROSTemplateFormatVersion: '2015-09-01'\nResources:\n  Fn:\n    Type: ALIYUN::FC::Function\n    Properties:\n      Definition: no\n  Flow:\n    Type: ALIYUN::FNF::Flow\n    Properties:\n      Name: f\n      Definition: |\n        Type: StateMachine\n        Name: f\n";
        assert_eq!(texts(template), ["Type: StateMachine\nName: f\n"]);
    }

    #[test]
    fn sub_replace_and_join() {
        let template = r#"{"ROSTemplateFormatVersion": "2015-09-01", "Resources": {
  "A": {"Type": "ALIYUN::FNF::Flow", "Properties": {"Definition": {"Fn::Sub": "Type: StateMachine\nName: ${Name}"}}},
  "B": {"Type": "ALIYUN::FNF::Flow", "Properties": {"Definition": {"Fn::Sub": ["Name: ${N}", {"N": "x"}]}}},
  "C": {"Type": "ALIYUN::FNF::Flow", "Properties": {"Definition": {"Fn::Replace": [{"$arn": {"Ref": "A"}}, "Resource: $arn\n"]}}},
  "D": {"Type": "ALIYUN::FNF::Flow", "Properties": {"Definition": {"Fn::Join": ["\n", ["Name: a", {"Ref": "N"}]]}}},
  "E": {"Type": "ALIYUN::FNF::Flow", "Properties": {"Definition": {"Ref": "Flow"}}}
}}"#;
        assert_eq!(
            texts(template),
            ["Type: StateMachine\nName: ${Name}", "Name: ${N}", "Resource: ${_}\n", "Name: a\n${_____}"]
        );
    }

    #[test]
    fn fun_templates_with_a_definition_or_a_definition_uri() {
        let template = "ROSTemplateFormatVersion: '2015-09-01'\nTransform: 'Aliyun::Serverless-2018-04-03'\nResources:\n  A:\n    Type: 'Aliyun::Serverless::Flow'\n    Properties:\n      DefinitionUri: flows/a.yaml\n  B:\n    Type: 'Aliyun::Serverless::Flow'\n    Properties:\n      Definition:\n        'Fn::Sub': |\n          version: v1beta1\n          resourceArn: '${F.ARN}'\n";
        assert_eq!(texts(template), ["file flows/a.yaml", "version: v1beta1\nresourceArn: '${F.ARN}'\n"]);
    }

    #[test]
    fn crlf_tabs_and_non_ascii_keep_their_columns() {
        let template = "Resources:\r\n  F:\r\n    Type: ALIYUN::FNF::Flow\r\n    Properties:\r\n      Definition: |\r\n        Type: StateMachine\r\n        Name: 开始\r\n        Description: \"\ta\"\r\n";
        let Found::Workflow(w) = extract(template).unwrap().remove(0) else { panic!("inline") };
        assert_eq!(w.map.text(), "Type: StateMachine\r\nName: 开始\r\nDescription: \"\ta\"\r\n");
        let at = w.map.to_host(w.map.text().find("Description").unwrap());
        assert_eq!(&template[at - 8..at + 11], "        Description");
        assert!(w.map.is_exact());
    }

    #[test]
    fn a_yaml_sub_tag() {
        let template = "Resources:\n  F:\n    Type: ALIYUN::FNF::Flow\n    Properties:\n      Definition: !Sub |\n        Name: ${AWS::Region}\n";
        assert_eq!(texts(template), ["Name: ${AWS::Region}\n"]);
    }

    #[test]
    fn a_broken_template_is_an_error_and_others_are_empty() {
        let error = extract("Resources: [\n").unwrap_err();
        assert!(error.message.starts_with("the template is not valid YAML or JSON"), "{}", error.message);
        assert!(texts("Resources: {}\n").is_empty());
        assert!(texts("a: 1\n").is_empty());
        assert!(looks_like_template("Type: ALIYUN::FNF::Flow") && !looks_like_template("Type: StateMachine"));
    }
}
