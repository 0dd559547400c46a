//! Severity configuration: turn rules off or change their severity, per code; and the reader of
//! config files (`flowplay.json`), which refuses unknown keys and codes the way the command line
//! refuses an unknown `--severity` code, with a did-you-mean and the place in the file.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::context::ExecutionMode;
use crate::diagnostic::Severity;

/// A per-code override.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SeverityOverride {
    Off,
    Info,
    Warning,
    Error,
}

impl SeverityOverride {
    pub fn parse(text: &str) -> Option<Self> {
        match text.to_ascii_lowercase().as_str() {
            "off" | "none" | "allow" => Some(Self::Off),
            other => Severity::parse(other).map(Self::from),
        }
    }

    pub fn severity(self) -> Option<Severity> {
        match self {
            Self::Off => None,
            Self::Info => Some(Severity::Info),
            Self::Warning => Some(Severity::Warning),
            Self::Error => Some(Severity::Error),
        }
    }
}

impl From<Severity> for SeverityOverride {
    fn from(s: Severity) -> Self {
        match s {
            Severity::Info => Self::Info,
            Severity::Warning => Self::Warning,
            Severity::Error => Self::Error,
        }
    }
}

/// Linter options, also read from a JSON config file by the CLI ([`LintConfig::from_json`]).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct LintConfig {
    /// Code → severity (or `off`).
    pub rules: HashMap<String, SeverityOverride>,
    /// `Express` enables the Express-mode limits (Wait ≤ 20 s, RequestComplete only).
    #[serde(with = "execution_mode_serde")]
    pub execution_mode: ExecutionMode,
    /// Parser limits (size, depth, alias expansion); not read from config files.
    #[serde(skip)]
    pub limits: crate::yaml::ParseLimits,
}

impl LintConfig {
    /// The severity a code is reported with, or `None` when it is turned off.
    pub fn severity_for(&self, code: &str, default: Severity) -> Option<Severity> {
        match self
            .rules
            .get(code)
            .or_else(|| self.rules.iter().find(|(k, _)| k.eq_ignore_ascii_case(code)).map(|(_, v)| v))
        {
            Some(o) => o.severity(),
            None => Some(default),
        }
    }
}

/// The keys of a config file the linter reads; `$schema` is allowed too (for editors), and the
/// caller names the keys it reads itself.
pub const CONFIG_KEYS: &[&str] = &["rules", "executionMode"];

/// A mistake in a config file: what is wrong and, when known, where (1-based line and column,
/// in characters).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigError {
    pub message: String,
    pub line: Option<u32>,
    pub column: Option<u32>,
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (self.line, self.column) {
            (Some(line), Some(column)) => write!(f, "{line}:{column}: {}", self.message),
            _ => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for ConfigError {}

impl ConfigError {
    /// An error about the key at `path` (keys of nested objects from the root) of the JSON
    /// document `text`, placed at that key when it is found.
    pub fn at(text: &str, path: &[&str], message: impl Into<String>) -> Self {
        let at = key_offset(text, path).map(|o| crate::span::LineIndex::new(text).position(text, o as u32));
        ConfigError { message: message.into(), line: at.map(|p| p.line), column: at.map(|p| p.column) }
    }
}

impl LintConfig {
    /// Reads a JSON config document (`flowplay.json`): `rules` (code → `error`, `warning`, `info`
    /// or `off`) and `executionMode` (`Standard` or `Express`). `other_keys` are the keys the
    /// caller reads itself (the CLI's `include` and `exclude`); `$schema` is allowed. An unknown
    /// key, rule code, severity or mode is an error at its line and column, with the name most
    /// likely meant (rule codes through [`crate::lint::suggest_code`], as `--severity` does).
    pub fn from_json(text: &str, other_keys: &[&str]) -> Result<Self, ConfigError> {
        let value: serde_json::Value = serde_json::from_str(text).map_err(|e| {
            let message = e.to_string();
            let place = format!(" at line {} column {}", e.line(), e.column());
            let message = message.strip_suffix(&place).unwrap_or(&message);
            ConfigError {
                message: format!("invalid JSON: {message}"),
                line: Some(e.line() as u32),
                column: Some(e.column() as u32),
            }
        })?;
        let error = |path: &[&str], message: String| ConfigError::at(text, path, message);
        let Some(root) = value.as_object() else {
            return Err(ConfigError {
                message: "a config file holds a JSON object, such as {\"rules\": {\"FDL-S007\": \"off\"}}".to_owned(),
                line: Some(1),
                column: Some(1),
            });
        };
        let known: Vec<&str> = CONFIG_KEYS.iter().chain(other_keys).copied().chain(["$schema"]).collect();
        let mut config = LintConfig::default();
        for (key, value) in root {
            match key.as_str() {
                "rules" => {
                    let Some(rules) = value.as_object() else {
                        return Err(error(
                            &["rules"],
                            "`rules` must be an object of rule codes and severities, such as {\"FDL-S007\": \"off\"}"
                                .to_owned(),
                        ));
                    };
                    for (code, level) in rules {
                        let Some(meta) = crate::lint::rule_by_code(code) else {
                            return Err(error(&["rules", code], crate::lint::unknown_code(code)));
                        };
                        let Some(level) = level.as_str().and_then(SeverityOverride::parse) else {
                            return Err(error(
                                &["rules", code],
                                format!("`{code}` must be \"error\", \"warning\", \"info\" or \"off\", not {level}"),
                            ));
                        };
                        config.rules.insert(meta.code.to_owned(), level);
                    }
                }
                "executionMode" => {
                    let Some(mode) = value.as_str().and_then(ExecutionMode::parse) else {
                        return Err(error(
                            &["executionMode"],
                            format!("`executionMode` must be \"Standard\" or \"Express\", not {value}"),
                        ));
                    };
                    config.execution_mode = mode;
                }
                other if known.contains(&other) => {}
                other => {
                    let hint = match crate::lint::rules::did_you_mean(other, known.iter().copied()) {
                        Some(k) => format!("did you mean `{k}`?"),
                        None => format!(
                            "the keys are {}",
                            known.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ")
                        ),
                    };
                    return Err(error(&[other], format!("unknown key `{other}`; {hint}")));
                }
            }
        }
        Ok(config)
    }
}

/// Byte offset of the key at `path` (keys of nested objects from the root) in `text`, a JSON
/// document that parses.
fn key_offset(text: &str, path: &[&str]) -> Option<usize> {
    JsonScanner { text, at: 0 }.value(path).ok().flatten()
}

/// Just enough of a JSON reader to find where a key is (serde_json's values have no positions).
struct JsonScanner<'t> {
    text: &'t str,
    at: usize,
}

impl JsonScanner<'_> {
    fn byte(&self) -> Option<u8> {
        self.text.as_bytes().get(self.at).copied()
    }

    fn skip_space(&mut self) {
        while matches!(self.byte(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    /// Reads the value at the cursor; when it is an object holding `path`, returns the offset of
    /// the path's last key.
    fn value(&mut self, path: &[&str]) -> Result<Option<usize>, ()> {
        self.skip_space();
        match self.byte().ok_or(())? {
            b'{' => {
                self.at += 1;
                loop {
                    self.skip_space();
                    match self.byte().ok_or(())? {
                        b'}' => {
                            self.at += 1;
                            return Ok(None);
                        }
                        b',' => self.at += 1,
                        b'"' => {
                            let (start, key) = self.string()?;
                            self.skip_space();
                            if self.byte() != Some(b':') {
                                return Err(());
                            }
                            self.at += 1;
                            match path.split_first() {
                                Some((first, [])) if key == *first => return Ok(Some(start)),
                                Some((first, rest)) if key == *first => {
                                    if let Some(found) = self.value(rest)? {
                                        return Ok(Some(found));
                                    }
                                }
                                _ => {
                                    self.value(&[])?;
                                }
                            }
                        }
                        _ => return Err(()),
                    }
                }
            }
            b'[' => {
                self.at += 1;
                loop {
                    self.skip_space();
                    match self.byte().ok_or(())? {
                        b']' => {
                            self.at += 1;
                            return Ok(None);
                        }
                        b',' => self.at += 1,
                        _ => {
                            self.value(&[])?;
                        }
                    }
                }
            }
            b'"' => self.string().map(|_| None),
            _ => {
                while self.byte().is_some_and(|b| !matches!(b, b',' | b']' | b'}' | b' ' | b'\t' | b'\n' | b'\r')) {
                    self.at += 1;
                }
                Ok(None)
            }
        }
    }

    /// The string at the cursor: its offset and its decoded text.
    fn string(&mut self) -> Result<(usize, String), ()> {
        let start = self.at;
        self.at += 1;
        loop {
            match self.byte().ok_or(())? {
                b'\\' => self.at += 2,
                b'"' => break,
                _ => self.at += 1,
            }
        }
        self.at += 1;
        let raw = self.text.get(start..self.at).ok_or(())?;
        serde_json::from_str(raw).map(|s| (start, s)).map_err(|_| ())
    }
}

mod execution_mode_serde {
    use super::ExecutionMode;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(mode: &ExecutionMode, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(match mode {
            ExecutionMode::Standard => "Standard",
            ExecutionMode::Express => "Express",
        })
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<ExecutionMode, D::Error> {
        let text = String::deserialize(d)?;
        ExecutionMode::parse(&text)
            .ok_or_else(|| serde::de::Error::custom(format!("executionMode must be Standard or Express, not {text:?}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error(text: &str) -> String {
        LintConfig::from_json(text, &["include", "exclude"]).unwrap_err().to_string()
    }

    #[test]
    fn a_config_sets_severities_and_the_execution_mode() {
        let text = r#"{"$schema": "x", "rules": {"fdl-s007": "off", "FDL-E014": "Error"}, "executionMode": "Express", "include": ["a"]}"#;
        let config = LintConfig::from_json(text, &["include", "exclude"]).unwrap();
        assert_eq!(config.rules.get("FDL-S007"), Some(&SeverityOverride::Off));
        assert_eq!(config.rules.get("FDL-E014"), Some(&SeverityOverride::Error));
        assert_eq!(config.execution_mode, ExecutionMode::Express);
    }

    #[test]
    fn unknown_keys_and_codes_are_errors_at_their_place_with_a_did_you_mean() {
        assert_eq!(error("{\n  \"inclde\": []\n}"), "2:3: unknown key `inclde`; did you mean `include`?");
        assert_eq!(
            error("{\"colour\": 1}"),
            "1:2: unknown key `colour`; the keys are `rules`, `executionMode`, `include`, `exclude`, `$schema`"
        );
        assert_eq!(
            error("{\"exclude\": [\"x\"],\n \"rules\": {\n   \"FDL-S007\": \"off\",\n   \"FDL-S07\": \"off\"}}"),
            "4:4: unknown rule code `FDL-S07`; did you mean `FDL-S007`?"
        );
        assert_eq!(
            error("{\"rules\": {\"FP012\": \"off\"}}"),
            "1:12: unknown rule code `FP012`; `flowplay rules` lists the codes"
        );
        assert_eq!(
            error("{\"rules\": {\"FDL-S007\": \"loud\"}}"),
            "1:12: `FDL-S007` must be \"error\", \"warning\", \"info\" or \"off\", not \"loud\""
        );
        assert_eq!(
            error("{\"executionMode\": \"Fast\"}"),
            "1:2: `executionMode` must be \"Standard\" or \"Express\", not \"Fast\""
        );
        assert_eq!(
            error("{\"rules\": []}"),
            "1:2: `rules` must be an object of rule codes and severities, such as {\"FDL-S007\": \"off\"}"
        );
    }

    #[test]
    fn json_errors_keep_their_place() {
        assert_eq!(error("{\"rules\": {,}}"), "1:12: invalid JSON: key must be a string");
        assert!(error("[]").starts_with("1:1: a config file holds a JSON object"));
    }

    #[test]
    fn keys_are_found_past_nested_values_and_escapes() {
        let text = r#"{"a": [1, {"rules": 2}, "]"], "b\"c": {"x": true}, "rules": {"y": null}}"#;
        assert_eq!(key_offset(text, &["rules", "y"]).map(|o| &text[o..o + 3]), Some("\"y\""));
        assert_eq!(key_offset(text, &["b\"c", "x"]).map(|o| &text[o..o + 3]), Some("\"x\""));
        assert_eq!(key_offset(text, &["nope"]), None);
    }
}
