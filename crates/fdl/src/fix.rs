//! Fixes: text edits offered by diagnostics, and applying them to a fixed point the way Ruff does.
//!
//! A fix is **safe** when the workflow keeps its behaviour: a workflow the service accepts runs
//! exactly as before, and a workflow it rejects is completed the only way its text allows (no
//! choice between readings, no guessed name or value). Anything else (a did-you-mean guess, a
//! value that changes what runs, a transition or a key that starts to take effect, the legacy
//! migration) is **unsafe**: offered in the editor, applied by `--fix` only with
//! `--unsafe-fixes`. Each rule's documentation says which of its fixes are which, and why.
//!
//! [`fix_to_fixed_point`] (behind [`crate::Linter::fix`]) applies fixes in passes: each pass takes
//! the applicable fixes that neither overlap nor touch, applies them, and lints again. A fix is
//! kept only when the file still parses and has no finding it did not have before (with at
//! least one finding fewer); when a whole pass fails that check, its fixes are tried one at a
//! time and the ones that fail it are left out. Passes repeat until nothing more applies, so the
//! result is a fixed point: fixing it again changes nothing. Edits keep every other byte of the
//! file (comments, order, quoting) and its line endings.

use std::collections::HashMap;

use crate::analysis::Analysis;
use crate::diagnostic::{Applicability, Diagnostic, Fix, Severity, TextEdit};
use crate::linter::{LintReport, Linter};
use crate::span::Span;
use crate::yaml::Node;

/// Which fixes `--fix` applies.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum FixScope {
    /// Safe fixes only (`flowplay lint --fix`).
    #[default]
    SafeOnly,
    /// Safe and unsafe fixes (`flowplay lint --fix --unsafe-fixes`).
    IncludingUnsafe,
}

impl FixScope {
    pub fn allows(self, applicability: Applicability) -> bool {
        applicability == Applicability::Safe || self == FixScope::IncludingUnsafe
    }
}

/// The applicability of correcting `written`, a spelling the service rejects, to `suggestion`,
/// one of `candidates`: safe when the two differ only in ASCII case and no other candidate does
/// (the text allows no other reading), unsafe otherwise (a guess between spellings). Only for
/// values the service rejects: where it may accept the written value, any change is unsafe.
pub fn correction<'a>(written: &str, suggestion: &str, candidates: impl IntoIterator<Item = &'a str>) -> Applicability {
    let case_only = written.eq_ignore_ascii_case(suggestion)
        && candidates.into_iter().filter(|c| c.eq_ignore_ascii_case(written)).count() == 1;
    if case_only { Applicability::Safe } else { Applicability::Unsafe }
}

/// Most passes of fix → lint before giving up, as Ruff's 100. Every kept fix removes a finding
/// and adds none, so a document with fewer findings than this always reaches its fixed point.
pub const MAX_FIX_PASSES: usize = 100;

/// What [`crate::Linter::fix`] did.
pub struct FixOutcome {
    /// The fixed text (the source when nothing applied).
    pub text: String,
    /// How many fixes were applied.
    pub applied: usize,
    /// The findings of `text`, from the last lint of the loop.
    pub report: LintReport,
    /// Findings of `text` whose applicable fix was tried on `text` and left out, because it would
    /// have added a finding or broken the parse.
    pub left_out: Vec<LeftOut>,
    /// Whether `text` is a fixed point. False only when [`MAX_FIX_PASSES`] ran out first.
    pub converged: bool,
}

impl FixOutcome {
    /// How many findings left in the fixed text have a fix that `scope` does not apply (what a
    /// "N more with --unsafe-fixes" hint counts).
    pub fn fixes_outside(&self, scope: FixScope) -> usize {
        self.report
            .diagnostics
            .iter()
            .filter(|d| d.fix.as_ref().is_some_and(|f| !scope.allows(f.applicability)))
            .count()
    }
}

/// A fix tried and not applied.
#[derive(Clone, Debug)]
pub struct LeftOut {
    /// The finding whose fix it is.
    pub diagnostic: Diagnostic,
    /// Why: the first finding it would add (`FDL-E012 …`), or that it removes none.
    pub reason: String,
}

/// See the module documentation.
pub(crate) fn fix_to_fixed_point(linter: &Linter<'_>, source: &str, scope: FixScope) -> FixOutcome {
    let mut state = Fixing { linter, text: source.to_owned(), report: linter.lint(source), applied: 0 };
    // Fixes found to fail the check on the current text, and why; forgotten once the text changes.
    let mut refused: Vec<(Fix, String)> = Vec::new();
    for _ in 0..MAX_FIX_PASSES {
        let refused_fixes: Vec<&Fix> = refused.iter().map(|(f, _)| f).collect();
        let candidates: Vec<Fix> = non_overlapping(&state.text, &state.report.diagnostics, scope, &refused_fixes)
            .into_iter()
            .map(|i| state.report.diagnostics[i].fix.clone().expect("candidates have a fix"))
            .collect();
        if candidates.is_empty() {
            let Fixing { text, report, applied, .. } = state;
            let left_out = report
                .diagnostics
                .iter()
                .filter_map(|d| {
                    let fix = d.fix.as_ref()?;
                    let (_, reason) = refused.iter().find(|(f, _)| f == fix)?;
                    Some(LeftOut { diagnostic: d.clone(), reason: reason.clone() })
                })
                .collect();
            return FixOutcome { text, applied, report, left_out, converged: true };
        }
        if state.apply_largest_clean_batch(&candidates) || state.apply_one_at_a_time(&candidates, &mut refused) {
            refused.clear();
        }
    }
    let Fixing { text, report, applied, .. } = state;
    FixOutcome { text, applied, report, left_out: Vec::new(), converged: false }
}

/// How many times a pass narrows its batch down by blaming new findings on the nearest fix
/// before it tries its fixes one at a time.
const MAX_NARROWING_ROUNDS: usize = 4;

/// The text being fixed, its findings, and how many fixes it has taken.
struct Fixing<'l, 'c> {
    linter: &'l Linter<'c>,
    text: String,
    report: LintReport,
    applied: usize,
}

impl Fixing<'_, '_> {
    /// Keeps `fixes` (non-overlapping, on `self.text`) when together they only remove findings.
    /// `Err` holds the findings of the refused text.
    fn try_apply(&mut self, fixes: &[&Fix]) -> Result<(), Box<LintReport>> {
        let trial = apply_edits(&self.text, fixes);
        let trial_report = self.linter.lint(&trial);
        if only_removes_findings(&self.report, &trial_report) {
            self.applied += fixes.len();
            self.text = trial;
            self.report = trial_report;
            Ok(())
        } else {
            Err(Box::new(trial_report))
        }
    }

    /// Applies the whole batch, or failing that, the batch without the fixes nearest to the
    /// findings it adds (a few rounds). Returns whether anything was applied; the fixes left
    /// out come back in the next pass.
    fn apply_largest_clean_batch(&mut self, candidates: &[Fix]) -> bool {
        let mut batch: Vec<&Fix> = candidates.iter().collect();
        for _ in 0..=MAX_NARROWING_ROUNDS {
            if batch.is_empty() {
                return false;
            }
            let trial_report = match self.try_apply(&batch) {
                Ok(()) => return true,
                Err(trial_report) => trial_report,
            };
            let blamed = blame(&batch, &self.report, &trial_report);
            if blamed.is_empty() || blamed.len() == batch.len() {
                return false;
            }
            batch = batch.into_iter().enumerate().filter(|(i, _)| !blamed.contains(i)).map(|(_, f)| f).collect();
        }
        false
    }

    /// Tries each fix alone, back to front (so the offsets of those still to try stay valid),
    /// keeping those that pass the check and adding the others, with why, to `refused`. Returns
    /// whether any was kept.
    fn apply_one_at_a_time(&mut self, candidates: &[Fix], refused: &mut Vec<(Fix, String)>) -> bool {
        let mut changed = false;
        for fix in candidates.iter().rev() {
            match self.try_apply(&[fix]) {
                Ok(()) => changed = true,
                Err(trial) => {
                    let reason = match new_findings(&self.report, &trial).first() {
                        Some(d) => format!("it would add {} ({})", d.code, d.message),
                        None if trial.analysis.document.is_none() => "it would break the file".to_owned(),
                        None => "it would remove no finding".to_owned(),
                    };
                    refused.push((fix.clone(), reason));
                }
            }
        }
        changed
    }
}

/// Indices into `batch` of the fixes nearest to the findings `after` has and `before` has not
/// (positions in the fixed text, where each fix's edits have moved by the edits before them).
fn blame(batch: &[&Fix], before: &LintReport, after: &LintReport) -> Vec<usize> {
    let new: Vec<Span> = new_findings(before, after).iter().map(|d| d.span).collect();
    // Each fix's range in the fixed text: the batch is sorted and apart, so shifts add up.
    let mut order: Vec<usize> = (0..batch.len()).collect();
    order.sort_by_key(|&i| batch[i].edits.iter().map(|e| e.span.start).min());
    let mut ranges = vec![(0i64, 0i64); batch.len()];
    let mut shift = 0i64;
    for i in order {
        let start = batch[i].edits.iter().map(|e| e.span.start).min().unwrap_or(0);
        let end = batch[i].edits.iter().map(|e| e.span.end).max().unwrap_or(0);
        let growth: i64 = batch[i].edits.iter().map(|e| e.replacement.len() as i64 - i64::from(e.span.len())).sum();
        ranges[i] = (i64::from(start) + shift, i64::from(end) + shift + growth);
        shift += growth;
    }
    let mut blamed: Vec<usize> = new
        .iter()
        .filter_map(|span| {
            let (s, e) = (i64::from(span.start), i64::from(span.end));
            (0..batch.len()).min_by_key(|&i| {
                let (fs, fe) = ranges[i];
                if e < fs {
                    fs - e
                } else if s > fe {
                    s - fe
                } else {
                    0
                }
            })
        })
        .collect();
    blamed.sort_unstable();
    blamed.dedup();
    blamed
}

/// Indices of the diagnostics whose fixes one pass applies: applicable, not refused, valid on
/// `text`, and neither overlapping nor touching each other (two insertions at one offset, such
/// as two headers, conflict). Whole-document fixes (the legacy migration) come after the
/// others, so the smaller fixes get their turn first.
fn non_overlapping(text: &str, diagnostics: &[Diagnostic], scope: FixScope, refused: &[&Fix]) -> Vec<usize> {
    let mut offered: Vec<(bool, u32, u32, usize)> = diagnostics
        .iter()
        .enumerate()
        .filter_map(|(i, d)| {
            let fix = d.fix.as_ref()?;
            if !scope.allows(fix.applicability) || refused.contains(&fix) || !edits_are_valid(text, &fix.edits) {
                return None;
            }
            let start = fix.edits.iter().map(|e| e.span.start).min()?;
            let end = fix.edits.iter().map(|e| e.span.end).max()?;
            let whole_document = start == 0 && end as usize == text.len() && !text.is_empty();
            Some((whole_document, start, end, i))
        })
        .collect();
    offered.sort_unstable();
    let mut chosen = Vec::new();
    let mut last_end: Option<u32> = None;
    for (_, start, end, i) in offered {
        if last_end.is_some_and(|last| start <= last) {
            continue;
        }
        chosen.push(i);
        last_end = Some(end);
    }
    chosen
}

/// Whether every edit is inside `text`, on character boundaries, and apart from the others.
fn edits_are_valid(text: &str, edits: &[TextEdit]) -> bool {
    let mut spans: Vec<Span> = edits.iter().map(|e| e.span).collect();
    spans.sort_unstable();
    !edits.is_empty()
        && spans.iter().all(|s| {
            s.start <= s.end && text.is_char_boundary(s.start as usize) && text.is_char_boundary(s.end as usize)
        })
        && spans.windows(2).all(|w| w[0].end <= w[1].start && !(w[0].is_empty() && w[0].start == w[1].start))
}

/// `text` with the edits of `fixes` applied; the fixes must be valid and apart.
fn apply_edits(text: &str, fixes: &[&Fix]) -> String {
    let mut edits: Vec<&TextEdit> = fixes.iter().flat_map(|f| &f.edits).collect();
    edits.sort_by_key(|e| std::cmp::Reverse((e.span.start, e.span.end)));
    let mut out = text.to_owned();
    for e in edits {
        out.replace_range(e.span.range(), &e.replacement);
    }
    out
}

/// `source` with one fix applied (the editor's "Fix" button, tests), or `None` when its edits do
/// not fit the text.
pub fn apply_fix(source: &str, fix: &Fix) -> Option<String> {
    edits_are_valid(source, &fix.edits).then(|| apply_edits(source, &[fix]))
}

/// Whether `after` has only findings `before` has (counted with repeats; compared by code,
/// severity and message, since positions move) and at least one fewer. A new parse error is a
/// new finding, so a fix that breaks the parse fails this too.
fn only_removes_findings(before: &LintReport, after: &LintReport) -> bool {
    !(after.analysis.document.is_none() && before.analysis.document.is_some())
        && new_findings(before, after).is_empty()
        && after.diagnostics.len() < before.diagnostics.len()
}

/// The findings of `after` that `before` does not have (counted with repeats; compared by code,
/// severity and message, since positions move).
fn new_findings<'a>(before: &LintReport, after: &'a LintReport) -> Vec<&'a Diagnostic> {
    let mut remaining: HashMap<(&str, Severity, &str), usize> = HashMap::new();
    for d in &before.diagnostics {
        *remaining.entry((d.code, d.severity, d.message.as_str())).or_default() += 1;
    }
    after
        .diagnostics
        .iter()
        .filter(|d| match remaining.get_mut(&(d.code, d.severity, d.message.as_str())) {
            Some(n) if *n > 0 => {
                *n -= 1;
                false
            }
            _ => true,
        })
        .collect()
}

/// Makes the fixes a report offers fit the file: their line breaks become the file's (a CRLF
/// file gets CRLF), a fix whose edits do not fit the text is dropped, and so is a rename of a key
/// to a key its mapping already has (which would make a duplicate key).
pub(crate) fn check_offered_fixes(source: &str, analysis: &Analysis, diagnostics: &mut [Diagnostic]) {
    if diagnostics.iter().all(|d| d.fix.is_none()) {
        return;
    }
    let crlf = uses_crlf(source);
    let mut keys: Option<HashMap<Span, Vec<&str>>> = None;
    for d in diagnostics.iter_mut() {
        let Some(fix) = &mut d.fix else { continue };
        for edit in &mut fix.edits {
            edit.replacement = with_line_breaks(&edit.replacement, crlf);
        }
        if !edits_are_valid(source, &fix.edits) {
            d.fix = None;
            continue;
        }
        let keys = keys.get_or_insert_with(|| sibling_keys(analysis.yaml.root.as_ref()));
        let duplicate = fix.edits.iter().find_map(|e| {
            let siblings = keys.get(&e.span)?;
            let new_name = unquote(e.replacement.trim());
            let old_name = unquote(e.span.slice(source).trim());
            (new_name != old_name && siblings.contains(&new_name)).then(|| new_name.to_owned())
        });
        if let Some(name) = duplicate {
            let note = format!("`{name}` is already a key here, so there is no automatic fix");
            d.help = Some(match d.help.take() {
                Some(help) => format!("{help} ({note})"),
                None => note,
            });
            d.fix = None;
        }
    }
}

/// Whether the file's first line break is CRLF (the line ending fixes use, as Ruff decides).
fn uses_crlf(source: &str) -> bool {
    memchr::memchr(b'\n', source.as_bytes()).is_some_and(|i| i > 0 && source.as_bytes()[i - 1] == b'\r')
}

fn with_line_breaks(text: &str, crlf: bool) -> String {
    let lf = if text.contains('\r') { text.replace("\r\n", "\n") } else { text.to_owned() };
    if crlf && lf.contains('\n') { lf.replace('\n', "\r\n") } else { lf }
}

/// Key span → the texts of every key of the same mapping.
fn sibling_keys(root: Option<&Node>) -> HashMap<Span, Vec<&str>> {
    fn walk<'a>(node: &'a Node, out: &mut HashMap<Span, Vec<&'a str>>) {
        if let Some(entries) = node.as_map() {
            let names: Vec<&str> = entries.iter().filter_map(|e| e.key.scalar_text()).collect();
            for e in entries {
                out.insert(e.key.span, names.clone());
                walk(&e.value, out);
            }
        } else if let Some(items) = node.as_seq() {
            for item in items {
                walk(item, out);
            }
        }
    }
    let mut out = HashMap::new();
    if let Some(root) = root {
        walk(root, &mut out);
    }
    out
}

fn unquote(text: &str) -> &str {
    for q in ['"', '\''] {
        if let Some(inner) = text.strip_prefix(q).and_then(|t| t.strip_suffix(q)) {
            return inner;
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::LintConfig;

    fn fix_text(source: &str, scope: FixScope) -> FixOutcome {
        Linter::new(LintConfig::default()).fix(source, scope)
    }

    #[test]
    fn touching_and_same_offset_fixes_go_to_different_passes() {
        let d = |s, e, r: &str| {
            Diagnostic::error("X", Span::new(s, e), "m").with_fix(Fix::replace(
                "f",
                Span::new(s, e),
                r,
                Applicability::Safe,
            ))
        };
        let diagnostics = [d(0, 0, "a"), d(0, 0, "b"), d(0, 3, "xyz"), d(4, 7, "uvw"), d(1, 2, "!")];
        let chosen = non_overlapping("abc def", &diagnostics, FixScope::SafeOnly, &[]);
        // The insertion at 0 wins; the second insertion there and the replacement starting
        // there wait for a later pass; the edits at 1..2 and 4..7 are apart from it.
        assert_eq!(chosen, vec![0, 4, 3]);
    }

    #[test]
    fn only_an_unambiguous_case_correction_is_safe() {
        assert_eq!(correction("pass", "Pass", ["Pass", "Wait"]), Applicability::Safe);
        assert_eq!(correction("Pas", "Pass", ["Pass", "Wait"]), Applicability::Unsafe);
        assert_eq!(correction("next", "Next", ["Next", "NEXT"]), Applicability::Unsafe);
    }

    #[test]
    fn invalid_edits_are_never_applied() {
        let fix = Fix::replace("f", Span::new(2, 9), "x", Applicability::Safe);
        assert_eq!(apply_fix("abc", &fix), None);
        let fix = Fix::replace("f", Span::new(1, 2), "x", Applicability::Safe);
        assert_eq!(apply_fix("é", &fix), None);
    }

    #[test]
    fn line_breaks_follow_the_file() {
        assert!(uses_crlf("a: 1\r\nb: 2\n"));
        assert!(!uses_crlf("a: 1\nb: 2\r\n"));
        assert_eq!(with_line_breaks("x\ny\n", true), "x\r\ny\r\n");
        assert_eq!(with_line_breaks("x\r\ny\n", true), "x\r\ny\r\n");
        assert_eq!(with_line_breaks("x\r\ny", false), "x\ny");
    }

    /// Before: FDL-L001 and FDL-L002 both inserted a header at offset 0, writing `version: v1`
    /// twice (a duplicate key).
    #[test]
    fn two_header_fixes_write_one_header() {
        let source = "steps:\n  - type: pass\n    name: hello\n";
        let out = fix_text(source, FixScope::SafeOnly);
        assert_eq!(out.text, "version: v1\ntype: flow\nsteps:\n  - type: pass\n    name: hello\n");
        assert_eq!(out.text.matches("version").count(), 1);
        assert!(out.converged);
    }

    /// Before: a fix inserted into a CRLF file ended its line with LF.
    #[test]
    fn fixes_in_a_crlf_file_write_crlf() {
        let source = "steps:\r\n  - type: pass\r\n    name: hello\r\n";
        let out = fix_text(source, FixScope::SafeOnly);
        assert_eq!(out.text, "version: v1\r\ntype: flow\r\nsteps:\r\n  - type: pass\r\n    name: hello\r\n");
        let flow = "Type: StateMachine\r\nName: f\r\nSpecVersion: v1\r\nStartAt: A\r\nStates:\r\n  - Type: Pass\r\n    Name: A\r\n";
        let out = fix_text(flow, FixScope::IncludingUnsafe);
        assert!(out.text.ends_with("    Name: A\r\n    End: true\r\n"), "{:?}", out.text);
        assert!(!out.text.replace("\r\n", "").contains('\n'), "{:?}", out.text);
    }

    /// Before: renaming `Nxt` to `Next` when the state already had `Next` made a duplicate key.
    #[test]
    fn a_rename_never_makes_a_duplicate_key() {
        let source = "Type: StateMachine\nName: f\nSpecVersion: v1\nStartAt: A\nStates:\n  - Type: Pass\n    Name: A\n    Nxt: B\n    Next: B\n  - Type: Pass\n    Name: B\n    End: true\n";
        let report = Linter::default().lint(source);
        let unknown = report.diagnostics.iter().find(|d| d.message.contains("Nxt")).expect("a finding on Nxt");
        assert!(unknown.fix.is_none(), "{unknown:#?}");
        assert!(unknown.help.as_deref().is_some_and(|h| h.contains("already has `Next`")), "{unknown:#?}");
        let out = fix_text(source, FixScope::IncludingUnsafe);
        assert_eq!(out.text.matches("Next:").count(), 1, "{}", out.text);
    }

    #[test]
    fn a_fix_that_adds_a_finding_is_left_out_and_fixing_twice_changes_nothing() {
        // Renaming the misspelt `Nxt` to `Next` would point at a state that does not exist
        // (a new FDL-S013), so that fix is left out.
        let source = "Type: StateMachine\nName: f\nSpecVersion: v1\nStartAt: A\nStates:\n  - Type: Pass\n    Name: A\n    Nxt: Missing\n";
        let out = fix_text(source, FixScope::IncludingUnsafe);
        assert!(!out.text.contains("Next: Missing"), "{}", out.text);
        let again = fix_text(&out.text, FixScope::IncludingUnsafe);
        assert_eq!(again.text, out.text);
        assert_eq!(again.applied, 0);
    }
}
