//! Permalinks: the workflow, input and settings, deflated and Base64url-encoded into the URL
//! fragment (`#v1.<data>`), so nothing is sent to a server. Credentials are never part of it:
//! `Shared` has no field that could hold them.
//!
//! Deflating is the browser's (CompressionStream, web/js/deflate.js) and asynchronous; inflating
//! is miniz_oxide's inflater, synchronous, since a permalink is read before the first render. The
//! deflater stays out of the wasm (≈3 KB brotli of the first load; issue 14's budget).

use base64::Engine as _;
use serde::{Deserialize, Serialize};

/// What a permalink restores.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Shared {
    pub workflow: String,
    #[serde(default)]
    pub input: String,
    #[serde(default)]
    pub mocks: String,
    #[serde(default)]
    pub express: bool,
}

const PREFIX: &str = "v1.";
/// Refuse fragments that would inflate past this (a permalink is never this large).
const MAX_INFLATED_BYTES: usize = 2 * 1024 * 1024;

#[cfg(target_arch = "wasm32")]
mod browser {
    use wasm_bindgen::prelude::*;

    #[wasm_bindgen(module = "/js/deflate.js")]
    extern "C" {
        #[wasm_bindgen(js_name = deflateRaw, catch)]
        pub async fn deflate_raw(bytes: &[u8]) -> Result<JsValue, JsValue>;
    }
}

/// The permalink fragment of `shared` (without `#`), or `None` if the browser cannot compress.
#[cfg(target_arch = "wasm32")]
pub async fn encode(shared: &Shared) -> Option<String> {
    let json = serde_json::to_vec(shared).unwrap_or_default();
    let deflated = browser::deflate_raw(&json).await.ok()?;
    Some(wrap(&js_sys::Uint8Array::new(&deflated).to_vec()))
}

/// Natively (the unit tests) miniz deflates, as the browser does: raw DEFLATE.
#[cfg(not(target_arch = "wasm32"))]
pub async fn encode(shared: &Shared) -> Option<String> {
    let json = serde_json::to_vec(shared).unwrap_or_default();
    Some(wrap(&miniz_oxide::deflate::compress_to_vec(&json, 9)))
}

/// The fragment for already deflated (raw DEFLATE) JSON.
fn wrap(deflated: &[u8]) -> String {
    format!("{PREFIX}{}", base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(deflated))
}

/// Decodes a fragment (without the leading `#`). The error says what is wrong in words a user
/// understands; the caller keeps the saved work when it fails.
pub fn decode(fragment: &str) -> Result<Shared, String> {
    let data = fragment.strip_prefix(PREFIX).ok_or("this link is not a flowplay permalink (unknown format)")?;
    let deflated = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(data.trim_end_matches('='))
        .map_err(|_| "this permalink is damaged (it is not valid Base64); was it cut off when copied?".to_owned())?;
    let json = miniz_oxide::inflate::decompress_to_vec_with_limit(&deflated, MAX_INFLATED_BYTES)
        .map_err(|_| "this permalink is damaged or truncated (it does not decompress)".to_owned())?;
    serde_json::from_slice(&json).map_err(|e| format!("this permalink is damaged (its content is not valid: {e})"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn encode(shared: &Shared) -> String {
        futures::executor::block_on(super::encode(shared)).unwrap()
    }

    #[test]
    fn round_trip_keeps_everything() {
        let shared = Shared {
            workflow: "Type: StateMachine\nName: 调用\n".into(),
            input: "{\"a\":1}".into(),
            mocks: String::new(),
            express: true,
        };
        assert_eq!(decode(&encode(&shared)).unwrap(), shared);
    }

    #[test]
    fn damaged_links_give_clear_errors() {
        assert!(decode("x").unwrap_err().contains("not a flowplay permalink"));
        assert!(decode("v1.@@@").unwrap_err().contains("not valid Base64"));
        let good = encode(&Shared::default());
        assert!(decode(&good[..good.len() - 4]).is_err());
    }

    #[test]
    fn credentials_cannot_enter_a_permalink() {
        // The shape has no place for them; a field added later must be reviewed here.
        let json = serde_json::to_value(Shared::default()).unwrap();
        let keys: Vec<&String> = json.as_object().unwrap().keys().collect();
        assert_eq!(keys, ["workflow", "input", "mocks", "express"]);
    }
}
