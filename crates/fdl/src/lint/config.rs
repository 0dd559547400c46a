//! Severity configuration: turn rules off or change their severity, per code.

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

/// Linter options, also read from a `flowplay.toml`/JSON config by the CLI.
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
