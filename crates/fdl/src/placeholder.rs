//! Deployment-template placeholders: the parts of a workflow that a deployment tool replaces
//! before CloudFlow sees the definition. A workflow kept in a Serverless Devs `s.yaml`, a
//! ROS/Fun template or a help-center page is not yet the definition the service runs, so a
//! placeholder is an opaque value of whatever kind its place needs: flowplay does not check it,
//! never reports a finding whose only cause is a placeholder, and says once per file (FDL-P011)
//! that such values were not checked.
//!
//! The recognised syntaxes are [`SYNTAXES`]; everything about placeholders lives in this module.

use crate::diagnostic::{Diagnostic, Severity};
use crate::span::Span;
use crate::yaml::{Node, NodeKind};

/// One recognised placeholder syntax, for the documentation and the FDL-P011 message.
#[derive(Debug)]
pub struct Syntax {
    pub name: &'static str,
    pub examples: &'static [&'static str],
}

/// Every syntax recognised, in the order they are tried.
pub static SYNTAXES: &[Syntax] = &[
    Syntax {
        // Serverless Devs (`${vars.x}`, `${env.X}`, `${env('X')}`, `${config('AccountID')}`,
        // `${resources.r.output.x}`, `${this.props.x}`), ROS/Fun pseudo parameters inside
        // `Fn::Sub` (`${ALIYUN::Region}`, `${ALIYUN::AccountId}`), Terraform `templatefile`.
        name: "`${…}` interpolation (Serverless Devs, ROS/Fun, Terraform)",
        examples: &["${vars.name}", "${env.REGION}", "${ALIYUN::Region}", "${config('AccountID')}"],
    },
    Syntax {
        // ROS/Fun and CloudFormation short-form intrinsic functions: a YAML local tag.
        name: "YAML template tags (ROS/Fun, CloudFormation short form)",
        examples: &["!Ref FlowName", "!Sub '${ALIYUN::Region}'", "!GetAtt Function.ARN", "!Join [...]"],
    },
    Syntax {
        // The long form of the same functions: a mapping with the single key `Ref` or `Fn::…`.
        name: "intrinsic-function mappings (ROS/Fun, CloudFormation long form)",
        examples: &["{Ref: FlowName}", "{\"Fn::Sub\": \"${ALIYUN::Region}\"}", "{\"Fn::GetAtt\": [...]}"],
    },
    Syntax {
        // Documentation pages: a name in angle brackets to fill in by hand.
        name: "`<…>` fill-in names (documentation pages)",
        examples: &["<your-arn>", "acs:fc:cn-hangzhou:<account-id>:services/s/functions/f", "<YOUR_BUCKET>"],
    },
];

/// Where the first placeholder in `text` is (byte range), if any: `${…}` or `<name>`.
pub fn find_in_text(text: &str) -> Option<std::ops::Range<usize>> {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'$' if bytes.get(i + 1) == Some(&b'{') => {
                if let Some(len) = text[i + 2..].find(['}', '\n']).filter(|&l| l > 0 && bytes[i + 2 + l] == b'}') {
                    return Some(i..i + 2 + len + 1);
                }
            }
            b'<' => {
                if let Some(len) = angle_name(&text[i + 1..])
                    && !is_markup(text, &text[i + 1..i + 1 + len])
                {
                    return Some(i..i + 1 + len + 1);
                }
            }
            _ => {}
        }
        i += 1;
    }
    None
}

/// The length of `name` in `name>…`: a letter, then letters, digits, `_`, `-`, `.`, `:` or single
/// spaces. Comparisons in expressions (`$Input.a < 3`, `a<$Input.b>`) never match: after `<`
/// comes a space, a digit or `$`.
fn angle_name(rest: &str) -> Option<usize> {
    let mut chars = rest.char_indices();
    let (_, first) = chars.next()?;
    if !first.is_alphabetic() {
        return None;
    }
    for (at, c) in chars {
        match c {
            '>' => return (!rest[..at].ends_with(' ')).then_some(at),
            c if c.is_alphanumeric() || matches!(c, '_' | '-' | '.' | ':' | ' ') => {}
            _ => return None,
        }
    }
    None
}

/// Whether `<name>` is an HTML/XML tag rather than a fill-in name: an HTML element, or a name
/// closed later in the text (`<Message>…</Message>`), as in an HTTP or MNS message body.
fn is_markup(text: &str, name: &str) -> bool {
    const HTML: &[&str] = &[
        "a", "b", "body", "br", "code", "div", "em", "form", "h1", "h2", "h3", "h4", "h5", "h6", "head", "hr", "html",
        "i", "img", "input", "li", "link", "meta", "ol", "option", "p", "pre", "script", "select", "span", "strong",
        "style", "table", "td", "textarea", "th", "title", "tr", "u", "ul", "xml",
    ];
    HTML.contains(&name.to_ascii_lowercase().as_str()) || text.contains(&format!("</{name}>"))
}

/// Whether a YAML tag is a template function (`!Ref`, `!Sub`, `!GetAtt`…): a local tag, which a
/// workflow definition never needs (core-schema tags are written `!!str`).
pub fn is_template_tag(tag: &str) -> bool {
    tag.strip_prefix('!').is_some_and(|name| name.chars().next().is_some_and(|c| c.is_ascii_alphabetic()))
}

/// A local tag written just before `start` (collections lose their tag in the YAML tree:
/// `Name: !Join [...]`).
fn tag_before(source: &str, start: u32) -> bool {
    let before = source.get(..start as usize).unwrap_or("").trim_end();
    let token = before.rsplit([' ', '\t', '\n', '\r']).next().unwrap_or("");
    is_template_tag(token)
}

/// Whether a mapping is an intrinsic function in long form: `{Ref: X}`, `{Fn::Sub: …}`.
fn is_intrinsic_map(node: &Node) -> bool {
    match &node.kind {
        NodeKind::Map(entries) if entries.len() == 1 => {
            entries[0].key.scalar_text().is_some_and(|k| k == "Ref" || k.starts_with("Fn::"))
        }
        _ => false,
    }
}

/// Whether a mapping or list stands for a template function's result (`!Join [...]`,
/// `{Fn::Sub: …}`): the model reads it as an opaque string where a string is expected.
pub fn is_template_collection(source: &str, node: &Node) -> bool {
    !matches!(node.kind, NodeKind::Scalar(_)) && (tag_before(source, node.span.start) || is_intrinsic_map(node))
}

/// The spans of the YAML nodes that are, or contain in their text, a placeholder, in document
/// order. Nested nodes of a placeholder node are not listed separately.
pub fn spans(source: &str, root: &Node) -> Vec<Span> {
    fn walk(source: &str, node: &Node, out: &mut Vec<Span>) {
        let tagged = tag_before(source, node.span.start);
        match &node.kind {
            NodeKind::Scalar(s) => {
                if tagged || s.tag.as_deref().is_some_and(is_template_tag) || find_in_text(&s.value).is_some() {
                    out.push(node.span);
                }
            }
            _ if tagged || is_intrinsic_map(node) => out.push(node.span),
            NodeKind::Map(entries) => entries.iter().for_each(|e| walk(source, &e.value, out)),
            NodeKind::Seq(items) => items.iter().for_each(|i| walk(source, i, out)),
        }
    }
    let mut out = Vec::new();
    walk(source, root, &mut out);
    out
}

/// Drops the errors and warnings whose place lies inside a placeholder: the value there is not
/// the one the service will see, so the finding would be about the template, not the workflow.
pub fn drop_findings_inside(placeholders: &[Span], found: &mut Vec<Diagnostic>) {
    if placeholders.is_empty() {
        return;
    }
    found.retain(|d| {
        d.severity == Severity::Info || !placeholders.iter().any(|p| p.start <= d.span.start && d.span.end <= p.end)
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Option<&str> {
        find_in_text(text).map(|r| &text[r])
    }

    #[test]
    fn interpolations_are_found() {
        assert_eq!(found("${vars.name}-flow"), Some("${vars.name}"));
        assert_eq!(found("${env.REGION}"), Some("${env.REGION}"));
        assert_eq!(found("acs:fc:${vars.region}:${config('AccountID')}:x"), Some("${vars.region}"));
        assert_eq!(found("${ALIYUN::Region}"), Some("${ALIYUN::Region}"));
        assert_eq!(found("${resources.fc.output.arn}"), Some("${resources.fc.output.arn}"));
        assert_eq!(found("${}"), None);
        assert_eq!(found("${unclosed"), None);
        assert_eq!(found("$Input.name"), None);
        assert_eq!(found("price: $5 {x}"), None);
    }

    #[test]
    fn angle_names_are_found_and_comparisons_are_not() {
        assert_eq!(found("<your-arn>"), Some("<your-arn>"));
        assert_eq!(found("acs:fc:cn-hangzhou:<account-id>:services/s"), Some("<account-id>"));
        assert_eq!(found("<YOUR_BUCKET>"), Some("<YOUR_BUCKET>"));
        assert_eq!(found("<您的账号ID>"), Some("<您的账号ID>"));
        assert_eq!(found("<your function name>"), Some("<your function name>"));
        assert_eq!(found("$Input.a < 3 && $Input.b > 1"), None);
        assert_eq!(found("$Input.a<$Input.b>"), None);
        assert_eq!(found("$Input.a <b >"), None);
        assert_eq!(found("a <b"), None);
        assert_eq!(found("<html><body>hi</body></html>"), None);
        assert_eq!(found("<Message><Body>x</Body></Message>"), None);
        assert_eq!(found("<p>Dear <customer-name>,</p>"), Some("<customer-name>"));
    }

    #[test]
    fn template_tags() {
        for tag in ["!Ref", "!Sub", "!GetAtt", "!Join", "!If"] {
            assert!(is_template_tag(tag), "{tag}");
        }
        for tag in ["!!str", "str", "!", "tag:yaml.org,2002:str"] {
            assert!(!is_template_tag(tag), "{tag}");
        }
        assert!(tag_before("Name: !Join [", 12));
        assert!(!tag_before("Name: [", 6));
    }
}
