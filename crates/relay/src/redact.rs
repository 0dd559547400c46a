//! Redaction for logs: signatures, AccessKey IDs and STS tokens never reach a log line.

const SECRET_QUERY_KEYS: [&str; 4] = ["Signature", "AccessKeyId", "SecurityToken", "SignatureNonce"];
pub const SECRET_HEADERS: [&str; 4] =
    ["authorization", "x-acs-security-token", "x-acs-accesskey-id", "x-acs-signature-nonce"];

/// The URL with the values of credential-bearing query parameters replaced by `***`.
pub fn redact_url(url: &url::Url) -> String {
    let mut u = url.clone();
    if u.query().is_some() {
        let pairs: Vec<(String, String)> = u
            .query_pairs()
            .map(|(k, v)| {
                let redacted = SECRET_QUERY_KEYS.iter().any(|s| s.eq_ignore_ascii_case(&k));
                (k.into_owned(), if redacted { "***".to_owned() } else { v.into_owned() })
            })
            .collect();
        u.query_pairs_mut().clear().extend_pairs(pairs);
    }
    u.to_string()
}

#[cfg(test)]
mod tests {
    #[test]
    fn credentials_are_redacted() {
        let u = url::Url::parse(
            "https://ecs.cn-hangzhou.aliyuncs.com/?Action=X&AccessKeyId=LTAIabc&Signature=s%2Fig&SecurityToken=tok",
        )
        .unwrap();
        let r = super::redact_url(&u);
        assert!(r.contains("Action=X") && !r.contains("LTAIabc") && !r.contains("tok") && !r.contains("s%2Fig"), "{r}");
    }
}
