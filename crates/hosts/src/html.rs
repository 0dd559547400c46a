//! HTML: the text content of each `<cloudflow-lint>` element, the workflow the embed component
//! (`static/embed/cloudflow-lint.js`) lints: the text of its children without their tags
//! (usually a `<pre><code>` block), entities decoded, less one leading line break, as the
//! component's `source` getter reads `textContent`. Every element is linted: the author marked it.
//! A decoded entity maps to the start of its host text. The element's `options` attribute (the
//! JSON lint options the component passes to the linter) comes with the workflow.
//!
//! A page that loads the component with `data-auto` (or calls its `checkAll`) also has its
//! `<pre><code>` and `<pre class="cloudflow">` blocks checked, those whose text the component's
//! own test calls a workflow (`Type: StateMachine` on a line, or `type: flow` with `steps:`):
//! `checkAll` wraps them in `<cloudflow-lint>` in the browser.

use crate::map::{Piece, SourceMap};
use crate::{Embedded, ExtractError, Found, Rewrite};

const TAG: &str = "cloudflow-lint";

pub fn extract(text: &str) -> Result<Vec<Found>, ExtractError> {
    let lower = text.to_ascii_lowercase();
    let mut found = Vec::new();
    let mut at = 0;
    // Line numbers for the labels, counted as the scan goes (not from the start each time).
    let (mut line, mut counted_to) = (1, 0);
    while let Some(open) = find_tag(&lower, at, "<") {
        // An element written in a comment, a script or a style is not one.
        if let Some(end) = raw_text_around(&lower, at, open) {
            at = end;
            continue;
        }
        let content_start = tag_end(text, open)
            .ok_or_else(|| ExtractError::new(open, "this <cloudflow-lint> tag is never closed with `>`"))?;
        let content_end = find_tag(&lower, content_start, "</")
            .ok_or_else(|| ExtractError::new(open, "this <cloudflow-lint> element has no </cloudflow-lint>"))?;
        line += text[counted_to..open].matches('\n').count();
        counted_to = open;
        found.push(Found::Workflow(Embedded {
            map: text_content(text, content_start..content_end)?,
            label: format!("the <cloudflow-lint> element on line {line}"),
            rewrite: Rewrite::Lines { indent: String::new(), html: true },
            options: attribute(text, open + TAG.len() + 1..content_start - 1, "options"),
        }));
        at = content_end + TAG.len() + 2;
    }
    if checks_all(&lower) {
        let elements: Vec<std::ops::Range<usize>> = element_ranges(&lower);
        let mut blocks = auto_blocks(text, &lower, &elements)?;
        if !blocks.is_empty() {
            blocks.extend(found.into_iter().zip(elements).map(|(f, r)| (r.start, f)));
            blocks.sort_by_key(|(at, _)| *at);
            return Ok(blocks.into_iter().map(|(_, f)| f).collect());
        }
    }
    Ok(found)
}

/// Whether the page loads the component to check every code block (`data-auto`, `checkAll`).
fn checks_all(lower: &str) -> bool {
    lower.contains("cloudflow-lint.js") && (lower.contains("data-auto") || lower.contains("checkall("))
}

/// The ranges of the `<cloudflow-lint>` elements (already read, so well-formed here).
fn element_ranges(lower: &str) -> Vec<std::ops::Range<usize>> {
    let mut ranges = Vec::new();
    let mut at = 0;
    while let Some(open) = find_tag(lower, at, "<") {
        if let Some(end) = raw_text_around(lower, at, open) {
            at = end;
            continue;
        }
        let Some(close) = find_tag(lower, open, "</") else { break };
        at = close + TAG.len() + 2;
        ranges.push(open..at);
    }
    ranges
}

/// The `<pre>` blocks `checkAll` wraps: `pre > code` or `pre.cloudflow`, outside the elements,
/// whose text the component's `isWorkflow` accepts; with their offsets.
fn auto_blocks(
    text: &str,
    lower: &str,
    elements: &[std::ops::Range<usize>],
) -> Result<Vec<(usize, Found)>, ExtractError> {
    let mut blocks = Vec::new();
    let mut at = 0;
    let mut line = (1, 0);
    while let Some(i) = lower[at..].find("<pre") {
        let open = at + i;
        at = open + 4;
        if !matches!(lower.as_bytes().get(open + 4), Some(b'>' | b' ' | b'\t' | b'\n' | b'\r')) {
            continue;
        }
        if let Some(end) = raw_text_around(lower, 0, open) {
            at = end;
            continue;
        }
        if elements.iter().any(|r| r.contains(&open)) {
            continue;
        }
        let start =
            tag_end(text, open).ok_or_else(|| ExtractError::new(open, "this <pre> tag is never closed with `>`"))?;
        let Some(len) = lower[start..].find("</pre") else {
            return Err(ExtractError::new(open, "this <pre> element has no </pre>"));
        };
        let end = start + len;
        at = end;
        let class = attribute(text, open + 4..start - 1, "class").map(|(c, _)| c).unwrap_or_default();
        let has_code = lower[start..end].trim_start().starts_with("<code");
        if !has_code && !class.split_whitespace().any(|c| c == "cloudflow") {
            continue;
        }
        let map = text_content(text, start..end)?;
        if !is_workflow(map.text()) {
            continue;
        }
        line = (line.0 + text[line.1..open].matches('\n').count(), open);
        blocks.push((
            open,
            Found::Workflow(Embedded {
                map,
                label: format!("the <pre> block on line {} (checked by data-auto)", line.0),
                rewrite: Rewrite::Lines { indent: String::new(), html: true },
                options: None,
            }),
        ));
    }
    Ok(blocks)
}

/// The component's `isWorkflow`: `Type: StateMachine` at a line's start (after spaces), or
/// `type: flow` with `steps:`.
fn is_workflow(text: &str) -> bool {
    let starts = |prefix: &str, word: Option<&str>| {
        text.lines().any(|l| {
            let Some(rest) = l.trim_start().strip_prefix(prefix) else { return false };
            match word {
                None => true,
                Some(w) => rest
                    .trim_start()
                    .strip_prefix(w)
                    .is_some_and(|r| !r.starts_with(|c: char| c.is_alphanumeric() || c == '_')),
            }
        })
    };
    starts("Type:", Some("StateMachine")) || (starts("type:", Some("flow")) && starts("steps:", None))
}

/// Raw text (a comment, `<script>`, `<style>`) that starts in `from..at` and is still open at
/// `at`: the offset after its end. Scans forward over the raw texts that close before `at`.
fn raw_text_around(lower: &str, from: usize, at: usize) -> Option<usize> {
    const RAW: [(&str, &str); 3] = [("<!--", "-->"), ("<script", "</script"), ("<style", "</style")];
    let mut from = from;
    loop {
        let (start, close) = RAW
            .iter()
            .filter_map(|(open, close)| lower[from..at].find(open).map(|i| (from + i, *close)))
            .min_by_key(|(start, _)| *start)?;
        match lower[start..].find(close) {
            Some(e) if start + e + close.len() <= at => from = start + e + close.len(),
            Some(e) => return Some(start + e + close.len()),
            None => return Some(lower.len()),
        }
    }
}

/// The next `<cloudflow-lint` (or `</cloudflow-lint` with `prefix` `</`) from `from`, followed by
/// a tag-name end.
fn find_tag(lower: &str, from: usize, prefix: &str) -> Option<usize> {
    let needle = format!("{prefix}{TAG}");
    let mut at = from;
    while let Some(i) = lower.get(at..)?.find(&needle) {
        let start = at + i;
        let after = lower.as_bytes().get(start + needle.len()).copied();
        if matches!(after, None | Some(b'>' | b'/' | b' ' | b'\t' | b'\n' | b'\r')) {
            return Some(start);
        }
        at = start + needle.len();
    }
    None
}

/// The value of attribute `name` in the start tag's attributes `text[range]` (entities decoded),
/// with the host offset of the value.
fn attribute(text: &str, range: std::ops::Range<usize>, name: &str) -> Option<(String, usize)> {
    let tag = &text[range.clone()];
    let mut i = 0;
    while i < tag.len() {
        let rest = &tag[i..];
        let skipped = rest.len() - rest.trim_start().len();
        i += skipped;
        let rest = &tag[i..];
        let name_len =
            rest.find(|c: char| c.is_whitespace() || c == '=' || c == '/' || c == '>').unwrap_or(rest.len()).max(1);
        let attr = &rest[..name_len.min(rest.len())];
        i += attr.len();
        let after = tag[i..].trim_start();
        let (value, value_at) = if let Some(after_eq) = after.strip_prefix('=') {
            let value_start = tag.len() - after_eq.trim_start().len();
            let raw = &tag[value_start..];
            match raw.chars().next() {
                Some(q @ ('"' | '\'')) => {
                    let end = raw[1..].find(q).map_or(raw.len(), |e| e + 1);
                    i = value_start + (end + 1).min(raw.len());
                    (&raw[1..end], value_start + 1)
                }
                _ => {
                    let end = raw.find(char::is_whitespace).unwrap_or(raw.len());
                    i = value_start + end;
                    (&raw[..end], value_start)
                }
            }
        } else {
            ("", i)
        };
        if attr.eq_ignore_ascii_case(name) {
            let mut decoded = String::new();
            let mut at = 0;
            while at < value.len() {
                match entity(&value[at..]).filter(|_| value[at..].starts_with('&')) {
                    Some((c, len)) => {
                        decoded.push(c);
                        at += len;
                    }
                    None => {
                        let c = value[at..].chars().next().unwrap_or(' ');
                        decoded.push(c);
                        at += c.len_utf8();
                    }
                }
            }
            return Some((decoded, range.start + value_at));
        }
        if attr.is_empty() {
            break;
        }
    }
    None
}

/// The offset after the `>` of the tag that starts at `open`, skipping quoted attribute values.
fn tag_end(text: &str, open: usize) -> Option<usize> {
    let mut quote = None;
    for (i, b) in text.bytes().enumerate().skip(open) {
        match (quote, b) {
            (None, b'"' | b'\'') => quote = Some(b),
            (Some(q), _) if q == b => quote = None,
            (None, b'>') => return Some(i + 1),
            _ => {}
        }
    }
    None
}

fn text_content(text: &str, range: std::ops::Range<usize>) -> Result<SourceMap, ExtractError> {
    let mut map = SourceMap::at(range.start);
    let mut run = range.start;
    let mut i = range.start;
    let bytes = text.as_bytes();
    while i < range.end {
        match bytes[i] {
            b'<' if text[i..range.end].starts_with("<!--") => {
                map.push_verbatim(text, run..i, 0);
                let end = text[i..range.end]
                    .find("-->")
                    .map(|e| i + e + 3)
                    .ok_or_else(|| ExtractError::new(i, "this HTML comment is never closed"))?;
                i = end;
                run = i;
            }
            b'<' if bytes.get(i + 1).is_some_and(|b| b.is_ascii_alphabetic() || *b == b'/' || *b == b'!') => {
                map.push_verbatim(text, run..i, 0);
                i = tag_end(text, i)
                    .filter(|&e| e <= range.end)
                    .ok_or_else(|| ExtractError::new(i, "this tag is never closed with `>`"))?;
                run = i;
            }
            b'&' => match entity(&text[i..range.end]) {
                Some((decoded, len)) => {
                    map.push_verbatim(text, run..i, 0);
                    map.push(decoded.encode_utf8(&mut [0; 4]), i..i + len, 0, Piece::Decoded);
                    i += len;
                    run = i;
                }
                None => i += 1,
            },
            _ => i += 1,
        }
    }
    map.push_verbatim(text, run..range.end, 0);
    // textContent less one leading line break (the component's `source`).
    let leading = if map.text().starts_with("\r\n") { 2 } else { usize::from(map.text().starts_with('\n')) };
    Ok(map.without_prefix(leading))
}

/// The character an entity at the start of `text` stands for, and the entity's length.
fn entity(text: &str) -> Option<(char, usize)> {
    let end = text.get(..text.len().min(12))?.find(';')?;
    let name = &text[1..end];
    let c = match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        _ => {
            let code = if let Some(hex) = name.strip_prefix("#x").or_else(|| name.strip_prefix("#X")) {
                u32::from_str_radix(hex, 16).ok()?
            } else {
                name.strip_prefix('#')?.parse().ok()?
            };
            char::from_u32(code).filter(|&c| c != '\0').unwrap_or('\u{fffd}')
        }
    };
    Some((c, end + 1))
}

/// Text for an HTML text node: what would read back as `text`.
pub fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn first(text: &str) -> Embedded {
        match extract(text).unwrap().into_iter().next() {
            Some(Found::Workflow(w)) => w,
            _ => panic!("no workflow"),
        }
    }

    #[test]
    fn the_text_content_without_tags_with_entities_decoded() {
        let page = "<p>x</p>\n<cloudflow-lint options='{\"a\":\">\"}'><pre><code>\nType: StateMachine\nName: a &amp; b &#x5F00;&#22987;\n</code></pre></cloudflow-lint>\n";
        let w = first(page);
        assert_eq!(w.map.text(), "Type: StateMachine\nName: a & b 开始\n");
        assert_eq!(w.label, "the <cloudflow-lint> element on line 2");
        let name = w.map.to_host(w.map.text().find("Name").unwrap());
        assert_eq!(&page[name..name + 4], "Name");
        // An entity maps to its start.
        let amp = w.map.to_host(w.map.text().find('&').unwrap());
        assert_eq!(&page[amp..amp + 5], "&amp;");
        assert!(!w.map.is_exact());
    }

    #[test]
    fn several_elements_any_case_and_comments() {
        let page = "<CLOUDFLOW-LINT>a: 1<!-- note --></CLOUDFLOW-LINT><cloudflow-linter>x</cloudflow-linter><cloudflow-lint>\r\nb: 2</cloudflow-lint>";
        let found = extract(page).unwrap();
        assert_eq!(found.len(), 2);
        let texts: Vec<String> = found
            .iter()
            .map(|f| match f {
                Found::Workflow(w) => w.map.text().to_owned(),
                Found::File { .. } => String::new(),
            })
            .collect();
        assert_eq!(texts, ["a: 1", "b: 2"]);
    }

    #[test]
    fn unclosed_elements_are_errors_at_their_tag() {
        assert_eq!(extract("ab<cloudflow-lint>Type: x").unwrap_err().offset, 2);
        assert_eq!(extract("<cloudflow-lint").unwrap_err().offset, 0);
        assert_eq!(extract("<cloudflow-lint><pre</cloudflow-lint>").unwrap_err().offset, 16);
        assert!(extract("<p>nothing</p>").unwrap().is_empty());
    }

    #[test]
    fn elements_in_comments_and_scripts_are_not_elements() {
        let page = "<!-- <cloudflow-lint>a: 1</cloudflow-lint> --><script>x = '<cloudflow-lint>b</cloudflow-lint>';</script><cloudflow-lint>c: 3</cloudflow-lint>";
        let found = extract(page).unwrap();
        assert_eq!(found.len(), 1);
        assert!(matches!(&found[0], Found::Workflow(w) if w.map.text() == "c: 3"));
        assert!(extract("<!-- <cloudflow-lint>").unwrap().is_empty());
    }

    #[test]
    fn the_options_attribute_is_read_with_its_place() {
        let page = "<cloudflow-lint id=x options='{\"executionMode\":\"Express\"}' hidden><pre>a</pre></cloudflow-lint><cloudflow-lint OPTIONS=\"{&quot;rules&quot;:{}}\">b</cloudflow-lint><cloudflow-lint>c</cloudflow-lint>";
        let options: Vec<Option<(String, usize)>> = extract(page)
            .unwrap()
            .into_iter()
            .map(|f| match f {
                Found::Workflow(w) => w.options,
                Found::File { .. } => None,
            })
            .collect();
        let first = options[0].clone().unwrap();
        assert_eq!(first.0, "{\"executionMode\":\"Express\"}");
        assert_eq!(&page[first.1..first.1 + 2], "{\"");
        assert_eq!(options[1].as_ref().unwrap().0, "{\"rules\":{}}");
        assert_eq!(options[2], None);
    }

    #[test]
    fn tabs_keep_their_place() {
        let page = "<cloudflow-lint>\n\tType: x\n</cloudflow-lint>";
        let w = first(page);
        assert_eq!(w.map.text(), "\tType: x\n");
        assert_eq!(w.map.to_host(1), page.find("Type").unwrap());
    }

    #[test]
    fn data_auto_pages_have_their_code_blocks_checked() {
        let page = "<script type=\"module\" src=\"/embed/cloudflow-lint.js\" data-auto></script>\n<pre><code class=\"language-yaml\">Type: StateMachine\nName: a\n</code></pre>\n<pre><code>a: 1\n</code></pre>\n<pre class=\"cloudflow x\">version: v1\ntype: flow\nsteps: []\n</pre>\n<pre>Type: StateMachine</pre>\n<cloudflow-lint><pre><code>Type: StateMachine\nName: b\n</code></pre></cloudflow-lint>\n";
        let found = extract(page).unwrap();
        let labels: Vec<(String, String)> = found
            .iter()
            .map(|f| match f {
                Found::Workflow(w) => (w.label.clone(), w.map.text().to_owned()),
                Found::File { .. } => Default::default(),
            })
            .collect();
        assert_eq!(
            labels,
            [
                (
                    "the <pre> block on line 2 (checked by data-auto)".to_owned(),
                    "Type: StateMachine\nName: a\n".to_owned()
                ),
                (
                    "the <pre> block on line 7 (checked by data-auto)".to_owned(),
                    "version: v1\ntype: flow\nsteps: []\n".to_owned()
                ),
                ("the <cloudflow-lint> element on line 12".to_owned(), "Type: StateMachine\nName: b\n".to_owned()),
            ]
        );
        // Without data-auto, code blocks are just text.
        assert_eq!(extract(&page.replace("data-auto", "")).unwrap().len(), 1);
        assert!(is_workflow("  Type:  StateMachine\n") && !is_workflow("Type: StateMachines\n"));
    }

    #[test]
    fn unknown_entities_stay_text() {
        assert_eq!(first("<cloudflow-lint>a &b; &#xZZ; &</cloudflow-lint>").map.text(), "a &b; &#xZZ; &");
        assert_eq!(escape("a<b>&"), "a&lt;b&gt;&amp;");
    }
}
