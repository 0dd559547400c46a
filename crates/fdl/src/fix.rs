//! Applying fixes: text edits from diagnostics, applied back to front, keeping every other byte
//! of the file (comments, order, quoting) as it was.

use crate::diagnostic::{Applicability, Diagnostic, TextEdit};
use crate::lint::LintConfig;

/// Applies the fixes of `diagnostics` to `source`. Edits that overlap an edit already taken are
/// skipped (a later pass picks them up). Returns the new text and how many fixes were applied.
pub fn apply_fixes(source: &str, diagnostics: &[Diagnostic], include_unsafe: bool) -> (String, usize) {
    let mut chosen: Vec<&[TextEdit]> = Vec::new();
    let mut taken: Vec<(u32, u32)> = Vec::new();
    for d in diagnostics {
        let Some(fix) = &d.fix else { continue };
        if fix.applicability == Applicability::Unsafe && !include_unsafe {
            continue;
        }
        let overlaps = fix.edits.iter().any(|e| {
            taken.iter().any(|&(s, t)| {
                e.span.start < t && s < e.span.end || (e.span.is_empty() && s < e.span.start && e.span.start < t)
            }) || e.span.end as usize > source.len()
                || !source.is_char_boundary(e.span.start as usize)
                || !source.is_char_boundary(e.span.end as usize)
        });
        if overlaps {
            continue;
        }
        taken.extend(fix.edits.iter().map(|e| (e.span.start, e.span.end)));
        chosen.push(&fix.edits);
    }
    let mut edits: Vec<&TextEdit> = chosen.iter().flat_map(|e| e.iter()).collect();
    edits.sort_by_key(|e| std::cmp::Reverse((e.span.start, e.span.end)));
    let mut text = source.to_owned();
    for e in edits {
        text.replace_range(e.span.range(), &e.replacement);
    }
    (text, chosen.len())
}

/// Most passes of fix → re-lint before giving up (fixes can expose or enable others).
pub const MAX_FIX_PASSES: usize = 8;

/// Lints and fixes repeatedly until no applicable fix is left. Returns the fixed text and the
/// number of fixes applied.
pub fn fix_all(source: &str, config: &LintConfig, include_unsafe: bool) -> (String, usize) {
    let mut text = source.to_owned();
    let mut total = 0;
    for _ in 0..MAX_FIX_PASSES {
        let report = crate::lint(&text, config);
        let (next, applied) = apply_fixes(&text, &report.diagnostics, include_unsafe);
        if applied == 0 || next == text {
            break;
        }
        total += applied;
        text = next;
    }
    (text, total)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Fix;
    use crate::span::Span;

    #[test]
    fn edits_apply_back_to_front_and_overlaps_are_skipped() {
        let src = "abc def";
        let d = |s, e, r: &str| {
            Diagnostic::error("X", Span::new(s, e), "m").with_fix(Fix::replace(
                "f",
                Span::new(s, e),
                r,
                Applicability::Safe,
            ))
        };
        let (out, n) = apply_fixes(src, &[d(0, 3, "xyz"), d(4, 7, "uvw"), d(1, 2, "!")], false);
        assert_eq!(out, "xyz uvw");
        assert_eq!(n, 2);
    }
}
