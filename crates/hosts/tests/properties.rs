//! Hosts of every kind, built around generated workflow bodies (fences, heredoc markers, escapes,
//! entities, interpolations, tabs, CRLF, non-ASCII; sometimes cut short), and hosts shuffled from
//! the tokens each kind cares about: extraction never panics, every mapped offset is a character
//! boundary of the host, offsets keep their order and map back, writing a workflow back unchanged gives the
//! host back, and a changed workflow written back reads back as the change (or is refused):
//! never a corrupted file.

use flowplay_hosts::{Found, HostKind, extract, write_back};
use proptest::prelude::*;

const KINDS: [HostKind; 5] =
    [HostKind::Markdown, HostKind::Html, HostKind::Terraform, HostKind::Ros, HostKind::ServerlessDevs];

const TOKENS: &[&str] = &[
    "```yaml\n",
    "```\n",
    "~~~yml\n",
    "  ",
    "\t",
    "\n",
    "\r\n",
    "Type: StateMachine\n",
    "Name: 开始\n",
    "steps:\n  - type: pass\n",
    "<cloudflow-lint>",
    "</cloudflow-lint>",
    "<pre>",
    "<!--",
    "-->",
    "&amp;",
    "&#x5F00;",
    "&lt;",
    "<cloudflow-lint options='{}'>",
    "resource \"alicloud_fnf_flow\" \"x\" {\n",
    "  definition = <<-EOF\n",
    "  definition = <<EOF\n",
    "EOF\n",
    "  EOF\n",
    "}\n",
    "{",
    "\"",
    "\\n",
    "\\\"",
    "${var.x}",
    "$${",
    "%{ if a }",
    "definition = \"",
    "Resources:\n  F:\n    Type: ALIYUN::FNF::Flow\n",
    "    Properties:\n      Definition: |\n",
    "        ",
    "Fn::Sub: ",
    "{\"Definition\": \"a\\nb\"}",
    "services:\n  f:\n    component: fnf\n    props:\n      definition:\n",
    "        a: 1\n",
    ": ",
    "- ",
    "#",
];

/// Lines of a workflow body, with ones that matter to a host.
const LINES: &[&str] = &[
    "Name: 开始",
    "States:",
    "  - Type: pass",
    "    Next: end",
    "# comment",
    "",
    "a: ${var.x}",
    "b: $${y}",
    "c: \"q\\\"\"",
    "d: &amp; <",
    "\tx: 1",
    "EOF",
    "```",
    "  EOF",
    "e: %{ if z }",
    "f: '${Sub}'",
];

/// A host of `kind` around a workflow of `lines` (indented by `indent`, lines ended by `nl`).
fn host_of(kind: HostKind, lines: &[&str], indent: &str, nl: &str) -> String {
    let body = |prefix: &str| -> String {
        std::iter::once("Type: StateMachine").chain(lines.iter().copied()).map(|l| format!("{prefix}{l}{nl}")).collect()
    };
    match kind {
        HostKind::Markdown => format!("# Doc{nl}{nl}{indent}```yaml{nl}{}{indent}```{nl}", body(indent)),
        HostKind::Html => format!("<p>x</p>{nl}<cloudflow-lint><pre>{nl}{}</pre></cloudflow-lint>{nl}", body("")),
        HostKind::Terraform => format!(
            "resource \"alicloud_fnf_flow\" \"x\" {{{nl}  definition = <<-EOF{nl}{}  EOF{nl}}}{nl}",
            body(&format!("  {indent}"))
        ),
        HostKind::Ros => format!(
            "Resources:{nl}  F:{nl}    Type: ALIYUN::FNF::Flow{nl}    Properties:{nl}      Definition: |{nl}{}",
            body("        ")
        ),
        HostKind::TerraformTemplate => body(""),
        HostKind::ServerlessDevs => format!(
            "services:{nl}  f:{nl}    component: fnf{nl}    props:{nl}      definition:{nl}{}",
            body("        ")
        ),
    }
}

/// The properties, for `host` read as every kind. Returns how many workflows were written back.
fn check(host: &str) -> Result<usize, TestCaseError> {
    let mut written = 0;
    for kind in KINDS {
        let Ok(found) = extract(kind, host) else { continue };
        for (index, item) in found.iter().enumerate() {
            let Found::Workflow(w) = item else { continue };
            let text = w.map.text();
            let mut last = 0;
            for offset in (0..=text.len()).filter(|&o| text.is_char_boundary(o)) {
                let at = w.map.to_host(offset);
                prop_assert!(at <= host.len() && host.is_char_boundary(at), "{kind:?} {host:?} {offset}");
                prop_assert!(at >= last, "offsets go backwards: {kind:?} {host:?} {offset}");
                let back = w.map.to_virtual(at);
                prop_assert!(back.is_some_and(|v| v <= offset), "{kind:?} {host:?} {offset} -> {at} -> {back:?}");
                last = at;
                let range = w.map.range_to_host(offset..text.len());
                prop_assert!(range.start <= range.end && host.is_char_boundary(range.end));
            }
            if let Ok(same) = write_back(kind, host, index, w, text) {
                prop_assert_eq!(same.as_str(), host);
            }
            let changed = format!("{text}Extra: 1\n");
            if let Ok(out) = write_back(kind, host, index, w, &changed) {
                let again = extract(kind, &out).expect("the rewritten host reads");
                let Some(Found::Workflow(back)) = again.get(index) else { panic!("the workflow is gone: {out:?}") };
                prop_assert_eq!(back.map.text(), changed.as_str());
                written += 1;
            }
        }
    }
    Ok(written)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn hosts_around_generated_workflows(
        kind in 0..KINDS.len(),
        lines in proptest::collection::vec(0..LINES.len(), 0..8),
        indent in prop::sample::select(vec!["", "  ", "   ", "\t"]),
        newline in prop::sample::select(vec!["\n", "\r\n"]),
        cut in proptest::option::of(0usize..400),
    ) {
        let lines: Vec<&str> = lines.iter().map(|&i| LINES[i]).collect();
        let mut host = host_of(KINDS[kind], &lines, indent, newline);
        if let Some(cut) = cut.filter(|&c| c < host.len() && host.is_char_boundary(c)) {
            host.truncate(cut);
        }
        check(&host)?;
    }

    #[test]
    fn hosts_shuffled_from_tokens(tokens in proptest::collection::vec(0..TOKENS.len(), 0..40)) {
        let host: String = tokens.iter().map(|&i| TOKENS[i]).collect();
        check(&host)?;
    }
}

/// The generator reaches every kind: each writes back a plain workflow (a property that held
/// only because nothing was extracted would prove nothing).
#[test]
fn every_kind_is_exercised() {
    for kind in KINDS {
        let host = host_of(kind, &["Name: a", "States: []"], "  ", "\n");
        assert!(check(&host).unwrap() >= 1, "{kind:?}: {host:?}");
    }
}
