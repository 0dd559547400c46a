//! Who may call `/api/*`, decided from the request head before any body is read: every other
//! web page the user has open is hostile.
//!
//! - `Host` must be an IP literal of this server (the bind address, or any address when bound to
//!   all interfaces; loopback always), `localhost`, or a name given with `--public-host`. A page
//!   on `evil.example` that re-resolves its name to 127.0.0.1 (DNS rebinding) sends
//!   `Host: evil.example` and is refused, as Jupyter and webpack-dev-server refuse it.
//! - `Origin`, when present, must be the serving origin (`http(s)://` + the accepted `Host`) or
//!   one given with `--cors-origin`. Browsers send it on every cross-origin request, on form
//!   posts and on `no-cors` fetches; the CLI sends none.
//! - `POST /api/relay` must be `Content-Type: application/json`, which no form can send and
//!   which makes a cross-origin `fetch` preflight first.

use std::net::IpAddr;

use axum::http::{HeaderMap, header};

use crate::target::{CanonicalHost, canonical_host, split_host_port};

/// Why a request was refused before its body was read.
#[derive(Debug, PartialEq, Eq)]
pub struct Refused {
    pub code: &'static str,
    pub message: String,
}

fn refused(code: &'static str, message: String) -> Refused {
    Refused { code, message }
}

/// The accepted names and origins, canonicalised once at start-up.
#[derive(Clone, Debug)]
pub struct Guard {
    bind: IpAddr,
    public_hosts: Vec<CanonicalHost>,
    cors_origins: Vec<String>,
}

impl Guard {
    /// Checks `--public-host` and `--cors-origin` values: a clear error for `null`, `*` or
    /// anything that is not a host name or an origin.
    pub fn new(bind: IpAddr, public_hosts: &[String], cors_origins: &[String]) -> Result<Self, String> {
        let public_hosts = public_hosts
            .iter()
            .map(|h| canonical_host(h.trim()).map_err(|e| format!("--public-host {h}: not a host name: {e}")))
            .collect::<Result<_, _>>()?;
        let cors_origins = cors_origins.iter().map(|o| cors_origin(o)).collect::<Result<_, _>>()?;
        Ok(Self { bind, public_hosts, cors_origins })
    }

    /// The origins allowed cross-origin (`--cors-origin`), normalised.
    pub fn cors_origins(&self) -> &[String] {
        &self.cors_origins
    }

    fn host_allowed(&self, host: &CanonicalHost) -> bool {
        match host {
            CanonicalHost::Ip(ip) => ip.is_loopback() || *ip == self.bind || self.bind.is_unspecified(),
            CanonicalHost::Domain(name) => name == "localhost" || self.public_hosts.contains(host),
        }
    }

    /// The `Host` and `Origin` checks, for every `/api/*` request.
    pub fn check(&self, headers: &HeaderMap) -> Result<(), Refused> {
        let host_header = headers.get(header::HOST).and_then(|h| h.to_str().ok()).unwrap_or("");
        let (name, _) = split_host_port(host_header);
        if !canonical_host(name).is_ok_and(|h| self.host_allowed(&h)) {
            return Err(refused(
                "host_not_allowed",
                format!(
                    "this relay answers only to its own address and localhost, not to Host `{host_header}` \
                     (to serve under a name: `flowplay serve --public-host NAME`)"
                ),
            ));
        }
        let Some(origin) = headers.get(header::ORIGIN) else { return Ok(()) };
        let origin = origin.to_str().unwrap_or("");
        let same =
            ["http://", "https://"].iter().any(|scheme| origin.eq_ignore_ascii_case(&format!("{scheme}{host_header}")));
        if same || self.cors_origins.iter().any(|o| o == origin) {
            return Ok(());
        }
        Err(refused(
            "origin_not_allowed",
            format!(
                "requests from the web page at `{origin}` are refused (to allow a page on another origin: \
                 `flowplay serve --cors-origin ORIGIN`)"
            ),
        ))
    }
}

/// `Content-Type: application/json` (parameters such as `charset` allowed), for `POST /api/relay`.
pub fn check_json(headers: &HeaderMap) -> Result<(), Refused> {
    let ct = headers.get(header::CONTENT_TYPE).and_then(|c| c.to_str().ok()).unwrap_or("");
    let media = ct.split(';').next().unwrap_or("").trim();
    if media.eq_ignore_ascii_case("application/json") {
        Ok(())
    } else {
        Err(refused("unsupported_media_type", format!("the relay takes `Content-Type: application/json`, not `{ct}`")))
    }
}

/// A `--cors-origin` value as browsers send it in `Origin`: `scheme://host[:port]`.
fn cors_origin(raw: &str) -> Result<String, String> {
    let trimmed = raw.trim();
    if trimmed == "*" || trimmed.eq_ignore_ascii_case("null") {
        return Err(format!(
            "--cors-origin {trimmed} would let any web page (or sandboxed frames and local files) use the relay; \
             name the origin of the page, e.g. --cors-origin http://localhost:5173"
        ));
    }
    let url = url::Url::parse(trimmed).map_err(|e| format!("--cors-origin {trimmed}: not an origin ({e})"))?;
    let origin = url.origin().ascii_serialization();
    let bare = url.path() == "/" && url.query().is_none() && url.fragment().is_none() && url.username().is_empty();
    if !matches!(url.scheme(), "http" | "https") || !bare || origin == "null" {
        return Err(format!(
            "--cors-origin {trimmed}: give an origin, scheme://host[:port], such as http://localhost:5173"
        ));
    }
    Ok(origin)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&str, &str)]) -> HeaderMap {
        pairs.iter().map(|(k, v)| (k.parse().unwrap(), v.parse().unwrap())).collect()
    }

    fn guard() -> Guard {
        Guard::new("127.0.0.1".parse().unwrap(), &["Flow.Example.".into()], &["http://localhost:5173".into()]).unwrap()
    }

    #[test]
    fn hosts_of_this_server_only() {
        let g = guard();
        for host in ["127.0.0.1:8080", "localhost:8080", "LOCALHOST", "[::1]:8080", "flow.example", "flow.example.:80"]
        {
            assert!(g.check(&headers(&[("host", host)])).is_ok(), "{host}");
        }
        for host in ["evil.example:8080", "127.0.0.1.evil.example", "10.0.0.1:8080", "", "localhost.evil"] {
            let e = g.check(&headers(&[("host", host)])).unwrap_err();
            assert_eq!(e.code, "host_not_allowed", "{host}");
            assert!(e.message.contains("--public-host"), "{}", e.message);
        }
        assert!(g.check(&HeaderMap::new()).is_err());
        let any = Guard::new("0.0.0.0".parse().unwrap(), &[], &[]).unwrap();
        assert!(any.check(&headers(&[("host", "192.168.1.20:8080")])).is_ok());
        assert!(any.check(&headers(&[("host", "rebind.evil.example:8080")])).is_err());
    }

    #[test]
    fn origins_same_or_named() {
        let g = guard();
        let h = |origin: &str| g.check(&headers(&[("host", "127.0.0.1:8080"), ("origin", origin)]));
        assert!(h("http://127.0.0.1:8080").is_ok());
        assert!(h("http://localhost:5173").is_ok());
        for origin in
            ["null", "http://evil.example", "http://127.0.0.1:8081", "http://localhost:8080", "https://localhost:5173"]
        {
            let e = h(origin).unwrap_err();
            assert_eq!(e.code, "origin_not_allowed", "{origin}");
            assert!(e.message.contains("--cors-origin"));
        }
        assert!(g.check(&headers(&[("host", "127.0.0.1:8080")])).is_ok(), "no Origin: the CLI");
    }

    #[test]
    fn json_only() {
        assert!(check_json(&headers(&[("content-type", "application/json")])).is_ok());
        assert!(check_json(&headers(&[("content-type", "Application/JSON; charset=utf-8")])).is_ok());
        for ct in
            ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/jsonx"]
        {
            assert_eq!(check_json(&headers(&[("content-type", ct)])).unwrap_err().code, "unsupported_media_type");
        }
        assert!(check_json(&HeaderMap::new()).is_err());
    }

    #[test]
    fn cors_origin_null_and_star_are_refused_at_start_up() {
        let bind = "127.0.0.1".parse().unwrap();
        for bad in ["null", "*", "NULL", "localhost:5173", "http://localhost:5173/app", "file:///tmp/x.html"] {
            let e = Guard::new(bind, &[], &[bad.into()]).unwrap_err();
            assert!(e.contains("--cors-origin"), "{bad}: {e}");
        }
        let g = Guard::new(bind, &[], &["HTTP://LocalHost:5173/".into()]).unwrap();
        assert_eq!(g.cors_origins(), ["http://localhost:5173"]);
        assert!(Guard::new(bind, &["bad host/".into()], &[]).is_err());
    }
}
