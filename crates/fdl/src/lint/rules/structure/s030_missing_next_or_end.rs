use crate::lint::rules::near_miss;
use crate::lint::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// Task, Pass, Parallel, Map and Wait states have `Next` or `End: true`.
    /// A state with a misspelling of either (`Nxt: Done`) is left to FDL-S007, which reports the
    /// misspelling as the error it is and renames it.
    ///
    /// ## Example
    /// ```yaml
    /// Type: StateMachine
    /// Name: demo
    /// SpecVersion: v1
    /// StartAt: A
    /// States:
    ///   - Type: Pass
    ///     Name: A
    /// ```
    ///
    /// ## Corrected
    /// ```yaml
    /// Type: StateMachine
    /// Name: demo
    /// SpecVersion: v1
    /// StartAt: A
    /// States:
    ///   - Type: Pass
    ///     Name: A
    ///     Next: B
    ///   - Type: Pass
    ///     Name: B
    ///     End: true
    /// ```
    ///
    /// ## Fix
    /// Add `Next: <state>`, or `End: true` if the scope ends here (the fix adds `End: true`).
    ///
    /// ## Fix safety
    /// Unsafe: the author may have meant `Next: <state>` (often misspelt as an unknown key such as
    /// `Nxt`); `End: true` silently ends the scope there instead.
    pub struct MissingNextOrEnd {
        code: "FDL-S030",
        name: "missing-next-or-end",
        category: Structure,
        severity: Error,
        summary: "state without `Next` and without `End: true`",
    }
}

impl Rule for MissingNextOrEnd {
    rule_meta!();
    fn check(&self, ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
        let Some(flow) = ctx.document.as_current() else { return };
        for_each_state(flow, &mut |state, _, _| {
            let Some(t) = state.state_type() else { return };
            if !t.has_next_or_end() || state.next.is_some() || state.is_end() {
                return;
            }
            // A misspelled `Nxt`/`Ed` is the cause; FDL-S007 reports it with the rename.
            if near_miss::in_state(state, "Next").is_some() || near_miss::in_state(state, "End").is_some() {
                return;
            }
            let name = state.name().unwrap_or("this state");
            let mut d = report(
                &Self::META,
                state.anchor_span(),
                format!("`{name}` has neither `Next` nor `End: true`, so nothing follows it"),
            );
            if let (Some(fix), None) = (add_end_true(ctx.source, state), state.key("End")) {
                d = d.with_fix(fix);
            }
            out.push(d.with_help("add `Next: <state>`, or `End: true` if the scope ends here"));
        });
    }
}

/// Inserts `End: true` as a new key after the state's last line, with the state's indentation.
pub fn add_end_true(source: &str, state: &State) -> Option<Fix> {
    Some(Fix::unsafe_("add `End: true`", vec![append_key(source, state, "End: true")?]))
}

/// Inserts `line` (`Key: value`) as a new key after the state's last line, with the state's
/// indentation. `None` for flow-style states and states whose last value ends mid-line.
pub fn append_key(source: &str, state: &State, line: &str) -> Option<TextEdit> {
    let first_key = state.keys.first()?;
    let last = state.keys.iter().map(|k| k.value.end.max(k.key.end)).max()?;
    let line_start = source.get(..first_key.key.start as usize)?.rfind('\n').map_or(0, |i| i + 1);
    let indent_text = source.get(line_start..first_key.key.start as usize)?;
    // A `- ` list marker before the first key counts as indentation for the following keys.
    let indent = " ".repeat(indent_text.chars().count());
    if state.span.is_empty()
        || source.get(last as usize..)?.starts_with(|c: char| c != '\n' && c != '\r' && c != ' ' && c != '#')
    {
        return None;
    }
    let flow_style = source.get(state.span.start as usize..)?.starts_with('{');
    if flow_style {
        return None;
    }
    let line_end = source.get(last as usize..)?.find('\n').map_or(source.len(), |i| last as usize + i);
    // Before a CRLF's `\r`, so the inserted line ends the way the others do.
    let insert_at = if source[..line_end].ends_with('\r') { line_end - 1 } else { line_end };
    Some(TextEdit { span: Span::empty(insert_at as u32), replacement: format!("\n{indent}{line}") })
}
