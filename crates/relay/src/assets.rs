//! The built playground (`dist/`, made by scripts/build-web.sh) as `flowplay serve` serves it:
//! brotli or gzip variants made at build time, chosen by `Accept-Encoding`; caching decided by
//! the file name (content-hashed names are immutable, everything else is revalidated); and the
//! page's security headers (CSP without inline scripts and COOP on documents, CORP on all).
//!
//! Only canonical paths are served (see [`is_canonical`]): `//embed`, `/./x`, `/a/../b`,
//! backslashes and percent-encoded separators get a 404, so the one redirect there is
//! (a directory without its trailing slash, `/embed` → `/embed/`) always stays on this origin.

use std::path::Path;

use axum::Router;
use axum::extract::Request;
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use tower_http::services::ServeDir;

/// The page's policy. Scripts only from files of this origin (no `'unsafe-inline'`: the entry
/// module is a file, web/js/main.js); `'wasm-unsafe-eval'` lets the page compile its wasm.
/// Styles keep `'unsafe-inline'`: CodeMirror injects its theme as `<style>` elements.
pub const PAGE_CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; \
    style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; \
    frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/// Content-hashed files never change under their name: cached for a year without revalidation.
pub const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// Any other file (index.html, the lazily fetched catalog, the embed's stable entry points) is
/// revalidated on every use (a cheap 304 with `Last-Modified`), so a new build is seen at once.
pub const REVALIDATE: &str = "no-cache";

/// Longest path served; dist/ has nothing near it.
const MAX_PATH: usize = 512;

/// Serves `dir` with its precompressed variants and the headers above.
pub fn service(dir: &Path) -> Router {
    let files = ServeDir::new(dir).precompressed_br().precompressed_gzip();
    Router::new().fallback_service(files).layer(axum::middleware::from_fn(guard))
}

/// A path made only of segments of `[A-Za-z0-9_-][A-Za-z0-9._-]*` joined by single slashes
/// (a trailing slash allowed). This is every name dist/ has, and it excludes everything a
/// path trick needs: empty segments (`//host`), dot segments and dot files, `\`, `%`.
pub fn is_canonical(path: &str) -> bool {
    let Some(rest) = path.strip_prefix('/') else { return false };
    if path.len() > MAX_PATH {
        return false;
    }
    let rest = rest.strip_suffix('/').unwrap_or(rest);
    rest.is_empty()
        || rest.split('/').all(|segment| {
            let mut chars = segment.chars();
            chars.next().is_some_and(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
                && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
        })
}

/// `name.<16 hex digits>.ext`, as scripts/pack-web.mjs names the files it fingerprints.
pub fn is_fingerprinted(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or_default();
    let parts: Vec<&str> = name.split('.').collect();
    parts.len() >= 3
        && parts[parts.len() - 2].len() == 16
        && parts[parts.len() - 2].bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// The pages dist/ has: `index.html` files, served for `…/` too.
fn is_document(path: &str) -> bool {
    path.ends_with('/') || path.ends_with(".html")
}

/// The playground's run worker (`app/run-worker.<hash>.js`, scripts/build-web.sh). A worker
/// runs under the policy of its own script's response, not the page's: without the page's
/// policy it would get the router's `default-src 'none'`, which forbids fetching and compiling
/// its wasm.
fn is_worker_script(path: &str) -> bool {
    path.rsplit('/').next().is_some_and(|name| name.starts_with("run-worker.") && name.ends_with(".js"))
}

async fn guard(req: Request, next: Next) -> Response {
    let path = req.uri().path().to_owned();
    let query = req.uri().query().map(str::to_owned);
    let mut resp = if is_canonical(&path) { next.run(req).await } else { StatusCode::NOT_FOUND.into_response() };
    if resp.status().is_redirection() {
        // ServeDir's redirect of a directory to its trailing slash copies the request URI, which
        // in absolute form names a host; rebuilt from the checked path it is always same-origin.
        let location = match query {
            Some(q) => format!("{path}/?{q}"),
            None => format!("{path}/"),
        };
        match HeaderValue::from_str(&location) {
            Ok(v) => {
                resp.headers_mut().insert(header::LOCATION, v);
            }
            Err(_) => resp = StatusCode::NOT_FOUND.into_response(),
        }
    }
    // A 304 refreshes the stored headers, so it carries the same policy as the 200.
    let found = resp.status().is_success() || resp.status() == StatusCode::NOT_MODIFIED;
    let cache = if found && is_fingerprinted(&path) { IMMUTABLE } else { REVALIDATE };
    let h = resp.headers_mut();
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    // The body differs by Accept-Encoding (precompressed variants): caches must key on it.
    h.append(header::VARY, HeaderValue::from_static("accept-encoding"));
    // No other origin may load these files as no-cors subresources.
    h.insert("cross-origin-resource-policy", HeaderValue::from_static("same-origin"));
    // The page's policy and COOP only mean something on documents (and cost bytes on each of
    // the first load's requests); any other file gets the router's `sandbox` policy, so a JSON
    // or YAML file opened as a document runs nothing either.
    // Decided by the path, not the Content-Type: a 304 has none, and the browser merges a 304's
    // headers into the cached page (a sandbox policy there would break the page on reload).
    if is_worker_script(&path) {
        h.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(PAGE_CSP));
    }
    if is_document(&path) {
        h.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(PAGE_CSP));
        // No other window keeps a handle on the playground, which may hold credentials.
        h.insert("cross-origin-opener-policy", HeaderValue::from_static("same-origin"));
    }
    resp
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_run_worker_runs_under_the_page_policy_and_other_scripts_do_not_carry_it() {
        assert!(is_worker_script("/app/run-worker.0123456789abcdef.js"));
        assert!(is_worker_script("/app/run-worker.js"));
        for other in ["/app/main.0123456789abcdef.js", "/editor.bundle.js", "/app/run-worker.json", "/run-worker"] {
            assert!(!is_worker_script(other), "{other}");
        }
    }

    #[test]
    fn only_canonical_paths_are_served() {
        for ok in [
            "/",
            "/index.html",
            "/embed",
            "/embed/",
            "/app/flowplay_web.0123456789abcdef.js",
            "/catalog/products/ecs.json",
        ] {
            assert!(is_canonical(ok), "{ok}");
        }
        for bad in [
            "",
            "//embed",
            "//evil.example/",
            "/embed//",
            "/./index.html",
            "/a/../index.html",
            "/..",
            "/.git/config",
            "/%2fevil.example",
            "/%2e%2e/x",
            "/\\evil.example",
            "/embed\\",
            "/a b",
            "index.html",
        ] {
            assert!(!is_canonical(bad), "{bad:?}");
        }
        assert!(!is_canonical(&format!("/{}", "a".repeat(MAX_PATH))));
    }

    #[test]
    fn fingerprinted_names_are_recognised() {
        assert!(is_fingerprinted("/app/flowplay_web_bg.0123456789abcdef.wasm"));
        assert!(is_fingerprinted("/main.fedcba9876543210.js"));
        for not in [
            "/index.html",
            "/app/flowplay_web.js",
            "/main.0123456789ABCDEF.js",
            "/main.0123456789abcde.js",
            "/0123456789abcdef",
        ] {
            assert!(!is_fingerprinted(not), "{not}");
        }
    }
}
