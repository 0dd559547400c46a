use crate::lint::rules::prelude::*;
use crate::lint::suppression::{Directive, Reach, canonical_fix};

declare_rule! {
    /// ## What it checks
    /// A comment that starts with `flowplay-ignore` lists the codes it silences, in the form
    /// `# flowplay-ignore: CODE[, CODE…]` (or `# flowplay-ignore-file: CODE[, CODE…]`).
    ///
    /// ## Why
    /// A bare `# flowplay-ignore` (or one with a colon and no code) does not silence every
    /// finding, nor does a spelling such as `# flowplay-ignore FDL-S007` or
    /// `# flowplay-ignore[FDL-S007]`: they silence nothing, although they read as if they did.
    /// Naming each code keeps other findings on the line visible.
    ///
    /// ## Example
    /// ```yaml
    /// Type: StateMachine
    /// Name: demo
    /// SpecVersion: v1
    /// StartAt: A
    /// States:
    ///   # flowplay-ignore
    ///   - Type: Pass
    ///     Name: A
    ///     Colour: red
    ///     End: true
    /// ```
    ///
    /// ## Corrected
    /// ```yaml
    /// # Comments that only mention flowplay-ignore: CODE are not suppressions.
    /// Type: StateMachine
    /// Name: demo
    /// SpecVersion: v1
    /// StartAt: A
    /// States:
    ///   - Type: Pass
    ///     Name: A
    ///     Colour: red  # flowplay-ignore: FDL-S007 the service ignores it
    ///     End: true
    /// ```
    ///
    /// ## Fix
    /// List the codes of the findings to silence after a colon: `# flowplay-ignore: FDL-S007`.
    ///
    /// ## Fix safety
    /// A comment with codes in another spelling is rewritten to the syntax; the fix is unsafe, as
    /// the comment then starts to silence findings. A comment without codes has no fix: only the
    /// author knows which findings it is for.
    pub struct MalformedSuppression {
        code: "FDL-X003",
        name: "malformed-suppression",
        category: Suppression,
        severity: Warning,
        summary: "a suppression comment lists no codes or is not in the `flowplay-ignore: CODE` form",
    }
}

impl Rule for MalformedSuppression {
    rule_meta!();
    /// Reported by the linter after every other rule (`Suppressions::misuse`).
    fn check(&self, _: &LintContext<'_>, _: &mut Vec<Diagnostic>) {}
}

/// What the comment applies to, for the help text.
fn applies_to(directive: &Directive) -> &'static str {
    match directive.reach {
        Reach::File => "anywhere in the file",
        Reach::Line(_) if directive.trailing => "on this line",
        Reach::Line(_) => "on the next line",
    }
}

fn example(directive: &Directive) -> &'static str {
    if directive.reach == Reach::File { "# flowplay-ignore-file: FDL-S007" } else { "# flowplay-ignore: FDL-S007" }
}

/// A `flowplay-ignore` comment without codes.
pub(crate) fn no_codes(directive: &Directive) -> Diagnostic {
    report(
        &MalformedSuppression::META,
        directive.comment,
        "this suppression comment lists no rule codes, so it silences nothing",
    )
    .with_help(format!(
        "name the code of each finding to silence ({}), e.g. `{}`",
        applies_to(directive),
        example(directive)
    ))
}

/// A `flowplay-ignore` comment not in the syntax; `canonical` is its rewrite when it has codes.
pub(crate) fn malformed(directive: &Directive, canonical: Option<&str>) -> Diagnostic {
    let d = report(
        &MalformedSuppression::META,
        directive.comment,
        "this suppression comment is not in the form `flowplay-ignore: CODE`, so it silences nothing",
    );
    match canonical {
        Some(canonical) => d.with_help(format!("write `{canonical}`")).with_fix(canonical_fix(directive, canonical)),
        None => d.with_help(format!(
            "write `{}` (after code: its line; alone on a line: the next line), or `# flowplay-ignore-file: \
             FDL-S007` for the whole file",
            "# flowplay-ignore: FDL-S007"
        )),
    }
}
