use crate::lint::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// Every legacy flow gets a note suggesting the current dialect, with the whole-document
    /// migration as its fix: `flowplay lint --fix --unsafe-fixes --diff` shows it,
    /// without `--diff` it rewrites the file.
    ///
    /// ## Why
    /// The legacy dialect is still accepted "for compatibility", but new features (constructors,
    /// Map, `$Global`, optimized integrations) exist only in the current one.
    ///
    /// ## Example
    /// ```yaml
    /// version: v1
    /// type: flow
    /// steps:
    ///   - type: pass
    ///     name: a
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
    ///     End: true
    /// ```
    ///
    /// ## Fix
    /// Review the migrated document; `# flowplay:` comments mark what needs a human look.
    ///
    /// ## Fix safety
    /// Unsafe: it rewrites the whole document; the two dialects differ in places the migration can
    /// only approximate (marked with `# flowplay:` comments). `--fix` applies it only when the
    /// migrated workflow has no finding the legacy one did not have.
    pub struct SuggestMigration {
        code: "FDL-L020",
        name: "legacy-suggest-migration",
        category: Legacy,
        severity: Info,
        summary: "suggest migration to the current dialect",
    }
}

impl Rule for SuggestMigration {
    rule_meta!();
    fn check(&self, ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
        let Some(flow) = ctx.document.as_legacy() else { return };
        let at = flow.keys.iter().find(|k| k.name == "type" || k.name == "steps").map_or(Span::empty(0), |k| k.key);
        let d = report(
            &Self::META,
            at,
            "this is the legacy dialect; the current dialect (`Type: StateMachine`) is recommended and flowplay can migrate it",
        );
        #[cfg(feature = "migrate")]
        let d = d.with_fix(migration(ctx.source, flow));
        out.push(d);
    }
}

/// The whole-document migration as a fix.
#[cfg(feature = "migrate")]
fn migration(source: &str, flow: &LegacyFlow) -> Fix {
    // Keep the comment block the file starts with (often its source or licence).
    let header: String = source
        .lines()
        .take_while(|l| l.trim_start().starts_with('#') || l.trim().is_empty())
        .map(|l| format!("{l}\n"))
        .collect();
    let migrated = header + &crate::migrate::migrate_legacy(flow, "migrated_flow");
    Fix::unsafe_(
        "migrate to the current dialect",
        vec![TextEdit { span: Span::from_range(0..source.len()), replacement: migrated }],
    )
}
