use crate::lint::registry::suggest_code;
use crate::lint::rules::prelude::*;
use crate::lint::suppression::CodeEntry;

declare_rule! {
    /// ## What it checks
    /// Every code in a suppression comment (`# flowplay-ignore: CODE`,
    /// `# flowplay-ignore-file: CODE`) is the code of a rule. Codes are matched without regard to
    /// case; `all` stands for every rule.
    ///
    /// ## Why
    /// A misspelled code (`FDL-S07`), a rule's name instead of its code (`unknown-key`) or a code
    /// without its `FDL-` prefix silences nothing, while the comment looks as if it did. The
    /// finding says which code was probably meant.
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
    ///     Colour: red  # flowplay-ignore: FDL-S07
    ///     End: true
    /// ```
    ///
    /// ## Corrected
    /// ```yaml
    /// # Codes in any case, and `all`, are known.
    /// Type: StateMachine
    /// Name: demo
    /// SpecVersion: v1
    /// StartAt: A
    /// States:
    ///   - Type: Pass
    ///     Name: A
    ///     Colour: red  # flowplay-ignore: fdl-s007
    ///     Shade: dark  # flowplay-ignore: all
    ///     End: true
    /// ```
    ///
    /// ## Fix
    /// Write the code meant (the did-you-mean), or remove it.
    ///
    /// ## Fix safety
    /// The fix removes the unknown code (or the whole comment when no other code is left), and is
    /// safe: the code silences nothing, so no finding appears or goes away. Writing the suggested
    /// code instead would silence a finding, a decision left to the author.
    pub struct UnknownSuppressionCode {
        code: "FDL-X002",
        name: "unknown-suppression-code",
        category: Suppression,
        severity: Warning,
        summary: "a suppression comment names a code no rule has",
    }
}

pub(crate) const CODE: &str = UnknownSuppressionCode::META.code;

impl Rule for UnknownSuppressionCode {
    rule_meta!();
    /// Reported by the linter after every other rule (`Suppressions::misuse`).
    fn check(&self, _: &LintContext<'_>, _: &mut Vec<Diagnostic>) {}
}

/// The finding for `entry`, which names no rule.
pub(crate) fn unknown_code(entry: &CodeEntry) -> Diagnostic {
    let help = match suggest_code(&entry.text) {
        Some(code) => format!("did you mean `{code}`?"),
        None => "rule codes look like `FDL-S007`; `flowplay rules` lists them".to_owned(),
    };
    report(
        &UnknownSuppressionCode::META,
        entry.span,
        format!("`{}` is not a rule code, so this suppression silences nothing", entry.text),
    )
    .with_help(help)
}
