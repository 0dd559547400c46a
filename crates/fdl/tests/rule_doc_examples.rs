//! Every rule's documentation shows a wrong workflow and the corrected one, and this test lints
//! both (as Biome checks its doc examples).
//!
//! The convention (also described beside `declare_rule!` in `src/lint/mod.rs`):
//!
//! - the first ```` ```yaml ```` block under the `## Example` heading is the WRONG example: a
//!   complete workflow (`Type`, `Name`, `SpecVersion`, `StartAt`, `States`) that raises the rule
//!   at least once;
//! - the first ```` ```yaml ```` block under the `## Corrected` heading is the RIGHT example: the
//!   same workflow fixed. It raises nothing of the rule, and nothing of any rule at warning or
//!   error level (an info-level hint of another rule is allowed: the example must be correct, not
//!   free of every suggestion).
//!
//! Both are linted like the rule fixtures (`rule_fixtures.rs`): with the OpenAPI catalog, except
//! for FDL-T030 (the rule for linting without it), and as an Express flow when the example's
//! first line says `linted with execution mode Express`.
//!
//! Rules that cannot have a self-contained example are in [`EXEMPT`] with the reason; rules
//! whose docs are not converted yet are in [`NOT_YET`], which the test keeps accurate (a listed
//! rule that now has both examples fails the test, so the list only shrinks).

use fdl::Linter;
use fdl::diagnostic::Severity;
use fdl::lint::{LintConfig, all_rules};

/// Rules without a self-contained example, with the reason.
const EXEMPT: &[(&str, &str)] = &[
    ("FDL-P012", "reported by the command line about a file it cannot read: there is no text to lint"),
    ("FDL-PA02", "the limit is 50 branches: an example over it is 50-odd branches that say nothing else"),
    ("FDL-P004", "the limit is 1 MiB: an example that reaches it is a megabyte of text"),
];

/// Rules whose documentation does not have both examples yet. Only shrinks.
const NOT_YET: &[&str] = &[];

/// The text of the first ```` ```yaml ```` block under the `## <heading>` heading of `docs`.
fn example(docs: &str, heading: &str) -> Option<String> {
    let mut in_section = false;
    let mut in_block = false;
    let mut out = String::new();
    for line in docs.lines() {
        // Doc comment lines keep the space after `///`.
        let line = line.strip_prefix(' ').unwrap_or(line);
        if in_block {
            if line.trim_end() == "```" {
                return Some(out);
            }
            out.push_str(line);
            out.push('\n');
        } else if let Some(h) = line.strip_prefix("## ") {
            in_section = h.trim() == heading;
        } else if in_section && line.trim_end() == "```yaml" {
            in_block = true;
        }
    }
    None
}

fn linter_for(source: &str, code: &str) -> Linter<'static> {
    let mut config = LintConfig::default();
    if source.lines().next().is_some_and(|l| l.contains("linted with execution mode Express")) {
        config.execution_mode = fdl::lint::ExecutionMode::Express;
    }
    let catalog: Option<&dyn fdl::lint::ApiCatalog> =
        if code == "FDL-T030" { None } else { Some(catalog::Catalog::embedded()) };
    Linter::new(config).with_catalog(catalog)
}

#[test]
fn rule_doc_examples_raise_their_rule_and_the_corrected_ones_do_not() {
    let mut failures = Vec::new();
    let mut covered = 0;
    let total = all_rules().len();
    for rule in all_rules() {
        let meta = rule.meta();
        let code = meta.code;
        let exempt = EXEMPT.iter().any(|(c, _)| *c == code);
        let not_yet = NOT_YET.contains(&code);
        let wrong = example(meta.docs, "Example");
        let right = example(meta.docs, "Corrected");
        let (Some(wrong), Some(right)) = (wrong, right) else {
            if !exempt && !not_yet {
                failures.push(format!(
                    "{code}: no `## Example` and `## Corrected` yaml blocks (add them, or list it in NOT_YET)"
                ));
            }
            continue;
        };
        if not_yet {
            failures.push(format!("{code}: has both examples now; remove it from NOT_YET"));
        }
        if exempt {
            failures.push(format!("{code}: has both examples but is in EXEMPT"));
        }
        let found = linter_for(&wrong, code).lint(&wrong).diagnostics;
        if !found.iter().any(|d| d.code == code) {
            let codes: Vec<_> = found.iter().map(|d| d.code).collect();
            failures.push(format!("{code}: the wrong example does not raise it (found {codes:?})"));
        }
        let found = linter_for(&right, code).lint(&right).diagnostics;
        let bad: Vec<_> = found
            .iter()
            .filter(|d| d.code == code || d.severity >= Severity::Warning)
            .map(|d| format!("{} {}", d.code, d.message))
            .collect();
        if !bad.is_empty() {
            failures.push(format!("{code}: the corrected example raises {bad:?}"));
        }
        covered += 1;
    }
    for (code, _) in EXEMPT {
        if NOT_YET.contains(code) {
            failures.push(format!("{code}: both EXEMPT and NOT_YET"));
        }
    }
    for code in EXEMPT.iter().map(|(c, _)| *c).chain(NOT_YET.iter().copied()) {
        if fdl::lint::rule_by_code(code).is_none() {
            failures.push(format!("{code}: listed but not a rule"));
        }
    }
    println!(
        "rule doc examples: {covered} of {total} rules covered, {} exempt, {} not yet",
        EXEMPT.len(),
        NOT_YET.len()
    );
    assert!(failures.is_empty(), "{failures:#?}");
}
