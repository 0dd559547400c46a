//! Markdown: fenced code blocks (```` ``` ```` or `~~~`) whose info string is `yaml` or `yml` and
//! whose content is a workflow by the same test a directory walk applies to bare files
//! ([`crate::looks_like_workflow`]); other blocks, YAML or not, are skipped. A fence indented
//! inside a list item keeps its columns: the fence's indentation is stripped from each content
//! line and mapped back.

use crate::map::SourceMap;
use crate::{Embedded, ExtractError, Found, Rewrite, looks_like_workflow};

struct Fence<'a> {
    /// The fence's indentation (spaces and tabs before it).
    indent: &'a str,
    marker: u8,
    count: usize,
    info: &'a str,
}

fn fence(line: &str) -> Option<Fence<'_>> {
    let body = line.trim_end_matches(['\n', '\r']);
    let trimmed = body.trim_start_matches([' ', '\t']);
    let indent = &body[..body.len() - trimmed.len()];
    let marker = *trimmed.as_bytes().first()?;
    if marker != b'`' && marker != b'~' {
        return None;
    }
    let count = trimmed.bytes().take_while(|&b| b == marker).count();
    let info = trimmed[count..].trim();
    // A backtick fence's info string may not hold a backtick (CommonMark 4.5).
    if count < 3 || (marker == b'`' && info.contains('`')) {
        return None;
    }
    Some(Fence { indent, marker, count, info })
}

fn is_yaml(info: &str) -> bool {
    // `yaml`, `{.yaml}`, `yaml title="flow.yaml"`: the first word names the language.
    let word = info.trim_start_matches(['{', '.']).split([' ', '\t', '}', ',']).next().unwrap_or("");
    word.eq_ignore_ascii_case("yaml") || word.eq_ignore_ascii_case("yml")
}

pub fn extract(text: &str) -> Result<Vec<Found>, ExtractError> {
    let mut found = Vec::new();
    let mut lines = line_ranges(text).peekable();
    while let Some(open) = lines.next() {
        let Some(opening) = fence(&text[open.clone()]) else { continue };
        let mut map = SourceMap::at(open.end);
        let mut closed = false;
        for line in lines.by_ref() {
            let body = &text[line.clone()];
            if let Some(close) = fence(body)
                && close.marker == opening.marker
                && close.count >= opening.count
                && close.info.is_empty()
            {
                closed = true;
                break;
            }
            // Strip as much of the fence's indentation as the line has.
            let stripped = body.bytes().zip(opening.indent.bytes()).take_while(|(a, b)| a == b).count();
            map.push_verbatim(text, line.start + stripped..line.end, stripped);
        }
        if !is_yaml(opening.info) || !looks_like_workflow(map.text()) {
            continue;
        }
        let line_number = text[..open.start].matches('\n').count() + 1;
        let fence_text = std::str::from_utf8(&[opening.marker; 3]).unwrap_or("```").to_owned();
        if !closed {
            return Err(ExtractError::new(
                open.start + opening.indent.len(),
                format!("the {fence_text}{} block that starts here is never closed", opening.info),
            ));
        }
        found.push(Found::Workflow(Embedded {
            map,
            label: format!("the {fence_text}{} block on line {line_number}", opening.info),
            rewrite: Rewrite::Lines { indent: opening.indent.to_owned(), html: false },
            options: None,
        }));
    }
    Ok(found)
}

/// The byte ranges of the lines of `text`, each with its line break.
fn line_ranges(text: &str) -> impl Iterator<Item = std::ops::Range<usize>> + '_ {
    let mut at = 0;
    text.split_inclusive('\n').map(move |line| {
        let range = at..at + line.len();
        at += line.len();
        range
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn workflows(text: &str) -> Vec<Embedded> {
        extract(text)
            .unwrap()
            .into_iter()
            .map(|f| match f {
                Found::Workflow(w) => w,
                Found::File { .. } => panic!("no file references in Markdown"),
            })
            .collect()
    }

    const FLOW: &str = "Type: StateMachine\nName: a\nSpecVersion: v1\nStartAt: S\nStates:\n  - Type: Pass\n    Name: S\n    End: true\n";

    #[test]
    fn yaml_blocks_that_are_workflows() {
        let doc = format!("# Title\n\n```yaml\n{FLOW}```\n\n```yaml\nservices: {{}}\n```\n\n~~~yml\n{FLOW}~~~\n");
        let found = workflows(&doc);
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].map.text(), FLOW);
        assert_eq!(found[0].label, "the ```yaml block on line 3");
        assert_eq!(found[1].label, "the ~~~yml block on line 18");
        // `Name: a` of the first block is on host line 5, column 1.
        let at = found[0].map.to_host(FLOW.find("Name").unwrap());
        assert_eq!(&doc[at..at + 7], "Name: a");
    }

    #[test]
    fn other_languages_and_plain_fences_are_skipped() {
        let doc = format!("```json\n{FLOW}```\n```\n{FLOW}```\n````markdown\n```yaml\n{FLOW}```\n````\n");
        assert!(workflows(&doc).is_empty());
    }

    #[test]
    fn fences_indented_in_a_list_keep_their_columns() {
        let indented: String = FLOW.lines().map(|l| format!("   {l}\n")).collect();
        let doc = format!("1. Create the flow:\n\n   ```yaml\n{indented}   ```\n");
        let found = workflows(&doc);
        assert_eq!(found[0].map.text(), FLOW);
        let at = found[0].map.to_host(FLOW.find("StartAt").unwrap());
        assert_eq!(&doc[at - 3..at + 7], "   StartAt");
    }

    #[test]
    fn crlf_tabs_and_non_ascii() {
        let doc = "```yaml\r\nType: StateMachine\r\nName: 开始\r\n\tStates: []\r\n```\r\n";
        let found = workflows(doc);
        assert_eq!(found[0].map.text(), "Type: StateMachine\r\nName: 开始\r\n\tStates: []\r\n");
        let at = found[0].map.to_host(found[0].map.text().find('\t').unwrap());
        assert_eq!(&doc[at..at + 7], "\tStates");
    }

    #[test]
    fn an_unterminated_workflow_block_is_an_error_at_its_fence() {
        let doc = format!("text\n  ```yaml\n{FLOW}");
        let error = extract(&doc).unwrap_err();
        assert_eq!(error.offset, 7);
        assert_eq!(error.message, "the ```yaml block that starts here is never closed");
        // An unterminated block that is not a workflow is just text.
        assert!(extract("```yaml\na: 1\n").unwrap().is_empty());
        assert!(extract("").unwrap().is_empty());
        assert!(extract("```").unwrap().is_empty());
    }

    #[test]
    fn a_longer_closing_fence_closes_and_a_shorter_one_does_not() {
        let doc = format!("````yaml\n{FLOW}```\n````\n");
        let found = workflows(&doc);
        assert_eq!(found[0].map.text(), format!("{FLOW}```\n"));
    }
}
