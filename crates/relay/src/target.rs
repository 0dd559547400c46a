//! Which upstream URLs the relay forwards to. Pure checks, no I/O: the relay is not an open
//! proxy, so every request is refused unless its URL is https, on port 443, to a host name in
//! the allow-list (`*.aliyuncs.com` by default), without userinfo or IP literals.

use std::net::{IpAddr, Ipv4Addr};

use url::{Host, Url};

/// Why a target was refused; `code()` is the JSON error code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal {
    BadUrl(String),
    Scheme(String),
    Userinfo,
    IpLiteral(String),
    Port(u16),
    HostNotAllowed(String),
    PrivateAddress(String),
}

impl Refusal {
    pub fn code(&self) -> &'static str {
        match self {
            Refusal::BadUrl(_) => "bad_url",
            Refusal::Scheme(_) => "scheme_not_allowed",
            Refusal::Userinfo => "userinfo",
            Refusal::IpLiteral(_) => "ip_literal",
            Refusal::Port(_) => "port_not_allowed",
            Refusal::HostNotAllowed(_) => "host_not_allowed",
            Refusal::PrivateAddress(_) => "private_address",
        }
    }

    pub fn message(&self) -> String {
        match self {
            Refusal::BadUrl(e) => format!("the url is not valid: {e}"),
            Refusal::Scheme(s) => format!("only https upstreams are allowed, not {s}"),
            Refusal::Userinfo => "urls with user:password@ are not allowed".into(),
            Refusal::IpLiteral(h) => {
                format!("IP addresses are not allowed as hosts ({h}); use the service's host name")
            }
            Refusal::Port(p) => format!("port {p} is not allowed; Alibaba Cloud endpoints use 443"),
            Refusal::HostNotAllowed(h) => {
                format!("{h} is not an allowed host (allowed: *.aliyuncs.com and hosts named with --allow-host)")
            }
            Refusal::PrivateAddress(a) => format!("the host resolves to a non-public address ({a})"),
        }
    }
}

/// The allow-list and the test-only switches.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TargetPolicy {
    /// Domain suffixes allowed with any subdomain, e.g. `aliyuncs.com`.
    pub allowed_suffixes: Vec<String>,
    /// Exact hosts allowed (`host` or `host:port`), given with `--allow-host` (tests).
    pub allowed_hosts: Vec<String>,
    /// Permit `http://` (and loopback addresses) for explicitly allowed hosts only (tests).
    pub allow_http_upstream: bool,
}

impl Default for TargetPolicy {
    fn default() -> Self {
        Self { allowed_suffixes: vec!["aliyuncs.com".into()], allowed_hosts: Vec::new(), allow_http_upstream: false }
    }
}

/// A checked target.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Target {
    pub url: Url,
    pub host: String,
    pub port: u16,
    /// Allowed explicitly by `--allow-host`: loopback/private addresses are then permitted.
    pub explicitly_allowed: bool,
}

impl TargetPolicy {
    pub fn check(&self, raw: &str) -> Result<Target, Refusal> {
        let url = Url::parse(raw).map_err(|e| Refusal::BadUrl(e.to_string()))?;
        if !url.username().is_empty() || url.password().is_some() {
            return Err(Refusal::Userinfo);
        }
        let host = match url.host() {
            None => return Err(Refusal::BadUrl("no host".into())),
            Some(Host::Ipv4(ip)) => return Err(Refusal::IpLiteral(ip.to_string())),
            Some(Host::Ipv6(ip)) => return Err(Refusal::IpLiteral(ip.to_string())),
            // The url crate has normalised the name: IDN to punycode (xn--), lower case, and
            // numeric spellings such as `2130706433` or `0x7f.1` to IPv4 above.
            Some(Host::Domain(d)) => d.trim_end_matches('.').to_ascii_lowercase(),
        };
        let port = url.port_or_known_default().unwrap_or(0);
        let host_port = format!("{host}:{port}");
        let explicitly_allowed =
            self.allowed_hosts.iter().any(|h| h.eq_ignore_ascii_case(&host) || h.eq_ignore_ascii_case(&host_port));
        match url.scheme() {
            "https" => {}
            "http" if self.allow_http_upstream && explicitly_allowed => {}
            other => return Err(Refusal::Scheme(other.to_owned())),
        }
        if !explicitly_allowed {
            let suffix_ok =
                self.allowed_suffixes.iter().any(|s| host.len() > s.len() + 1 && host.ends_with(&format!(".{s}")));
            if !suffix_ok || host.split('.').any(|label| label.starts_with("xn--")) {
                return Err(Refusal::HostNotAllowed(host));
            }
            if port != 443 {
                return Err(Refusal::Port(port));
            }
        }
        Ok(Target { url, host, port, explicitly_allowed })
    }
}

/// Whether an address is globally routable (not loopback, private, link-local, CGNAT,
/// unique-local, documentation, multicast, …). The ECS metadata service 100.100.100.200 sits
/// in 100.64.0.0/10 and is refused with it.
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
                || (s[0] == 0x2001 && s[1] == 0x0db8) // documentation
                || (s[0] == 0x0064 && s[1] == 0xff9b) // NAT64
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
        ] {
            assert!(!is_public(ip.parse().unwrap()), "{ip}");
        }
        for ip in ["47.96.1.1", "8.8.8.8", "2408:4000::1"] {
            assert!(is_public(ip.parse().unwrap()), "{ip}");
        }
    }
}
