//! Rule metadata and the list of every rule.

use super::Rule;
use crate::diagnostic::Severity;

/// Groups of rules; the letter in the code says the group (spec §14).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Category {
    /// `FDL-P…`: YAML and document shape.
    Syntax,
    /// `FDL-S…`: structure, schema, names, transitions.
    Structure,
    /// `FDL-E…`: expressions.
    Expression,
    /// `FDL-T…`: Task integrations.
    Integration,
    /// `FDL-R…`: Retry and Catch.
    ErrorHandling,
    /// `FDL-M…`, `FDL-W…`, `FDL-PA…`: Map, Wait and Parallel specifics.
    StateSpecific,
    /// `FDL-C…`: superseded constructs.
    Compatibility,
    /// `FDL-L…`: the legacy dialect.
    Legacy,
    /// `FDL-A…`: Alibaba Cloud OpenAPI catalog checks.
    Catalog,
    /// `FDL-X…`: the file's `# flowplay-ignore` comments themselves.
    Suppression,
}

impl Category {
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Syntax => "syntax",
            Category::Structure => "structure",
            Category::Expression => "expression",
            Category::Integration => "integration",
            Category::ErrorHandling => "error-handling",
            Category::StateSpecific => "state",
            Category::Compatibility => "compatibility",
            Category::Legacy => "legacy",
            Category::Catalog => "catalog",
            Category::Suppression => "suppression",
        }
    }
}

/// What every rule declares about itself.
#[derive(Debug)]
pub struct RuleMeta {
    /// Stable code, e.g. `FDL-S013`. Never reused once published.
    pub code: &'static str,
    /// Kebab-case name, e.g. `unresolved-transition`.
    pub name: &'static str,
    pub category: Category,
    pub default_severity: Severity,
    /// One line for rule lists.
    pub summary: &'static str,
    /// The rule's doc comment (Markdown).
    pub docs: &'static str,
}

/// Every rule, in code order.
pub fn all_rules() -> &'static [&'static dyn Rule] {
    &super::rules::ALL
}

/// Metadata of every rule, including the parser's and lowering's built-in ones.
pub fn rule_by_code(code: &str) -> Option<&'static RuleMeta> {
    all_rules().iter().map(|r| r.meta()).find(|m| m.code.eq_ignore_ascii_case(code))
}

/// The rule code someone who wrote `code`, which names no rule, most likely meant: the code of a
/// rule named `code` (`unknown-key`), `code` with the `FDL-` prefix it lacks (`S007`), or a close
/// spelling (`FDL-S07`, `FDL-S070`). The one did-you-mean for rule codes: the command line's
/// `--severity` and `explain`, config files and suppression comments all ask it.
pub fn suggest_code(code: &str) -> Option<&'static str> {
    let metas = || all_rules().iter().map(|r| r.meta());
    if let Some(m) = metas().find(|m| m.code.eq_ignore_ascii_case(code) || m.name.eq_ignore_ascii_case(code)) {
        return Some(m.code);
    }
    if !code.get(..4).is_some_and(|p| p.eq_ignore_ascii_case("FDL-"))
        && let Some(m) = rule_by_code(&format!("FDL-{code}"))
    {
        return Some(m.code);
    }
    super::rules::did_you_mean(code, metas().map(|m| m.code))
}

/// The error for `code`, which names no rule, with the code most likely meant if there is one:
/// what `--severity`, `explain` and config files say.
pub fn unknown_code(code: &str) -> String {
    match suggest_code(code) {
        Some(s) => format!("unknown rule code `{code}`; did you mean `{s}`?"),
        None => format!("unknown rule code `{code}`; `flowplay rules` lists the codes"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_codes_get_the_code_they_most_likely_meant() {
        assert_eq!(suggest_code("FDL-S07"), Some("FDL-S007"));
        assert_eq!(suggest_code("fdl-s0077"), Some("FDL-S007"));
        assert_eq!(suggest_code("S007"), Some("FDL-S007"));
        assert_eq!(suggest_code("s013"), Some("FDL-S013"));
        assert_eq!(suggest_code("unknown-function"), Some("FDL-E014"));
        assert_eq!(suggest_code("FP012"), None);
        assert_eq!(suggest_code("nonsense"), None);
    }
}
