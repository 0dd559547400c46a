//! The editor content survives a reload: saved in localStorage (the workflow, input and mocks
//! only; never credentials).

use crate::permalink::Shared;

const KEY: &str = "flowplay.workspace.v1";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

pub fn load() -> Option<Shared> {
    let text = storage()?.get_item(KEY).ok().flatten()?;
    serde_json::from_str(&text).ok()
}

pub fn save(shared: &Shared) {
    if let (Some(s), Ok(text)) = (storage(), serde_json::to_string(shared)) {
        // Quota errors are not fatal: the editor keeps the text.
        let _ = s.set_item(KEY, &text);
    }
}
