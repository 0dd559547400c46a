//! The relay's target policy (crates/relay/src/target.rs) and the `POST /api/relay` envelope.
//! Input is either a URL or a JSON envelope `{"method", "url", "headers"?, "body"?,
//! "body_base64"?}` checked by the relay's own `envelope::parse`.
//! Asserts: no panic; an accepted target under the default policy is https, port 443, a
//! `*.aliyuncs.com` domain name (no IP literal, no userinfo, no punycode), and checking its
//! normalised URL again gives the same target, whose URL carries the canonical host; refusals
//! have a code and a message; the logged form of a URL has no parameter value or fragment, and
//! scrubbing a message leaves no query value of a URL in it.
#![no_main]

use flowplay_relay::redact::{describe_url, scrub};
use flowplay_relay::target::{TargetPolicy, is_public};
use libfuzzer_sys::fuzz_target;

/// The path and query of a logged URL (a host name may hold `=`; it is no secret).
fn after_host(logged: &str) -> &str {
    let rest = logged.split_once("://").map_or(logged, |(_, r)| r);
    rest.find('/').map_or("", |i| &rest[i..])
}

fn check_url(raw: &str) {
    let default = TargetPolicy::default();
    let test = TargetPolicy {
        allowed_suffixes: vec!["aliyuncs.com".into(), "example.com".into()],
        allowed_hosts: vec!["localhost:9000".into(), "127.0.0.1".into()],
        allow_http_upstream: true,
    };
    match default.check(raw) {
        Ok(t) => {
            assert_eq!(t.url.scheme(), "https", "{raw}");
            assert_eq!(t.port, 443, "{raw}");
            assert!(t.url.username().is_empty() && t.url.password().is_none(), "{raw}");
            assert!(t.host.ends_with(".aliyuncs.com") && t.host.len() > ".aliyuncs.com".len(), "{raw}: {}", t.host);
            assert!(!t.host.split('.').any(|l| l.starts_with("xn--")), "{raw}");
            assert!(t.host.parse::<std::net::IpAddr>().is_err(), "{raw}: IP literal accepted");
            assert!(!t.explicitly_allowed);
            let again = default.check(t.url.as_str()).expect("a normalised accepted URL is accepted again");
            assert_eq!(again.host, t.host);
            assert_eq!(t.url.host_str(), Some(t.host.as_str()), "{raw}: the URL sent is not the canonical host");
            let logged = describe_url(&t.url);
            assert!(!after_host(&logged).contains(['=', '#']), "{raw}: a value or fragment logged: {logged}");
        }
        Err(r) => {
            assert!(!r.code().is_empty() && !r.message().is_empty());
        }
    }
    if let Ok(t) = test.check(raw) {
        assert!(t.url.scheme() == "https" || t.explicitly_allowed, "{raw}: http for a host not explicitly allowed");
        assert!(!after_host(&describe_url(&t.url)).contains('='));
    }
    if let Ok(url) = url::Url::parse(raw) {
        if let Some(url::Host::Ipv4(ip)) = url.host() {
            let _ = is_public(ip.into());
        }
        if let Some(url::Host::Ipv6(ip)) = url.host() {
            let _ = is_public(ip.into());
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    // Whatever follows `Signature=` in a URL quoted by an error message, no value survives.
    if !text.is_empty() && !text.contains(|c: char| c.is_whitespace() || "\"'()<>`".contains(c)) {
        let message = format!("error sending request for url (https://ecs.aliyuncs.com/?Signature={text}): refused");
        let scrubbed = scrub(&message);
        assert!(!scrubbed.contains('='), "{scrubbed}");
    }
    if text.trim_start().starts_with('{') {
        // The relay's own envelope check (JSON shape, method, header limits, body).
        match flowplay_relay::envelope::parse(data) {
            Ok(envelope) => {
                assert!(envelope.headers.len() <= flowplay_relay::envelope::MAX_ENVELOPE_HEADERS);
                assert!(envelope.headers.get("cookie").is_none() && envelope.headers.get("host").is_none());
                check_url(&envelope.url);
            }
            Err(e) => assert!(e.status.is_client_error() && !e.message.is_empty()),
        }
    } else {
        check_url(text);
    }
});
