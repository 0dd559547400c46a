use crate::lint::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// Every file the command line was asked to lint (or found while walking a directory) could
    /// be read as UTF-8 text: it exists, is readable, is a file and not a directory, and holds
    /// no invalid UTF-8.
    ///
    /// ## Why
    /// One unreadable file should not hide the findings of all the others: the file gets this
    /// error, the rest are linted and reported as usual, and the exit status is 2.
    ///
    /// ## Fix
    /// Make the file readable, save it as UTF-8, or leave it out with `exclude` in
    /// `flowplay.json` (or a `.gitignore` entry).
    ///
    /// Reported by the command line, never by the linter itself.
    pub struct UnreadableFile {
        code: "FDL-P012",
        name: "unreadable-file",
        category: Syntax,
        severity: Error,
        summary: "the file could not be read",
    }
}

impl Rule for UnreadableFile {
    rule_meta!();
    fn check(&self, _: &LintContext<'_>, _: &mut Vec<Diagnostic>) {}
}
