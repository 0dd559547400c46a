//! The fast block-YAML path against granit (the reference): whenever `parse_fast` accepts a
//! document, its tree, comments and diagnostics equal `parse_full`'s. Also checked with tight
//! limits (depth 4, 512 bytes), where both must agree on refusing.
#![no_main]

use fdl::yaml::{ParseLimits, parse_fast, parse_full};
use libfuzzer_sys::fuzz_target;

fn check(text: &str, limits: ParseLimits) {
    // `parse` refuses oversized documents before either path runs (FDL-P004).
    if text.len() > limits.max_bytes {
        return;
    }
    if let Some(fast) = parse_fast(text, limits) {
        let full = parse_full(text, limits);
        assert_eq!(fast.root, full.root, "trees differ for {text:?}");
        assert_eq!(fast.comments, full.comments, "comments differ for {text:?}");
        assert_eq!(fast.diagnostics, full.diagnostics, "diagnostics differ for {text:?}");
    }
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    check(&text, ParseLimits::default());
    check(&text, ParseLimits { max_bytes: 512, max_depth: 4, max_alias_nodes: 16 });
});
