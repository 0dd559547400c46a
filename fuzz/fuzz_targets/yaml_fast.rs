//! The fast block-YAML path against granit (the reference): whenever `parse_fast` accepts a
//! document, its tree, comments and diagnostics equal `parse_full`'s. Also checked with tight
//! limits (depth 4, 512 bytes), where both must agree on refusing. And the scanner alone
//! (`parse_subset`, the embed's reader): never a panic, the same document whenever the fast path
//! took it, and an error whenever it builds no tree where granit builds one.
#![no_main]

use fdl::Severity;
use fdl::yaml::{ParseLimits, parse_fast, parse_full, parse_subset};
use libfuzzer_sys::fuzz_target;

fn check(text: &str, limits: ParseLimits) {
    // `parse` refuses oversized documents before either path runs (FDL-P004).
    if text.len() > limits.max_bytes {
        return;
    }
    let alone = parse_subset(text, limits);
    let fast = parse_fast(text, limits);
    // granit's document, parsed once, where one of the checks below needs it.
    let full = (fast.is_some() || alone.root.is_none()).then(|| parse_full(text, limits));
    if let (Some(fast), Some(full)) = (&fast, &full) {
        assert_eq!(fast.root, full.root, "trees differ for {text:?}");
        assert_eq!(fast.comments, full.comments, "comments differ for {text:?}");
        assert_eq!(fast.diagnostics, full.diagnostics, "diagnostics differ for {text:?}");
        assert_eq!(alone.root, fast.root, "the scanner alone differs for {text:?}");
        assert_eq!(alone.diagnostics, fast.diagnostics, "the scanner alone differs for {text:?}");
    }
    // Where granit builds a tree, the scanner alone builds one or reports an error.
    if alone.root.is_none() && full.is_some_and(|full| full.root.is_some()) {
        assert!(alone.diagnostics.iter().any(|d| d.severity == Severity::Error), "no tree and no error for {text:?}");
    }
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    check(&text, ParseLimits::default());
    check(&text, ParseLimits { max_bytes: 512, max_depth: 4, max_alias_nodes: 16 });
});
