//! Lint, fix and the rule list (testable natively; lib.rs wraps them for JS and reads the
//! options object). The JSON is written by `fdl::report`'s writer rather than serde_json, which
//! keeps serde_json's parser and serializer out of the embed wasm (size budget).

use fdl::lint::{ExecutionMode, LintConfig, SeverityOverride, all_rules};
use fdl::report::{JSON_FORMAT_VERSION, JsonDiagnostic, write_json_string};
use fdl::{FixScope, LineIndex, Linter};

/// Options of `lint`/`fix`: `{"rules": {"FDL-S007": "off"}, "executionMode": "Express"}`, as
/// lib.rs reads them from the JS value.
#[derive(Default)]
pub struct LintOptions {
    /// Rule code → "off" | "info" | "warning" | "error".
    pub rules: Vec<(String, String)>,
    pub execution_mode: Option<String>,
}

/// The linter `lint` and `fix` both use, so a fix is checked against the findings `lint` shows.
/// No OpenAPI catalog here (the embed has none; the playground lints with its own).
pub(crate) fn linter(options: LintOptions) -> Result<Linter<'static>, String> {
    config(options).map(Linter::new)
}

fn config(options: LintOptions) -> Result<LintConfig, String> {
    let mut config = LintConfig::default();
    for (code, level) in options.rules {
        let level = match level.as_str() {
            "off" => SeverityOverride::Off,
            "info" => SeverityOverride::Info,
            "warning" => SeverityOverride::Warning,
            "error" => SeverityOverride::Error,
            _ => {
                return Err(format!(
                    "invalid lint options: rules.{code} must be \"off\", \"info\", \"warning\" or \"error\", not \"{level}\""
                ));
            }
        };
        config.rules.insert(code, level);
    }
    if let Some(mode) = options.execution_mode {
        config.execution_mode = ExecutionMode::parse(&mode)
            .ok_or_else(|| format!("executionMode must be Standard or Express, not \"{mode}\""))?;
    }
    Ok(config)
}

/// Lints `text`; returns `{"version": 1, "diagnostics": [...]}`, or `{"version": 1,
/// "diagnostics": [], "error": "..."}` when the options are invalid.
pub fn lint_json(text: &str, options: Result<LintOptions, String>) -> String {
    let mut out = format!(r#"{{"version":{JSON_FORMAT_VERSION},"diagnostics":["#);
    match options.and_then(linter) {
        Ok(linter) => {
            let report = linter.lint(text);
            let index = LineIndex::new(text);
            for (i, d) in report.diagnostics.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                JsonDiagnostic::new(text, &index, d).write_json(&mut out);
            }
            out.push_str("]}");
        }
        Err(e) => {
            out.push_str(r#"],"error":"#);
            write_json_string(&mut out, &e);
            out.push('}');
        }
    }
    out
}

/// The text with fixes applied (unchanged when the options are invalid).
pub fn fix_text(text: &str, options: Result<LintOptions, String>, include_unsafe: bool) -> String {
    let scope = if include_unsafe { FixScope::IncludingUnsafe } else { FixScope::SafeOnly };
    match options.and_then(linter) {
        Ok(linter) => linter.fix(text, scope).text,
        Err(_) => text.to_owned(),
    }
}

/// Every rule: `[{"code", "name", "category", "severity", "summary", "docs"}]`.
pub fn rules_json() -> String {
    let mut out = String::from("[");
    for (i, rule) in all_rules().iter().enumerate() {
        let m = rule.meta();
        out.push_str(if i == 0 { "{" } else { ",{" });
        let fields = [
            ("code", m.code),
            ("name", m.name),
            ("category", m.category.as_str()),
            ("severity", m.default_severity.as_str()),
            ("summary", m.summary),
            ("docs", m.docs),
        ];
        for (j, (key, value)) in fields.into_iter().enumerate() {
            if j > 0 {
                out.push(',');
            }
            write_json_string(&mut out, key);
            out.push(':');
            write_json_string(&mut out, value);
        }
        out.push('}');
    }
    out.push(']');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lint_value(text: &str, options: LintOptions) -> serde_json::Value {
        serde_json::from_str(&lint_json(text, Ok(options))).unwrap()
    }

    #[test]
    fn lint_reports_utf16_columns_for_non_ascii_names() {
        let text = "Type: StateMachine\nName: demo\nSpecVersion: v1\nStartAt: 😀开始\nStates:\n  - Type: Pass\n    Name: 开始\n    End: true\n";
        let out = lint_value(text, LintOptions::default());
        assert_eq!(out["version"], 1);
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
        let on = lint_value(text, LintOptions::default());
        assert_eq!(on["diagnostics"][0]["code"], "FDL-S010");
        let off =
            lint_value(text, LintOptions { rules: vec![("FDL-S010".into(), "off".into())], ..Default::default() });
        assert_eq!(off["diagnostics"].as_array().unwrap().len(), 0);
        let bad =
            lint_value(text, LintOptions { rules: vec![("FDL-S010".into(), "loud".into())], ..Default::default() });
        assert!(bad["error"].as_str().unwrap().contains("invalid lint options"), "{bad}");
        assert_eq!(bad["diagnostics"].as_array().unwrap().len(), 0);
        let mode = lint_value(text, LintOptions { execution_mode: Some("Fast".into()), ..Default::default() });
        assert!(mode["error"].as_str().unwrap().contains("executionMode"), "{mode}");
        let given: serde_json::Value =
            serde_json::from_str(&lint_json(text, Err("invalid lint options: \"x\"\n".into()))).unwrap();
        assert_eq!(given["error"], "invalid lint options: \"x\"\n");
    }

    #[test]
    fn fix_applies_safe_fixes_and_unsafe_ones_on_request() {
        let text =
            "Type: StateMachine\nName: demo\nSpecVersion: \"1.0\"\nStartAt: A\nStates:\n  - Type: Pass\n    Name: A\n";
        // `SpecVersion` has one valid value (safe); `End: true` is a guess where `Next` may be meant.
        let safe = fix_text(text, Ok(LintOptions::default()), false);
        assert!(safe.contains("SpecVersion: v1\n") && safe.ends_with("    Name: A\n"), "{safe}");
        let all = fix_text(text, Ok(LintOptions::default()), true);
        assert!(all.contains("SpecVersion: v1\n") && all.ends_with("    Name: A\n    End: true\n"), "{all}");
        assert_eq!(fix_text(text, Err(String::new()), false), text);
    }

    #[test]
    fn rules_are_listed_as_json() {
        let rules: serde_json::Value = serde_json::from_str(&rules_json()).unwrap();
        let rules = rules.as_array().unwrap();
        assert_eq!(rules.len(), all_rules().len());
        for (r, rule) in rules.iter().zip(all_rules()) {
            let m = rule.meta();
            let expected = serde_json::json!({
                "code": m.code, "name": m.name, "category": m.category.as_str(),
                "severity": m.default_severity, "summary": m.summary, "docs": m.docs,
            });
            assert_eq!(*r, expected);
        }
    }

    /// The embed build (no `full`) keeps FDL-L020 but not its migration fix.
    #[cfg(not(feature = "full"))]
    #[test]
    fn legacy_flows_get_the_note_without_the_migration() {
        let out =
            lint_value("version: v1beta1\ntype: flow\nsteps:\n  - type: pass\n    name: a\n", LintOptions::default());
        let l020 = out["diagnostics"].as_array().unwrap().iter().find(|d| d["code"] == "FDL-L020").unwrap();
        assert!(l020.get("fix").is_none(), "{l020}");
    }
}
