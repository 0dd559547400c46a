use crate::lint::rules::prelude::*;
use crate::lint::suppression::{CodeEntry, Directive, Reach};

declare_rule! {
    /// ## What it checks
    /// Every code in a suppression comment silences a finding: `# flowplay-ignore: CODE` after
    /// code silences that line's findings, alone on a line it silences the next line's (comment
    /// lines in between are skipped), and `# flowplay-ignore-file: CODE` the whole file's.
    ///
    /// ## Why
    /// A suppression that silences nothing is left over from a finding that has been fixed, or
    /// sits on the wrong line, or names the wrong code: it hides nothing today but will hide the
    /// next real finding of that code there. Like Ruff's RUF100.
    ///
    /// Only codes whose rule ran are judged: a code whose rule is turned off (`"off"` in the
    /// config's `rules`, `--severity CODE=off`) is not reported, since the same file may be linted
    /// where the rule is on; nor are `FDL-A…` codes when linting without the OpenAPI catalog, or
    /// `FDL-T030` with it. Nothing is judged in a file that does not parse or is not a workflow
    /// (the rules did not run), and a `FDL-X001` in a suppression comment is never reported (it is
    /// how to keep a suppression on purpose). `all` (every rule) is reported when the line, or the
    /// file, has no finding at all. Codes that name no rule are FDL-X002's.
    ///
    /// ## Example
    /// ```yaml
    /// Type: StateMachine
    /// Name: demo
    /// SpecVersion: v1
    /// StartAt: A
    /// States:
    ///   - Type: Pass
    ///     Name: A  # flowplay-ignore: FDL-S007
    ///     Colour: red
    ///     End: true
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
    ///     Colour: red  # flowplay-ignore: FDL-S007
    ///     End: true
    /// ```
    ///
    /// ## Fix
    /// Remove the code from the comment, or the whole comment when none of its codes is left.
    ///
    /// ## Fix safety
    /// Safe: the code silences nothing, so removing it changes no finding and the rest of the line
    /// stays as it is.
    pub struct UnusedSuppression {
        code: "FDL-X001",
        name: "unused-suppression",
        category: Suppression,
        severity: Warning,
        summary: "a code in a suppression comment silences no finding",
    }
}

pub(crate) const CODE: &str = UnusedSuppression::META.code;

impl Rule for UnusedSuppression {
    rule_meta!();
    /// Reported by the linter after every other rule (`Suppressions::unused`).
    fn check(&self, _: &LintContext<'_>, _: &mut Vec<Diagnostic>) {}
}

/// The finding for `entry` of `directive`, which silenced nothing.
pub(crate) fn unused(directive: &Directive, entry: &CodeEntry) -> Diagnostic {
    let what = if entry.text.eq_ignore_ascii_case("all") {
        "no finding".to_owned()
    } else {
        format!("no `{}` finding", entry.text)
    };
    let (message, help) = match directive.reach {
        Reach::File => (format!("unused suppression: {what} in this file"), "remove it".to_owned()),
        Reach::Line(Some(_)) if directive.trailing => (
            format!("unused suppression: {what} on this line"),
            "a suppression after code silences its own line only; remove it, or move it to the finding's line"
                .to_owned(),
        ),
        Reach::Line(Some(line)) => (
            format!("unused suppression: {what} on the next line (line {})", line + 1),
            "a suppression alone on a line silences the next line only; remove it, or move it above the \
             finding's line"
                .to_owned(),
        ),
        Reach::Line(None) => {
            (format!("unused suppression: nothing follows this comment, so {what} to silence"), "remove it".to_owned())
        }
    };
    Diagnostic::new(CODE, UnusedSuppression::META.default_severity, entry.span, message).with_help(help)
}
