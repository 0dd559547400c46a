//! Lint, fix and the rule list over JSON text (testable natively; lib.rs wraps them for JS).

use serde::Deserialize;

use fdl::LineIndex;
use fdl::lint::{ExecutionMode, LintConfig, SeverityOverride, all_rules};
use fdl::report::{JSON_FORMAT_VERSION, JsonDiagnostic};

/// Options of `lint`/`fix` (JSON): `{"rules": {"FDL-S007": "off"}, "executionMode": "Express"}`.
#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
struct LintOptions {
    rules: std::collections::HashMap<String, SeverityOverride>,
    execution_mode: Option<String>,
}

pub(crate) fn config(options_json: &str) -> Result<LintConfig, String> {
    if options_json.trim().is_empty() {
        return Ok(LintConfig::default());
    }
    let options: LintOptions = serde_json::from_str(options_json).map_err(|e| format!("invalid lint options: {e}"))?;
    let mut config = LintConfig { rules: options.rules, ..LintConfig::default() };
    if let Some(mode) = options.execution_mode {
        config.execution_mode = match mode.to_ascii_lowercase().as_str() {
            "express" => ExecutionMode::Express,
            "standard" | "" => ExecutionMode::Standard,
            other => return Err(format!("executionMode must be Standard or Express, not {other:?}")),
        };
    }
    Ok(config)
}

/// Lints `text`; returns `{"version": 1, "diagnostics": [...]}`, or `{"version": 1,
/// "diagnostics": [], "error": "..."}` when the options are invalid.
pub fn lint_json(text: &str, options_json: &str) -> String {
    let config = match config(options_json) {
        Ok(c) => c,
        Err(e) => {
            return serde_json::json!({ "version": JSON_FORMAT_VERSION, "diagnostics": [], "error": e }).to_string();
        }
    };
    let report = fdl::lint(text, &config);
    let index = LineIndex::new(text);
    let diagnostics: Vec<JsonDiagnostic> =
        report.diagnostics.iter().map(|d| JsonDiagnostic::new(text, &index, d)).collect();
    serde_json::json!({ "version": JSON_FORMAT_VERSION, "diagnostics": diagnostics }).to_string()
}

/// The text with fixes applied (unchanged when the options are invalid).
pub fn fix_text(text: &str, options_json: &str, include_unsafe: bool) -> String {
    match config(options_json) {
        Ok(config) => fdl::fix::fix_all(text, &config, include_unsafe).0,
        Err(_) => text.to_owned(),
    }
}

/// Every rule: `[{"code", "name", "category", "severity", "summary", "docs"}]`.
pub fn rules_json() -> String {
    let rules: Vec<serde_json::Value> = all_rules()
        .iter()
        .map(|r| {
            let m = r.meta();
            serde_json::json!({
                "code": m.code, "name": m.name, "category": m.category.as_str(),
                "severity": m.default_severity, "summary": m.summary, "docs": m.docs,
            })
        })
        .collect();
    serde_json::Value::Array(rules).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lint_reports_utf16_columns_for_non_ascii_names() {
        let text = "Type: StateMachine\nName: demo\nSpecVersion: v1\nStartAt: 😀开始\nStates:\n  - Type: Pass\n    Name: 开始\n    End: true\n";
        let out: serde_json::Value = serde_json::from_str(&lint_json(text, "")).unwrap();
        let d = &out["diagnostics"][0];
        assert_eq!(d["code"], "FDL-S011");
        assert_eq!(d["range"]["start"]["line"], 4);
        assert_eq!(d["range"]["start"]["column"], 10);
        // "😀开始" is 3 characters but 4 UTF-16 units.
        assert_eq!(d["range"]["end"]["column"], 13);
        assert_eq!(d["range"]["end"]["column_utf16"], 14);
    }

    #[test]
    fn options_turn_rules_off_and_bad_options_are_reported() {
        let text = "Type: StateMachine\nName: demo\nSpecVersion: v1\nComment: x\nStartAt: A\nStates:\n  - Type: Pass\n    Name: A\n    End: true\n";
        let on: serde_json::Value = serde_json::from_str(&lint_json(text, "")).unwrap();
        assert_eq!(on["diagnostics"][0]["code"], "FDL-S010");
        let off: serde_json::Value =
            serde_json::from_str(&lint_json(text, r#"{"rules": {"FDL-S010": "off"}}"#)).unwrap();
        assert_eq!(off["diagnostics"].as_array().unwrap().len(), 0);
        let bad: serde_json::Value = serde_json::from_str(&lint_json(text, "{")).unwrap();
        assert!(bad["error"].as_str().unwrap().contains("invalid lint options"));
        let typo: serde_json::Value = serde_json::from_str(&lint_json(text, r#"{"rule": {}}"#)).unwrap();
        assert!(typo["error"].as_str().unwrap().contains("unknown field"), "{typo}");
    }

    #[test]
    fn fix_applies_safe_fixes() {
        let text =
            "Type: StateMachine\nName: demo\nSpecVersion: v1\nStartAt: A\nStates:\n  - Type: Pass\n    Name: A\n";
        assert!(fix_text(text, "", false).ends_with("    Name: A\n    End: true\n"));
    }
}
