//! Which upstream URLs the relay forwards to. Pure checks, no I/O: the relay is not an open
//! proxy, so every request is refused unless its URL is https, on port 443, to a host name in
//! the allow-list (`*.aliyuncs.com` by default), without userinfo or IP literals. A host or IP
//! literal named with `--allow-host` (a local test server) is allowed on the port it names.
//!
//! The host is canonicalised once ([`canonical_host`]: IDNA, lower case, one trailing dot
//! stripped) and the canonical name is what is checked, resolved, pinned and sent (SNI, `Host`).

use std::net::{IpAddr, Ipv4Addr};

use url::{Host, Url};

/// Why a target was refused; `code()` is the JSON error code. Each message says which
/// `flowplay serve` flag would allow the request, when one would.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal {
    BadUrl(String),
    /// The scheme and the `host:port` asked for.
    Scheme(String, String),
    Userinfo,
    /// The `ip:port` asked for.
    IpLiteral(String),
    /// The `host:port` asked for.
    Port(String, u16),
    HostNotAllowed(String),
    PrivateAddress(String),
}

impl Refusal {
    pub fn code(&self) -> &'static str {
        match self {
            Refusal::BadUrl(_) => "bad_url",
            Refusal::Scheme(..) => "scheme_not_allowed",
            Refusal::Userinfo => "userinfo",
            Refusal::IpLiteral(_) => "ip_literal",
            Refusal::Port(..) => "port_not_allowed",
            Refusal::HostNotAllowed(_) => "host_not_allowed",
            Refusal::PrivateAddress(_) => "private_address",
        }
    }

    pub fn message(&self) -> String {
        match self {
            Refusal::BadUrl(e) => format!("the url is not valid: {e}"),
            Refusal::Scheme(s, host_port) => format!(
                "only https upstreams are allowed, not {s}; for a local test server start the relay with \
                 `flowplay serve --allow-host {host_port} --allow-http-upstream`"
            ),
            Refusal::Userinfo => "urls with user:password@ are not allowed".into(),
            Refusal::IpLiteral(ip_port) => format!(
                "IP addresses are not allowed as hosts ({ip_port}); use the service's host name, or for a local \
                 test server start the relay with `flowplay serve --allow-host {ip_port}`"
            ),
            Refusal::Port(host, p) => format!(
                "port {p} is not allowed; Alibaba Cloud endpoints use 443 (for a local test server: \
                 `flowplay serve --allow-host {host}:{p}`)"
            ),
            Refusal::HostNotAllowed(h) => format!(
                "{h} is not an allowed host (allowed: *.aliyuncs.com and hosts named with --allow-host; \
                 to allow this one: `flowplay serve --allow-host {h}`)"
            ),
            Refusal::PrivateAddress(a) => format!(
                "the host resolves to a non-public address ({a}); only a host named with \
                 `flowplay serve --allow-host HOST` may be local"
            ),
        }
    }
}

/// The allow-list and the test-only switches.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TargetPolicy {
    /// Domain suffixes allowed with any subdomain, e.g. `aliyuncs.com`.
    pub allowed_suffixes: Vec<String>,
    /// Exact hosts or IP literals allowed (`host`, `host:port`, `127.0.0.1:9090`,
    /// `[::1]:9090`), given with `--allow-host` (tests).
    pub allowed_hosts: Vec<String>,
    /// Permit `http://` (and loopback addresses) for explicitly allowed hosts only (tests).
    pub allow_http_upstream: bool,
}

impl Default for TargetPolicy {
    fn default() -> Self {
        Self { allowed_suffixes: vec!["aliyuncs.com".into()], allowed_hosts: Vec::new(), allow_http_upstream: false }
    }
}

/// A canonical host: a domain name (punycode, lower case, no trailing dot) or an IP address.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CanonicalHost {
    Domain(String),
    Ip(IpAddr),
}

impl std::fmt::Display for CanonicalHost {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CanonicalHost::Domain(d) => f.write_str(d),
            CanonicalHost::Ip(IpAddr::V6(ip)) => write!(f, "[{ip}]"),
            CanonicalHost::Ip(ip) => write!(f, "{ip}"),
        }
    }
}

/// The one spelling of `host` used for the allow-list, the DNS pin and SNI: the url crate's
/// host parser (IDNA/UTS #46 to punycode, lower case, numeric IPv4 spellings such as
/// `2130706433` or `0x7f.1` read as addresses), then one trailing dot stripped (`a.com.` is the
/// fully qualified `a.com`; a resolver would otherwise see a different name from the check).
pub fn canonical_host(host: &str) -> Result<CanonicalHost, String> {
    let parsed = Host::parse(host).map_err(|e| format!("{e} ({host})"))?;
    let domain = match parsed {
        Host::Ipv4(ip) => return Ok(CanonicalHost::Ip(ip.into())),
        Host::Ipv6(ip) => return Ok(CanonicalHost::Ip(ip.into())),
        Host::Domain(d) => d,
    };
    let stripped = domain.strip_suffix('.').unwrap_or(&domain);
    if stripped.is_empty() || stripped.ends_with('.') || stripped.split('.').any(str::is_empty) {
        return Err(format!("empty label in host name {host}"));
    }
    if stripped.len() != domain.len() {
        // `127.0.0.1.` names an address too.
        return canonical_host(stripped);
    }
    Ok(CanonicalHost::Domain(domain))
}

/// A checked target.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Target {
    /// The URL to send, its host replaced by the canonical one.
    pub url: Url,
    /// The canonical host (IPv6 in brackets), as checked and as sent.
    pub host: String,
    /// Set when the host is an IP literal (allowed only with `--allow-host`): no DNS lookup.
    pub ip: Option<IpAddr>,
    pub port: u16,
    /// Allowed explicitly by `--allow-host`: loopback/private addresses are then permitted.
    pub explicitly_allowed: bool,
}

impl TargetPolicy {
    /// Whether `--allow-host` names `host` (any port) or `host:port`. Entries are
    /// canonicalised the same way as URLs, so `LOCALHOST.:9000` names `localhost:9000`.
    fn names(&self, host: &CanonicalHost, port: u16) -> bool {
        self.allowed_hosts.iter().any(|entry| {
            let (name, entry_port) = split_host_port(entry.trim());
            entry_port.is_none_or(|p| p == port) && canonical_host(name).is_ok_and(|c| &c == host)
        })
    }

    pub fn check(&self, raw: &str) -> Result<Target, Refusal> {
        let mut url = Url::parse(raw).map_err(|e| Refusal::BadUrl(e.to_string()))?;
        if !url.username().is_empty() || url.password().is_some() {
            return Err(Refusal::Userinfo);
        }
        let Some(host_str) = url.host_str() else { return Err(Refusal::BadUrl("no host".into())) };
        let canonical = canonical_host(host_str).map_err(Refusal::BadUrl)?;
        let host = canonical.to_string();
        let port = url.port_or_known_default().unwrap_or(0);
        let host_port = format!("{host}:{port}");
        let explicitly_allowed = self.names(&canonical, port);
        match url.scheme() {
            "https" => {}
            "http" if self.allow_http_upstream && explicitly_allowed => {}
            other => return Err(Refusal::Scheme(other.to_owned(), host_port)),
        }
        if !explicitly_allowed {
            let CanonicalHost::Domain(name) = &canonical else { return Err(Refusal::IpLiteral(host_port)) };
            let suffix_ok =
                self.allowed_suffixes.iter().any(|s| name.len() > s.len() + 1 && name.ends_with(&format!(".{s}")));
            if !suffix_ok || name.split('.').any(|label| label.starts_with("xn--")) {
                return Err(Refusal::HostNotAllowed(host));
            }
            if port != 443 {
                return Err(Refusal::Port(host, port));
            }
        }
        if url.host_str() != Some(host.as_str()) {
            url.set_host(Some(&host)).map_err(|e| Refusal::BadUrl(e.to_string()))?;
        }
        let ip = match canonical {
            CanonicalHost::Ip(ip) => Some(ip),
            CanonicalHost::Domain(_) => None,
        };
        Ok(Target { url, host, ip, port, explicitly_allowed })
    }
}

/// `host:port` → (`host`, port); `[v6]:port` and a bare `v6` address are understood.
pub(crate) fn split_host_port(entry: &str) -> (&str, Option<u16>) {
    if let Some((host, port)) = entry.rsplit_once(':')
        && (host.starts_with('[') || !host.contains(':'))
        && let Ok(port) = port.parse()
    {
        return (host, Some(port));
    }
    (entry, None)
}

/// Whether an address is globally routable (not loopback, private, link-local, CGNAT,
/// unique-local, documentation, multicast, …). The ECS metadata service 100.100.100.200 sits
/// in 100.64.0.0/10 and is refused with it. IPv6 ranges that tunnel to IPv4 (6to4, Teredo,
/// NAT64, IPv4-mapped/compatible) are refused outright: the IPv4 address inside could be
/// anything, so none of them is what an Alibaba Cloud endpoint resolves to.
pub fn is_public(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => is_public_v4(v4),
        IpAddr::V6(v6) => {
            if let Some(v4) = v6.to_ipv4_mapped() {
                return is_public_v4(v4);
            }
            let s = v6.segments();
            !(v6.is_loopback()
                || v6.is_unspecified()
                || v6.is_multicast()
                || (s[0] & 0xfe00) == 0xfc00 // unique local
                || (s[0] & 0xffc0) == 0xfe80 // link local
                || (s[0] & 0xffc0) == 0xfec0 // site local (deprecated)
                || (s[0] == 0x2001 && s[1] == 0x0db8) // documentation
                || (s[0] == 0x2001 && s[1] == 0x0000) // Teredo 2001::/32
                || s[0] == 0x2002 // 6to4 2002::/16
                || (s[0] == 0x0064 && s[1] == 0xff9b) // NAT64 64:ff9b::/96 and 64:ff9b:1::/48
                || s[..4] == [0x0100, 0, 0, 0] // discard-only 100::/64
                || s[..6] == [0, 0, 0, 0, 0, 0]) // IPv4-compatible
        }
    }
}

fn is_public_v4(ip: Ipv4Addr) -> bool {
    let [a, b, ..] = ip.octets();
    !(ip.is_loopback()
        || ip.is_private()
        || ip.is_link_local()
        || ip.is_unspecified()
        || ip.is_broadcast()
        || ip.is_multicast()
        || ip.is_documentation()
        || a == 0
        || (a == 100 && (64..128).contains(&b)) // CGNAT, incl. 100.100.100.200 (ECS metadata)
        || (a == 192 && b == 0)
        || (a == 198 && (18..20).contains(&b))
        || a >= 240)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(url: &str) -> &'static str {
        TargetPolicy::default().check(url).err().map_or("allowed", |r| r.code())
    }

    #[test]
    fn refusal_table() {
        let table = [
            ("https://ecs.cn-hangzhou.aliyuncs.com/?Action=DescribeRegions", "allowed"),
            ("https://ECS.CN-HANGZHOU.ALIYUNCS.COM./", "allowed"),
            ("http://ecs.cn-hangzhou.aliyuncs.com/", "scheme_not_allowed"),
            ("ftp://ecs.cn-hangzhou.aliyuncs.com/", "scheme_not_allowed"),
            ("https://aliyuncs.com/", "host_not_allowed"),
            ("https://evilaliyuncs.com/", "host_not_allowed"),
            ("https://aliyuncs.com.evil.example/", "host_not_allowed"),
            ("https://example.com/", "host_not_allowed"),
            ("https://user:pw@ecs.cn-hangzhou.aliyuncs.com/", "userinfo"),
            ("https://ecs.cn-hangzhou.aliyuncs.com@evil.example/", "userinfo"),
            ("https://127.0.0.1/", "ip_literal"),
            ("https://2130706433/", "ip_literal"),
            ("https://0177.0.0.1/", "ip_literal"),
            ("https://0x7f.1/", "ip_literal"),
            ("https://127.1/", "ip_literal"),
            ("https://[::1]/", "ip_literal"),
            ("https://[::ffff:127.0.0.1]/", "ip_literal"),
            ("https://100.100.100.200/latest/meta-data/", "ip_literal"),
            ("https://169.254.169.254/", "ip_literal"),
            ("https://10.0.0.1/", "ip_literal"),
            ("https://ecs.cn-hangzhou.aliyuncs.com:8443/", "port_not_allowed"),
            ("https://ecs.аliyuncs.com/", "host_not_allowed"), // Cyrillic а (IDN look-alike)
            ("https://xn--ecs-9cd.aliyuncs.com/", "host_not_allowed"),
            ("https://ecs.cn-hangzhou.aliyuncs.com../", "bad_url"),
            ("https://127.0.0.1./", "ip_literal"),
            ("not a url", "bad_url"),
        ];
        for (url, expected) in table {
            assert_eq!(refused(url), expected, "{url}");
        }
    }

    #[test]
    fn http_only_for_explicitly_allowed_test_hosts() {
        let policy = TargetPolicy {
            allowed_hosts: vec!["localhost:9000".into()],
            allow_http_upstream: true,
            ..Default::default()
        };
        assert!(policy.check("http://localhost:9000/x").is_ok());
        assert!(policy.check("http://LOCALHOST.:9000/x").is_ok());
        assert_eq!(policy.check("http://localhost:9001/x").unwrap_err().code(), "scheme_not_allowed");
        assert_eq!(
            TargetPolicy { allow_http_upstream: true, ..Default::default() }
                .check("http://ecs.cn-hangzhou.aliyuncs.com/")
                .unwrap_err()
                .code(),
            "scheme_not_allowed"
        );
    }

    #[test]
    fn non_public_addresses() {
        for ip in [
            "127.0.0.1",
            "10.1.2.3",
            "172.16.0.1",
            "192.168.1.1",
            "169.254.169.254",
            "100.100.100.200",
            "0.0.0.0",
            "::1",
            "fc00::1",
            "fe80::1",
            "::ffff:10.0.0.1",
            "224.0.0.1",
            "2002:7f00:1::1",      // 6to4 of 127.0.0.1
            "2002:a9fe:a9fe::1",   // 6to4 of 169.254.169.254
            "2001:0:4136:e378::1", // Teredo
            "100::1",              // discard-only
            "64:ff9b::a00:1",      // NAT64 of 10.0.0.1
        ] {
            assert!(!is_public(ip.parse().unwrap()), "{ip}");
        }
        for ip in ["47.96.1.1", "8.8.8.8", "2408:4000::1"] {
            assert!(is_public(ip.parse().unwrap()), "{ip}");
        }
    }

    /// Finding 4: `pub.aliyuncs.com.` is checked, resolved, pinned and sent as
    /// `pub.aliyuncs.com`; the canonical name is the URL's host.
    #[test]
    fn one_trailing_dot_is_stripped_and_the_url_carries_the_canonical_host() {
        let t = TargetPolicy::default().check("https://PUB.AliyunCS.com./?Action=X").unwrap();
        assert_eq!(t.host, "pub.aliyuncs.com");
        assert_eq!(t.url.host_str(), Some("pub.aliyuncs.com"));
        assert_eq!(t.url.as_str(), "https://pub.aliyuncs.com/?Action=X");
        // IDNA: a full-width or upper-case spelling ends up as the same name.
        let t = TargetPolicy::default().check("https://ｅｃｓ.aliyuncs.com/").unwrap();
        assert_eq!(t.host, "ecs.aliyuncs.com");
        for (raw, canonical) in
            [("Example.COM.", "example.com"), ("127.0.0.1.", "127.0.0.1"), ("0x7f.1", "127.0.0.1"), ("[::1]", "[::1]")]
        {
            assert_eq!(canonical_host(raw).unwrap().to_string(), canonical, "{raw}");
        }
        for bad in ["a..b", "a.com..", "."] {
            assert!(canonical_host(bad).is_err(), "{bad}");
        }
    }

    /// Finding 9: an IP literal named exactly with `--allow-host` is allowed; other ports and
    /// addresses are not; every refusal says which flag would allow it.
    #[test]
    fn allow_host_names_ip_literals_and_refusals_name_the_flag() {
        let policy = TargetPolicy {
            allowed_hosts: vec!["127.0.0.1:9090".into(), "[::1]:9091".into()],
            allow_http_upstream: true,
            ..Default::default()
        };
        let t = policy.check("http://127.0.0.1:9090/").unwrap();
        assert_eq!((t.ip, t.port, t.explicitly_allowed), (Some("127.0.0.1".parse().unwrap()), 9090, true));
        assert!(policy.check("http://[::1]:9091/").is_ok());
        let refused = policy.check("http://127.0.0.1:9091/").unwrap_err();
        assert_eq!(refused.code(), "scheme_not_allowed");
        assert!(
            refused.message().contains("--allow-host 127.0.0.1:9091 --allow-http-upstream"),
            "{}",
            refused.message()
        );
        let refused = TargetPolicy::default().check("https://127.0.0.1:9090/").unwrap_err();
        assert_eq!(refused.code(), "ip_literal");
        assert!(refused.message().contains("--allow-host 127.0.0.1:9090"), "{}", refused.message());
        for (url, flag) in [
            ("https://example.com/", "--allow-host example.com"),
            ("https://ecs.cn-hangzhou.aliyuncs.com:8443/", "--allow-host ecs.cn-hangzhou.aliyuncs.com:8443"),
            ("http://localhost:9000/", "--allow-host localhost:9000 --allow-http-upstream"),
        ] {
            let m = TargetPolicy::default().check(url).unwrap_err().message();
            assert!(m.contains(flag), "{url}: {m}");
        }
        assert!(Refusal::PrivateAddress("10.0.0.1".into()).message().contains("--allow-host"));
    }
}
