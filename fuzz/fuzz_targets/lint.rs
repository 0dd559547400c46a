//! Full lint (every rule, with the embedded OpenAPI catalog) of arbitrary documents, then
//! applying the fixes. Asserts: no panic; every diagnostic's spans (main, labels, fix edits)
//! are inside the source on char boundaries and convert to line:column; diagnostics are sorted;
//! rendering works; fixing (safe, then unsafe too) never panics, its text has no finding the
//! source did not have, and fixing that text again changes nothing.
#![no_main]

use std::sync::LazyLock;

use fdl::lint::ExecutionMode;
use fdl::{FixScope, LintConfig, Linter};
use flowplay_fuzz::*;
use libfuzzer_sys::fuzz_target;

static CATALOG: LazyLock<&'static catalog::Catalog> = LazyLock::new(catalog::Catalog::embedded);

fuzz_target!(|data: &[u8]| {
    let source = text(data);
    let source = source.as_ref();
    let config = LintConfig {
        execution_mode: if data.len() % 2 == 1 { ExecutionMode::Express } else { ExecutionMode::Standard },
        ..LintConfig::default()
    };
    let linter = Linter::new(config).with_catalog(Some(*CATALOG));
    let report = linter.lint(source);
    let index = &report.analysis.line_index;
    for d in &report.diagnostics {
        check_diagnostic(source, index, d);
    }
    for pair in report.diagnostics.windows(2) {
        assert!(pair[0].span.start <= pair[1].span.start, "diagnostics not sorted by position");
    }
    let _ = fdl::report::render_plain(source, &report.diagnostics);
    let _ = serde_json::to_string(&report.diagnostics).expect("diagnostics serialize");

    let before: Vec<(&str, fdl::Severity, &str)> =
        report.diagnostics.iter().map(|d| (d.code, d.severity, d.message.as_str())).collect();
    for scope in [FixScope::SafeOnly, FixScope::IncludingUnsafe] {
        let fixed = linter.fix(source, scope);
        if fixed.applied == 0 {
            assert_eq!(fixed.text, source, "no fix applied but the text changed");
        }
        for d in &fixed.report.diagnostics {
            check_diagnostic(&fixed.text, &fixed.report.analysis.line_index, d);
            assert!(before.contains(&(d.code, d.severity, d.message.as_str())), "a fix added {d:?}");
        }
        if fixed.converged {
            assert_eq!(linter.fix(&fixed.text, scope).text, fixed.text, "fixing twice changed the text");
        }
    }
});
