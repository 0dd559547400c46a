//! How a signed request reaches the relay: the CLI posts with an HTTP client, the browser with
//! `fetch`.

use std::future::Future;
use std::pin::Pin;

/// The relay's answer: the upstream's status and body, or the relay's own refusal.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RelayReply {
    pub status: u16,
    /// Whether the reply is JSON (`Content-Type: application/json`).
    pub json: bool,
    pub body: String,
}

pub trait Transport {
    /// POSTs `envelope` (JSON text: method, url, headers, body) to the relay at `relay_url`.
    /// `Err` when the relay could not be reached at all.
    fn post<'a>(
        &'a self,
        relay_url: &'a str,
        envelope: String,
    ) -> Pin<Box<dyn Future<Output = Result<RelayReply, String>> + 'a>>;
}
