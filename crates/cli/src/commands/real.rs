//! Real mode for `flowplay run --real`: the shared real-mode invoker (`flowplay-real`) with an
//! HTTP client as its transport. The secret stays in this process; the relay only sees the
//! signed request.

use std::future::Future;
use std::pin::Pin;
use std::time::{SystemTime, UNIX_EPOCH};

use flowplay_real::{RelayReply, Transport};

/// Posts envelopes to the relay with reqwest.
pub struct HttpTransport(pub reqwest::Client);

impl Transport for HttpTransport {
    fn post<'a>(
        &'a self,
        relay_url: &'a str,
        envelope: String,
    ) -> Pin<Box<dyn Future<Output = Result<RelayReply, String>> + 'a>> {
        Box::pin(async move {
            let response = self
                .0
                .post(relay_url)
                .header("content-type", "application/json")
                .body(envelope)
                .send()
                .await
                .map_err(|e| e.to_string())?;
            let status = response.status().as_u16();
            let body = response.text().await.unwrap_or_default();
            Ok(RelayReply::from_relay(status, &body))
        })
    }
}

/// Wall-clock epoch milliseconds.
pub fn now_ms() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_millis() as i64)
}
