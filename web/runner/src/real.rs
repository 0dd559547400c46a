//! Real mode in the browser: Tasks signed here in wasm and sent through the relay with `fetch`.
//! Credentials come with the run request and live in the worker's memory for the run only.

use std::collections::BTreeMap;
use std::future::Future;
use std::pin::Pin;

use flowplay_real::{RealConfig, RealInvoker, RelayReply, Transport};
use futures::future::LocalBoxFuture;
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;

use crate::protocol::RealSettings;
use crate::scope;

/// The relay of the serving origin (`flowplay serve`).
pub const DEFAULT_RELAY: &str = "api/relay";
/// The region used when the form leaves it blank.
const DEFAULT_REGION: &str = "cn-hangzhou";

fn now_ms() -> i64 {
    js_sys::Date::now() as i64
}

/// Posts envelopes to the relay with `fetch` (no cookies: the relay needs none).
pub struct FetchTransport;

impl Transport for FetchTransport {
    fn post<'a>(
        &'a self,
        relay_url: &'a str,
        envelope: String,
    ) -> Pin<Box<dyn Future<Output = Result<RelayReply, String>> + 'a>> {
        Box::pin(async move {
            let describe = |e: JsValue| e.as_string().unwrap_or_else(|| format!("{e:?}"));
            let init = web_sys::RequestInit::new();
            init.set_method("POST");
            init.set_body(&JsValue::from_str(&envelope));
            init.set_credentials(web_sys::RequestCredentials::Omit);
            let headers = web_sys::Headers::new().map_err(describe)?;
            headers.set("content-type", "application/json").map_err(describe)?;
            init.set_headers(&headers);
            let request =
                web_sys::Request::new_with_str_and_init(&scope::resolve(relay_url), &init).map_err(describe)?;
            let response = scope::fetch(&request).await.map_err(describe)?;
            let body = JsFuture::from(response.text().map_err(describe)?).await.map_err(describe)?;
            Ok(RelayReply::from_relay(response.status(), &body.as_string().unwrap_or_default()))
        })
    }
}

/// Who and where real calls go as, for the page: `region cn-hangzhou · AccessKey ID LTAI****abcd`.
pub fn identity(settings: &RealSettings) -> String {
    let region = if settings.region.trim().is_empty() { DEFAULT_REGION } else { settings.region.trim() };
    let id = if settings.access_key_id.trim().is_empty() {
        "(none yet)".to_owned()
    } else {
        flowplay_real::mask_access_key_id(&settings.access_key_id)
    };
    format!("region {region} · AccessKey ID {id}")
}

/// The question asked before the first write of a run.
pub fn writes_question(settings: &RealSettings, writes: &[String]) -> String {
    format!(
        "This run is about to send a call that changes your account ({}).\n\nThe workflow writes: {}.\n\nSend writes for this run? Cancel refuses them (the Task fails with {}); reads still run.",
        identity(settings),
        writes.join(", "),
        flowplay_real::WRITE_REFUSED
    )
}

/// The real-mode invoker for `settings`; `fallback` answers Tasks that are not OpenAPI calls.
/// Writes are refused (read-only) or asked for once per run with `ask`, which gets the question
/// ([`writes_question`], listing the workflow's `writes`).
pub fn invoker(
    settings: RealSettings,
    fallback: engine::MockInvoker,
    writes: &[String],
    ask: impl Fn(String) -> LocalBoxFuture<'static, bool> + 'static,
) -> Result<RealInvoker<FetchTransport>, String> {
    let writes = if settings.read_only {
        flowplay_real::WritePolicy::Refuse { hint: "untick \"Read-only\" to send it".into() }
    } else {
        let question = writes_question(&settings, writes);
        flowplay_real::WritePolicy::Ask(Box::new(move || ask(question.clone())))
    };
    if settings.access_key_id.trim().is_empty() || settings.access_key_secret.is_empty() {
        return Err("real mode needs an AccessKey ID and secret (or switch back to mock mode)".into());
    }
    let mut endpoints = BTreeMap::new();
    for line in settings.endpoints.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let Some((service, url)) = line.split_once('=') else {
            return Err(format!("endpoint overrides are SERVICE=URL per line, got `{line}`"));
        };
        endpoints.insert(service.trim().to_ascii_uppercase(), url.trim().trim_end_matches('/').to_owned());
    }
    let relay_url = if settings.relay_url.trim().is_empty() { DEFAULT_RELAY.to_owned() } else { settings.relay_url };
    let config = RealConfig {
        relay_url,
        credentials: acs::Credentials {
            access_key_id: settings.access_key_id.trim().to_owned(),
            access_key_secret: settings.access_key_secret,
            security_token: Some(settings.security_token).filter(|t| !t.is_empty()),
        },
        region: if settings.region.trim().is_empty() { DEFAULT_REGION.into() } else { settings.region },
        endpoints,
        now_ms,
    };
    Ok(RealInvoker::new(config, FetchTransport, Box::new(|f| crate::catalog_loader::with(f)), Box::new(fallback))
        .with_writes(writes))
}
