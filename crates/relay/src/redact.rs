//! Redaction in one place: every URL the relay logs and every message it answers with goes
//! through here, so a Signature, AccessKey ID or STS token never reaches a log line, the
//! playground or `flowplay run --real`.
//!
//! A URL is described as scheme, host, port, path with ids masked and the names of its query
//! parameters only; the fragment and every parameter value are dropped, whatever the name
//! (`Signature`, OSS-style `x-oss-signature`, `security-token`, an `Authorization` query
//! parameter, or a name nobody has thought of yet).

/// Request headers that carry credentials (their values are never logged; their names are).
/// Alibaba Cloud OpenAPI (ACS3) and OSS spellings.
pub const SECRET_HEADERS: [&str; 9] = [
    "authorization",
    "x-acs-security-token",
    "x-acs-accesskey-id",
    "x-acs-signature-nonce",
    "security-token",
    "x-oss-security-token",
    "x-oss-credential",
    "x-oss-signature",
    "ossaccesskeyid",
];

/// Longest path segment kept as is; anything longer is masked.
const MAX_KEPT_SEGMENT: usize = 32;

/// A path segment kept in logs: a lower-case word or hyphenated words (`functions`,
/// `invocations`) or an API version date (`2023-03-30`). Anything else (digits, upper case,
/// dots, underscores, percent-escapes: ids, names, object keys, tokens) is masked as `*`.
fn keeps(segment: &str) -> bool {
    let word = segment.len() <= MAX_KEPT_SEGMENT
        && segment.bytes().all(|b| b.is_ascii_lowercase() || b == b'-')
        && !segment.starts_with('-')
        && !segment.ends_with('-');
    let date = segment.len() == 10
        && segment.bytes().enumerate().all(|(i, b)| if i == 4 || i == 7 { b == b'-' } else { b.is_ascii_digit() });
    word || date
}

/// A parameter name kept in logs: short, letters, digits, `-`, `_`, `.` (a name decoded from
/// `Signature%3Dvalue` would otherwise carry the value).
fn plain_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= MAX_KEPT_SEGMENT
        && name.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
}

/// `url` for a log or a message: `scheme://host:port/path-with-ids-masked?name&name`.
pub fn describe_url(url: &url::Url) -> String {
    let mut out = format!(
        "{}://{}:{}",
        url.scheme(),
        url.host_str().unwrap_or(""),
        url.port_or_known_default().map_or_else(String::new, |p| p.to_string())
    );
    match url.path_segments() {
        Some(segments) => {
            for s in segments {
                out.push('/');
                out.push_str(if keeps(s) { s } else { "*" });
            }
        }
        None => out.push_str("/*"),
    }
    let names: Vec<String> = url.query_pairs().map(|(k, _)| k.into_owned()).collect();
    if !names.is_empty() {
        out.push('?');
        out.push_str(&names.iter().map(|n| if plain_name(n) { n.as_str() } else { "*" }).collect::<Vec<_>>().join("&"));
    }
    out
}

/// `text` with every URL in it replaced by [`describe_url`] (or `<url>` when it does not
/// parse): for error messages from the HTTP client or the resolver, which quote the URL.
pub fn scrub(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = find_scheme(rest) {
        out.push_str(&rest[..start]);
        let tail = &rest[start..];
        let end = tail
            .find(|c: char| c.is_whitespace() || matches!(c, '"' | '\'' | ')' | '>' | '<' | '`'))
            .unwrap_or(tail.len());
        match url::Url::parse(&tail[..end]) {
            Ok(u) => out.push_str(&describe_url(&u)),
            Err(_) => out.push_str("<url>"),
        }
        rest = &tail[end..];
    }
    out.push_str(rest);
    out
}

/// Where the next `scheme://` starts (any scheme: `http`, `https`, `ws`, …).
fn find_scheme(text: &str) -> Option<usize> {
    let sep = text.find("://")?;
    let start = text[..sep]
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        .last()
        .map_or(sep, |(i, _)| i);
    Some(start)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn described(raw: &str) -> String {
        describe_url(&url::Url::parse(raw).unwrap())
    }

    /// Finding 6: values of every parameter (OpenAPI, OSS, STS and `Authorization` spellings),
    /// the fragment and id-like path segments never reach a log line.
    #[test]
    fn urls_are_logged_as_scheme_host_port_masked_path_and_parameter_names() {
        let secrets =
            ["LTAIabc", "s%2Fig", "v4lue", "osssig", "0ssid", "cr3d", "authsecret", "frag", "bucket-obj-9", "My_Fn"];
        let raw = "https://ecs.cn-hangzhou.aliyuncs.com/2023-03-30/functions/My_Fn.1/invocations/bucket-obj-9?\
                   Action=X&AccessKeyId=LTAIabc&Signature=s%2Fig&SecurityToken=v4lue&security-token=v4lue&\
                   x-oss-security-token=v4lue&OSSAccessKeyId=0ssid&x-oss-credential=cr3d&x-oss-signature=osssig&\
                   x-acs-security-token=v4lue&Authorization=authsecret#frag";
        let d = described(raw);
        assert_eq!(
            d,
            "https://ecs.cn-hangzhou.aliyuncs.com:443/2023-03-30/functions/*/invocations/*?Action&AccessKeyId&\
             Signature&SecurityToken&security-token&x-oss-security-token&OSSAccessKeyId&x-oss-credential&\
             x-oss-signature&x-acs-security-token&Authorization"
        );
        for s in secrets {
            assert!(!d.contains(s), "{s} in {d}");
        }
        assert_eq!(described("http://localhost:9000/"), "http://localhost:9000/");
        assert_eq!(described("https://a.aliyuncs.com/?x&Signature%3Dleak=1"), "https://a.aliyuncs.com:443/?x&*");
        assert_eq!(described("https://a.aliyuncs.com/x/LTAI5tAbCdEfG/y"), "https://a.aliyuncs.com:443/x/*/y");
    }

    /// Finding 5: a client error quoting the signed URL is scrubbed wherever the URL sits.
    #[test]
    fn messages_quoting_urls_are_scrubbed() {
        let e = "error sending request for url (https://ecs.aliyuncs.com/?Signature=abc%2B&AccessKeyId=LTAIx): \
                 connection refused; see http://[::1]:9/p?token=t and <ftp://x/?Signature=s>";
        let s = scrub(e);
        for secret in ["abc%2B", "LTAIx", "token=", "=s"] {
            assert!(!s.contains(secret), "{secret} in {s}");
        }
        assert!(s.contains("(https://ecs.aliyuncs.com:443/?Signature&AccessKeyId)"), "{s}");
        assert!(s.contains("connection refused"), "{s}");
        assert_eq!(scrub("no url here"), "no url here");
        assert_eq!(scrub("bad https://[::1/?Signature=x end"), "bad <url> end");
    }
}
