//! Real mode in the browser: the credentials panel, and Tasks signed here in wasm and sent
//! through the relay with `fetch`. Credentials live in memory only, unless the user ticks
//! "remember in this tab" (then in sessionStorage, which ends with the tab); they are never
//! saved with the workspace, never in a permalink, never logged.

use std::collections::BTreeMap;
use std::future::Future;
use std::pin::Pin;

use flowplay_real::{RealConfig, RealInvoker, RelayReply, Transport};
use serde::{Deserialize, Serialize};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use yew::prelude::*;

/// sessionStorage key of remembered credentials.
const SESSION_KEY: &str = "flowplay.credentials.v1";
/// The relay of the serving origin (`flowplay serve`).
pub const DEFAULT_RELAY: &str = "api/relay";

/// The real-mode form.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct RealSettings {
    pub access_key_id: String,
    pub access_key_secret: String,
    pub security_token: String,
    pub region: String,
    pub relay_url: String,
    /// `SERVICE=URL` per line: send that service's calls elsewhere (a local emulator).
    pub endpoints: String,
    pub remember: bool,
    /// Refuse every call that writes (see `catalog::access`); otherwise ask once per run.
    #[serde(default)]
    pub read_only: bool,
}

impl RealSettings {
    pub fn initial() -> Self {
        load_remembered().unwrap_or_else(|| Self {
            region: "cn-hangzhou".into(),
            relay_url: DEFAULT_RELAY.into(),
            ..Self::default()
        })
    }
}

fn session() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

fn load_remembered() -> Option<RealSettings> {
    let text = session()?.get_item(SESSION_KEY).ok().flatten()?;
    serde_json::from_str(&text).ok()
}

/// Keeps the settings in sessionStorage when the user asked for it, and removes them otherwise.
pub fn remember(settings: &RealSettings) {
    let Some(s) = session() else { return };
    if settings.remember {
        if let Ok(text) = serde_json::to_string(settings) {
            let _ = s.set_item(SESSION_KEY, &text);
        }
    } else {
        let _ = s.remove_item(SESSION_KEY);
    }
}

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
            let window = web_sys::window().ok_or("no window")?;
            let init = web_sys::RequestInit::new();
            init.set_method("POST");
            init.set_body(&JsValue::from_str(&envelope));
            init.set_credentials(web_sys::RequestCredentials::Omit);
            let headers = web_sys::Headers::new().map_err(describe)?;
            headers.set("content-type", "application/json").map_err(describe)?;
            init.set_headers(&headers);
            let request = web_sys::Request::new_with_str_and_init(relay_url, &init).map_err(describe)?;
            let response: web_sys::Response = JsFuture::from(window.fetch_with_request(&request))
                .await
                .map_err(describe)?
                .dyn_into()
                .map_err(describe)?;
            let body = JsFuture::from(response.text().map_err(describe)?).await.map_err(describe)?;
            Ok(RelayReply::from_relay(response.status(), &body.as_string().unwrap_or_default()))
        })
    }
}

/// Who and where real calls go as, for the page: `region cn-hangzhou · AccessKey ID LTAI****abcd`.
pub fn identity(settings: &RealSettings) -> String {
    let region = if settings.region.trim().is_empty() { "cn-hangzhou" } else { settings.region.trim() };
    let id = if settings.access_key_id.trim().is_empty() {
        "(none yet)".to_owned()
    } else {
        flowplay_real::mask_access_key_id(&settings.access_key_id)
    };
    format!("region {region} · AccessKey ID {id}")
}

/// The question asked before the first write of a run (`window.confirm`: it must block the
/// call until answered, and a native dialog cannot be forged or clicked through by page content).
fn confirm_writes(identity: String, writes: Vec<String>) -> Box<dyn Fn() -> bool> {
    Box::new(move || {
        let message = format!(
            "This run is about to send a call that changes your account ({identity}).\n\nThe workflow writes: {}.\n\nSend writes for this run? Cancel refuses them (the Task fails with {}); reads still run.",
            writes.join(", "),
            flowplay_real::WRITE_REFUSED
        );
        web_sys::window().and_then(|w| w.confirm_with_message(&message).ok()).unwrap_or(false)
    })
}

/// The real-mode invoker for `settings`; `fallback` answers Tasks that are not OpenAPI calls.
/// Writes are refused (read-only) or asked for once per run, listing the writes of `flow`.
pub fn invoker(
    settings: RealSettings,
    fallback: engine::MockInvoker,
    flow: &fdl::model::Flow,
) -> Result<RealInvoker<FetchTransport>, String> {
    let writes = if settings.read_only {
        flowplay_real::WritePolicy::Refuse { hint: "untick \"Read-only\" to send it".into() }
    } else {
        flowplay_real::WritePolicy::Ask(confirm_writes(identity(&settings), flowplay_real::write_actions(flow)))
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
        region: if settings.region.trim().is_empty() { "cn-hangzhou".into() } else { settings.region },
        endpoints,
        now_ms,
    };
    Ok(RealInvoker::new(config, FetchTransport, Box::new(|f| crate::catalog_loader::with(f)), Box::new(fallback))
        .with_writes(writes))
}

#[derive(Properties, PartialEq)]
pub struct CredentialsPanelProps {
    pub settings: RealSettings,
    pub on_change: Callback<RealSettings>,
}

/// The credentials form of real mode.
#[function_component(CredentialsPanel)]
pub fn credentials_panel(props: &CredentialsPanelProps) -> Html {
    let field = |name: &'static str,
                 label: &'static str,
                 kind: &'static str,
                 value: &str,
                 set: fn(&mut RealSettings, String)| {
        let settings = props.settings.clone();
        let on_change = props.on_change.clone();
        let oninput = Callback::from(move |e: InputEvent| {
            let value = e
                .target_dyn_into::<web_sys::HtmlInputElement>()
                .map(|i| i.value())
                .or_else(|| e.target_dyn_into::<web_sys::HtmlTextAreaElement>().map(|t| t.value()))
                .unwrap_or_default();
            let mut next = settings.clone();
            set(&mut next, value);
            on_change.emit(next);
        });
        let input = if kind == "textarea" {
            html! { <textarea name={name} value={value.to_owned()} {oninput} spellcheck="false" placeholder="ECS=http://127.0.0.1:9000" /> }
        } else {
            html! { <input name={name} type={kind} value={value.to_owned()} {oninput} autocomplete="off" spellcheck="false" /> }
        };
        html! { <label class="field"><span>{ label }</span>{ input }</label> }
    };
    let s = &props.settings;
    let on_remember = {
        let settings = props.settings.clone();
        let on_change = props.on_change.clone();
        Callback::from(move |e: Event| {
            let checked = e.target_dyn_into::<web_sys::HtmlInputElement>().is_some_and(|i| i.checked());
            on_change.emit(RealSettings { remember: checked, ..settings.clone() });
        })
    };
    let on_read_only = {
        let settings = props.settings.clone();
        let on_change = props.on_change.clone();
        Callback::from(move |e: Event| {
            let checked = e.target_dyn_into::<web_sys::HtmlInputElement>().is_some_and(|i| i.checked());
            on_change.emit(RealSettings { read_only: checked, ..settings.clone() });
        })
    };
    html! {
        <div class="credentials">
            <label class="read-only"><input type="checkbox" name="read-only" checked={s.read_only} onchange={on_read_only} />{ " Read-only: refuse every call that writes (anything but Describe…, List…, Get…, Query…, Check…, Search…)" }</label>
            { field("access-key-id", "AccessKey ID", "text", &s.access_key_id, |s, v| s.access_key_id = v) }
            { field("access-key-secret", "AccessKey secret", "password", &s.access_key_secret, |s, v| s.access_key_secret = v) }
            { field("security-token", "STS token (optional)", "password", &s.security_token, |s, v| s.security_token = v) }
            { field("region", "Region", "text", &s.region, |s, v| s.region = v) }
            { field("relay-url", "Relay URL", "text", &s.relay_url, |s, v| s.relay_url = v) }
            { field("endpoints", "Endpoint overrides (SERVICE=URL per line)", "textarea", &s.endpoints, |s, v| s.endpoints = v) }
            <label class="remember"><input type="checkbox" name="remember" checked={s.remember} onchange={on_remember} />{ " Remember in this tab (sessionStorage; otherwise memory only)" }</label>
            <p class="muted">{ "Requests are signed here in the browser; the relay forwards the signed request and never sees the secret. Credentials are never saved with your work or put in a permalink." }</p>
        </div>
    }
}
