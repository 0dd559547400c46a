//! Real mode on the page: the credentials form. Tasks are signed in the run worker
//! (`flowplay_runner::real`) and sent through the relay. Credentials live in memory only, unless
//! the user ticks "remember in this tab" (then in sessionStorage, which ends with the tab); they
//! are never saved with the workspace, never in a permalink, never logged.

pub use flowplay_runner::protocol::RealSettings;
use flowplay_runner::real::DEFAULT_RELAY;
pub use flowplay_runner::real::identity;
use yew::prelude::*;

/// sessionStorage key of remembered credentials.
const SESSION_KEY: &str = "flowplay.credentials.v1";

/// The form as the page opens: remembered in this tab, or blank with the defaults.
pub fn initial_settings() -> RealSettings {
    load_remembered().unwrap_or_else(|| RealSettings {
        region: "cn-hangzhou".into(),
        relay_url: DEFAULT_RELAY.into(),
        ..RealSettings::default()
    })
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
