//! Terraform: the `definition` argument of `resource "alicloud_fnf_flow"` (the Alibaba Cloud
//! provider's Serverless Workflow / CloudFlow resource; the provider has no other resource with
//! a flow definition), written as a heredoc (`<<EOF`, or `<<-EOF` whose common indentation
//! Terraform strips) or as a quoted string. `file("flow.yaml")` (also with `${path.module}/`)
//! and `templatefile("flow.yaml.tpl", {…})` name a workflow file (a template's `${…}` are
//! placeholders to fdl). Other expressions (`var.definition`) are not followed: their value is
//! unknown until plan time.
//!
//! `${…}` interpolations and `%{…}` directives become same-length placeholders; the escapes
//! `$${`/`%%{` (and a quoted string's `\n`, `\"`…) map to the start of their host text.

use std::ops::Range;

use crate::map::{Piece, SourceMap};
use crate::placeholders::interpolation_end;
use crate::{Embedded, ExtractError, Found, HostKind, Rewrite};

const RESOURCE: &str = "alicloud_fnf_flow";

pub fn extract(text: &str) -> Result<Vec<Found>, ExtractError> {
    let mut found = Vec::new();
    let mut scanner = Scanner { text, at: 0 };
    while let Some(token) = scanner.next_word()? {
        if token.0 != "resource" {
            continue;
        }
        let Some(kind) = scanner.quoted_label() else { continue };
        let name = scanner.quoted_label().unwrap_or_default();
        if kind != RESOURCE {
            continue;
        }
        scanner.skip_space();
        if !scanner.rest().starts_with('{') {
            continue;
        }
        let body_start = scanner.at + 1;
        let body_end = scanner.skip_block()?;
        found.extend(definition(text, body_start..body_end, &name)?);
        scanner.at = body_end;
    }
    Ok(found)
}

/// The workflow of the `definition = …` argument directly in a resource body, if any.
fn definition(text: &str, body: Range<usize>, name: &str) -> Result<Option<Found>, ExtractError> {
    let mut scanner = Scanner { text, at: body.start };
    while scanner.at < body.end {
        let Some((word, _)) = scanner.next_word_until(body.end)? else { break };
        scanner.skip_space();
        let is_definition =
            word == "definition" && scanner.rest().starts_with('=') && !scanner.rest().starts_with("==");
        if !is_definition {
            // A nested block or the rest of another argument: skip it whole.
            if scanner.rest().starts_with('{') {
                scanner.skip_block()?;
            }
            continue;
        }
        scanner.at += 1;
        scanner.skip_space();
        let label = format!("resource {RESOURCE}.{name}");
        let value = scanner.at;
        let rest = scanner.rest();
        if rest.starts_with("<<") {
            return heredoc(text, value, label).map(|w| Some(Found::Workflow(w)));
        }
        if rest.starts_with('"') {
            return quoted(text, value, label).map(|w| Some(Found::Workflow(w)));
        }
        // `file("…")`, or `templatefile("…", {…})` whose `${…}` fdl reads as placeholders.
        let named = match rest.strip_prefix("file(") {
            Some(inner) => Some((inner, None)),
            None => rest.strip_prefix("templatefile(").map(|inner| (inner, Some(HostKind::TerraformTemplate))),
        };
        if let Some((inner, kind)) = named {
            let inner = inner.trim_start();
            let offset = value + (rest.len() - inner.len());
            if let Some(quoted) = inner.strip_prefix('"') {
                let end = quoted.find(['"', '\n']).map(|e| offset + 1 + e);
                if let Some(end) = end.filter(|&e| text.as_bytes()[e] == b'"') {
                    let path = text[offset + 1..end].trim_start_matches("${path.module}/");
                    if !path.contains("${") {
                        return Ok(Some(Found::File { path: path.to_owned(), at: offset..end + 1, kind }));
                    }
                }
            }
        }
        return Ok(None);
    }
    Ok(None)
}

fn heredoc(text: &str, at: usize, label: String) -> Result<Embedded, ExtractError> {
    let header_end = text[at..].find('\n').map_or(text.len(), |e| at + e);
    let header = text[at + 2..header_end].trim_end_matches('\r');
    let (strip, marker) = match header.strip_prefix('-') {
        Some(m) => (true, m.trim()),
        None => (false, header.trim()),
    };
    if marker.is_empty() || !marker.chars().all(|c| c.is_alphanumeric() || c == '_') {
        return Err(ExtractError::new(at, format!("expected a heredoc marker after `<<`, found `{header}`")));
    }
    // The content lines, up to the line that holds only the marker.
    let mut lines = Vec::new();
    let mut line_start = header_end + 1;
    let mut closed = false;
    while line_start <= text.len() && header_end < text.len() {
        let end = text[line_start..].find('\n').map_or(text.len(), |e| line_start + e + 1);
        let line = &text[line_start..end];
        if line.trim() == marker {
            closed = true;
            break;
        }
        if line.is_empty() {
            break;
        }
        lines.push(line_start..end);
        line_start = end;
    }
    if !closed {
        return Err(ExtractError::new(
            at,
            format!("the heredoc `<<{header}` that starts here has no closing `{marker}` line"),
        ));
    }
    // `<<-`: the smallest indentation of the non-blank lines is stripped from each.
    let indent_of = |r: &Range<usize>| {
        let line = &text[r.clone()];
        line.len() - line.trim_start_matches([' ', '\t']).len()
    };
    let indent = if strip {
        lines.iter().filter(|r| !text[(*r).clone()].trim().is_empty()).map(indent_of).min().unwrap_or(0)
    } else {
        0
    };
    let mut map = SourceMap::at(header_end + 1);
    for line in &lines {
        let stripped = indent.min(indent_of(line));
        template(text, line.start + stripped..line.end, stripped, &mut map)?;
    }
    let indent_text = lines.first().map_or("", |r| &text[r.start..r.start + indent.min(indent_of(r))]).to_owned();
    Ok(Embedded { map, label, rewrite: Rewrite::Lines { indent: indent_text, html: false }, options: None })
}

/// A whole Terraform template file as a workflow (see [`HostKind::TerraformTemplate`]).
pub fn extract_template(text: &str) -> Result<Embedded, ExtractError> {
    let mut map = SourceMap::at(0);
    template(text, 0..text.len(), 0, &mut map)?;
    let rewrite = Rewrite::Lines { indent: String::new(), html: false };
    Ok(Embedded { map, label: "the template".to_owned(), rewrite, options: None })
}

/// Template text `text[range]`: literal runs verbatim, interpolations as placeholders, `$${` and
/// `%%{` decoded.
fn template(text: &str, range: Range<usize>, stripped: usize, map: &mut SourceMap) -> Result<(), ExtractError> {
    let mut run = range.start;
    let mut first = stripped;
    let mut i = range.start;
    while i < range.end {
        let rest = &text[i..range.end];
        if rest.starts_with("$${") || rest.starts_with("%%{") {
            map.push_verbatim(text, run..i, std::mem::take(&mut first));
            map.push(&rest[1..3], i..i + 3, 0, Piece::Decoded);
            i += 3;
            run = i;
        } else if rest.starts_with("${") || rest.starts_with("%{") {
            let end = interpolation_end(text, i)
                .ok_or_else(|| ExtractError::new(i, "this `${` interpolation is never closed"))?;
            map.push_verbatim(text, run..i, std::mem::take(&mut first));
            map.push(&crate::placeholders::stand_in(end - i), i..end, 0, Piece::Substituted);
            i = end;
            run = i;
        } else {
            i += rest.chars().next().map_or(1, char::len_utf8);
        }
    }
    map.push_verbatim(text, run..i.max(run), first);
    Ok(())
}

/// A quoted string: its escapes map to their start.
fn quoted(text: &str, at: usize, label: String) -> Result<Embedded, ExtractError> {
    let mut map = SourceMap::at(at + 1);
    let mut i = at + 1;
    let mut run = i;
    loop {
        let rest = &text[i..];
        let Some(c) = rest.chars().next() else {
            return Err(ExtractError::new(at, "this quoted string is never closed"));
        };
        match c {
            '"' => break,
            '\n' => return Err(ExtractError::new(at, "this quoted string is never closed on its line")),
            '\\' => {
                template(text, run..i, 0, &mut map)?;
                let (decoded, len) =
                    escape(rest).ok_or_else(|| ExtractError::new(i, "unknown escape sequence in a quoted string"))?;
                map.push(decoded.encode_utf8(&mut [0; 4]), i..i + len, 0, Piece::Decoded);
                i += len;
                run = i;
            }
            '$' | '%' if rest[1..].starts_with('{') => {
                i = interpolation_end(text, i)
                    .ok_or_else(|| ExtractError::new(i, "this `${` interpolation is never closed"))?;
            }
            _ => i += c.len_utf8(),
        }
    }
    template(text, run..i, 0, &mut map)?;
    let rewrite = Rewrite::Refused(
        "the workflow is a quoted string: --fix does not rewrite its escape sequences (use a heredoc)",
    );
    Ok(Embedded { map, label, rewrite, options: None })
}

/// An HCL escape at the start of `rest` (`\n`, `\"`, `\u00e9`…): the character and the length.
fn escape(rest: &str) -> Option<(char, usize)> {
    let c = match rest.as_bytes().get(1)? {
        b'n' => '\n',
        b'r' => '\r',
        b't' => '\t',
        b'"' => '"',
        b'\\' => '\\',
        b'u' => return char::from_u32(u32::from_str_radix(rest.get(2..6)?, 16).ok()?).map(|c| (c, 6)),
        b'U' => return char::from_u32(u32::from_str_radix(rest.get(2..10)?, 16).ok()?).map(|c| (c, 10)),
        _ => return None,
    };
    Some((c, 2))
}

/// A forgiving HCL scanner: words, quoted labels and balanced blocks, skipping comments, strings
/// and heredocs so that their braces do not count.
struct Scanner<'a> {
    text: &'a str,
    at: usize,
}

impl Scanner<'_> {
    fn rest(&self) -> &str {
        &self.text[self.at.min(self.text.len())..]
    }

    fn skip_space(&mut self) {
        let rest = self.rest();
        self.at += rest.len() - rest.trim_start_matches([' ', '\t']).len();
    }

    fn next_word(&mut self) -> Result<Option<(String, usize)>, ExtractError> {
        self.next_word_until(self.text.len())
    }

    /// The next identifier before `end`, skipping everything else.
    fn next_word_until(&mut self, end: usize) -> Result<Option<(String, usize)>, ExtractError> {
        while self.at < end {
            let rest = self.rest();
            let c = rest.chars().next().unwrap_or(' ');
            if c.is_alphabetic() || c == '_' {
                let len = rest.find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-')).unwrap_or(rest.len());
                let (start, word) = (self.at, rest[..len].to_owned());
                self.at += len;
                return Ok(Some((word, start)));
            }
            self.skip_one()?;
        }
        Ok(None)
    }

    /// Skips one token: a comment, a string, a heredoc, a block or a character.
    fn skip_one(&mut self) -> Result<(), ExtractError> {
        let rest = self.rest();
        if rest.starts_with('#') || rest.starts_with("//") {
            self.at += rest.find('\n').unwrap_or(rest.len());
        } else if rest.starts_with("/*") {
            let end = rest.find("*/").ok_or_else(|| ExtractError::new(self.at, "this comment is never closed"))?;
            self.at += end + 2;
        } else if rest.starts_with('"') {
            let mut i = 1;
            let bytes = rest.as_bytes();
            while i < bytes.len() && bytes[i] != b'"' && bytes[i] != b'\n' {
                i += if bytes[i] == b'\\' { 2 } else { 1 };
            }
            self.at += (i + 1).min(rest.len());
        } else if rest.starts_with("<<") && rest[2..].trim_start_matches('-').starts_with(|c: char| c.is_alphabetic()) {
            heredoc(self.text, self.at, String::new())?;
            self.at = heredoc_end(self.text, self.at);
        } else if rest.starts_with('{') {
            self.skip_block()?;
        } else {
            self.at += rest.chars().next().map_or(1, char::len_utf8);
        }
        Ok(())
    }

    /// At `{`: skips to after the matching `}`, returning the offset of that `}`.
    fn skip_block(&mut self) -> Result<usize, ExtractError> {
        let open = self.at;
        self.at += 1;
        loop {
            let rest = self.rest();
            if rest.is_empty() {
                return Err(ExtractError::new(open, "this `{` block is never closed"));
            }
            if rest.starts_with('}') {
                let close = self.at;
                self.at += 1;
                return Ok(close);
            }
            self.skip_one()?;
        }
    }

    /// A `"label"` after optional spaces.
    fn quoted_label(&mut self) -> Option<String> {
        self.skip_space();
        let rest = self.rest().strip_prefix('"')?;
        let end = rest.find(['"', '\n'])?;
        let label = rest[..end].to_owned();
        self.at += end + 2;
        Some(label)
    }
}

/// The offset after the closing line of the (well-formed) heredoc at `at`.
fn heredoc_end(text: &str, at: usize) -> usize {
    let header_end = text[at..].find('\n').map_or(text.len(), |e| at + e);
    let marker = text[at + 2..header_end].trim_start_matches('-').trim();
    let mut line_start = header_end + 1;
    while line_start < text.len() {
        let end = text[line_start..].find('\n').map_or(text.len(), |e| line_start + e + 1);
        if text[line_start..end].trim() == marker {
            return end;
        }
        line_start = end;
    }
    text.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn only(text: &str) -> Found {
        let mut found = extract(text).unwrap();
        assert_eq!(found.len(), 1, "{found:?}");
        found.remove(0)
    }

    fn workflow(text: &str) -> Embedded {
        match only(text) {
            Found::Workflow(w) => w,
            Found::File { .. } => panic!("a file"),
        }
    }

    #[test]
    fn a_heredoc_keeps_its_indentation_and_an_indented_heredoc_strips_it() {
        let tf = "resource \"alicloud_fnf_flow\" \"example\" {\n  definition  = <<EOF\n  version: v1beta1\n  type: flow\n  EOF\n  name = \"x\"\n}\n";
        let w = workflow(tf);
        assert_eq!(w.map.text(), "  version: v1beta1\n  type: flow\n");
        assert_eq!(w.label, "resource alicloud_fnf_flow.example");
        let tf = "resource \"alicloud_fnf_flow\" \"x\" {\n  definition = <<-EOT\n    Type: StateMachine\n      # deeper\n\n    Name: 开始\n  EOT\n}\n";
        let w = workflow(tf);
        assert_eq!(w.map.text(), "Type: StateMachine\n  # deeper\n\nName: 开始\n");
        assert_eq!(w.rewrite, Rewrite::Lines { indent: "    ".into(), html: false });
        let at = w.map.to_host(w.map.text().find("Name").unwrap());
        assert_eq!(&tf[at - 4..at + 4], "    Name");
    }

    #[test]
    fn interpolations_are_placeholders_and_escapes_are_decoded() {
        let tf = "resource \"alicloud_fnf_flow\" \"x\" {\n  definition = <<EOF\nResource: ${alicloud_fc_function.f.arn}\nLiteral: $${x} %%{y}\nEOF\n}\n";
        let w = workflow(tf);
        assert_eq!(w.map.text(), "Resource: ${__________________________}\nLiteral: ${x} %{y}\n");
        let at = w.map.to_host(w.map.text().find("Literal").unwrap());
        assert_eq!(&tf[at..at + 7], "Literal");
    }

    #[test]
    fn a_quoted_definition_maps_escapes_to_their_start() {
        let tf = "resource \"alicloud_fnf_flow\" \"q\" {\n  definition = \"version: v1\\ntype: flow\\nname: \\\"a\\\" ${var.n}\"\n}\n";
        let w = workflow(tf);
        assert_eq!(w.map.text(), "version: v1\ntype: flow\nname: \"a\" ${_____}");
        let at = w.map.to_host(w.map.text().find("type").unwrap());
        assert_eq!(&tf[at..at + 4], "type");
        let at = w.map.to_host(w.map.text().find('\n').unwrap());
        assert_eq!(&tf[at..at + 2], "\\n");
        assert!(matches!(w.rewrite, Rewrite::Refused(_)));
    }

    #[test]
    fn other_resources_nested_blocks_and_comments_are_skipped() {
        let tf = "# resource \"alicloud_fnf_flow\" \"c\" { definition = \"a\" }\nresource \"alicloud_ram_role\" \"r\" {\n  document = <<EOF\n  { \"definition\": \"}\" }\n  EOF\n}\nresource \"alicloud_fnf_flow\" \"v\" {\n  timeouts { definition = \"no\" }\n  definition = var.definition\n}\n";
        assert!(extract(tf).unwrap().is_empty());
    }

    #[test]
    fn file_names_a_workflow_file() {
        let tf = "resource \"alicloud_fnf_flow\" \"f\" {\n  definition = file(\"${path.module}/flows/a.yaml\")\n}\n";
        match only(tf) {
            Found::File { path, at, kind } => {
                assert_eq!(kind, None);
                assert_eq!(path, "flows/a.yaml");
                assert_eq!(&tf[at], "\"${path.module}/flows/a.yaml\"");
            }
            Found::Workflow(_) => panic!("not inline"),
        }
    }

    #[test]
    fn an_empty_definition_points_at_its_place() {
        let tf = "resource \"alicloud_fnf_flow\" \"e\" {\n  definition = <<EOF\nEOF\n}\n";
        let w = workflow(tf);
        assert_eq!(w.map.text(), "");
        assert_eq!(w.map.to_host(0), tf.find("EOF\n}").unwrap());
        let tf = "resource \"alicloud_fnf_flow\" \"e\" {\n  definition = \"\"\n}\n";
        assert_eq!(workflow(tf).map.to_host(0), tf.find("\"\"").unwrap() + 1);
    }

    #[test]
    fn tab_indented_heredocs_strip_tabs() {
        let tf = "resource \"alicloud_fnf_flow\" \"t\" {\n\tdefinition = <<-EOF\n\t\tType: StateMachine\n\t\tName: 开始\n\tEOF\n}\n";
        let w = workflow(tf);
        assert_eq!(w.map.text(), "Type: StateMachine\nName: 开始\n");
        assert_eq!(w.rewrite, Rewrite::Lines { indent: "\t\t".into(), html: false });
    }

    #[test]
    fn templatefile_names_a_workflow_template() {
        let tf = "resource \"alicloud_fnf_flow\" \"f\" {\n  definition = templatefile(\"flows/a.yaml.tpl\", { arn = var.arn })\n}\n";
        assert!(
            matches!(only(tf), Found::File { path, kind: Some(HostKind::TerraformTemplate), .. } if path == "flows/a.yaml.tpl")
        );
        let template =
            extract_template("Type: StateMachine\nName: ${name}\n%{ if x }a: 1%{ endif }\nb: $${c}\n").unwrap();
        assert_eq!(template.map.text(), "Type: StateMachine\nName: ${____}\n${______}a: 1${_______}\nb: ${c}\n");
        assert!(extract_template("a: ${b").is_err());
    }

    #[test]
    fn crlf_heredocs() {
        let tf =
            "resource \"alicloud_fnf_flow\" \"x\" {\r\n  definition = <<-EOF\r\n    a: 1\r\n    b: 2\r\n  EOF\r\n}\r\n";
        assert_eq!(workflow(tf).map.text(), "a: 1\r\nb: 2\r\n");
    }

    #[test]
    fn unterminated_constructs_are_errors_at_their_start() {
        let open = "resource \"alicloud_fnf_flow\" \"x\" {\n  definition = <<EOF\n  a: 1\n";
        let error = extract(open).unwrap_err();
        assert_eq!(error.offset, open.find("<<").unwrap());
        assert!(error.message.contains("no closing `EOF` line"), "{}", error.message);
        let open = "resource \"alicloud_fnf_flow\" \"x\" {\n  definition = \"a: ${var.x\"\n}\n";
        assert!(extract(open).is_err());
        let open = "resource \"alicloud_fnf_flow\" \"x\" {\n  definition = \"a\n}\n";
        assert_eq!(extract(open).unwrap_err().offset, open.rfind("\"a").unwrap());
        assert!(extract("resource \"alicloud_fnf_flow\" \"x\" {\n").is_err());
        assert!(extract("resource").unwrap().is_empty());
        assert!(extract("resource \"alicloud_fnf_flow\"").unwrap().is_empty());
    }
}
