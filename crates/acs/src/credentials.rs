//! Credentials. `Debug` never shows the secret or the STS token.

use std::fmt;

#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    pub access_key_id: String,
    pub access_key_secret: String,
    /// STS token for temporary credentials.
    pub security_token: Option<String>,
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("access_key_id", &self.access_key_id)
            .field("access_key_secret", &"<redacted>")
            .field("security_token", &self.security_token.as_ref().map(|_| "<redacted>"))
            .finish()
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn debug_redacts_secrets() {
        let c = super::Credentials {
            access_key_id: "LTAIid".into(),
            access_key_secret: "s3cret".into(),
            security_token: Some("tok".into()),
        };
        let text = format!("{c:?}");
        assert!(text.contains("LTAIid") && !text.contains("s3cret") && !text.contains("tok\""));
    }
}
