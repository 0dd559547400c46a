//! Full lint (every rule, with the embedded OpenAPI catalog) of arbitrary documents, then
//! applying the fixes. Asserts: no panic; every diagnostic's spans (main, labels, fix edits)
//! are inside the source on char boundaries and convert to line:column; diagnostics are sorted;
//! rendering works; `apply_fixes` (safe and unsafe) never panics, applies no more fixes than
//! offered, and the fixed text lints again without panicking.
#![no_main]

use std::sync::LazyLock;

use fdl::lint::ExecutionMode;
use fdl::{LintConfig, fix::apply_fixes};
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
    let report = fdl::lint_with_catalog(source, &config, Some(*CATALOG));
    let index = &report.analysis.line_index;
    for d in &report.diagnostics {
        check_diagnostic(source, index, d);
    }
    for pair in report.diagnostics.windows(2) {
        assert!(pair[0].span.start <= pair[1].span.start, "diagnostics not sorted by position");
    }
    let _ = fdl::report::render_plain(source, &report.diagnostics);
    let _ = serde_json::to_string(&report.diagnostics).expect("diagnostics serialize");

    let offered = report.diagnostics.iter().filter(|d| d.fix.is_some()).count();
    for include_unsafe in [false, true] {
        let (fixed, applied) = apply_fixes(source, &report.diagnostics, include_unsafe);
        assert!(applied <= offered);
        assert!(std::str::from_utf8(fixed.as_bytes()).is_ok());
        if applied == 0 {
            assert_eq!(fixed, source, "no fix applied but the text changed");
        } else if include_unsafe {
            // The fixed text is linted again, as `fix_all` does.
            let again = fdl::lint(&fixed, &config);
            for d in &again.diagnostics {
                check_diagnostic(&fixed, &again.analysis.line_index, d);
            }
        }
    }
});
