//! The browser APIs the page and the worker share, reached through whichever global scope the
//! code runs in (`window` on the page, `self` in the worker): fetch and a zero-delay timer.

use std::cell::RefCell;

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

thread_local! {
    /// The page's URL, which relative URLs are resolved against. In the worker it comes with
    /// each run: a worker would resolve them against its own script's URL (`app/…`).
    static BASE: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Resolves relative URLs against `page_url` from now on (in the worker).
pub fn set_base(page_url: &str) {
    BASE.with(|b| *b.borrow_mut() = Some(page_url.to_owned()));
}

/// `url` made absolute against the page's URL (unchanged when it is already absolute, or on the
/// page itself, where fetch resolves it so).
pub fn resolve(url: &str) -> String {
    BASE.with(|b| match &*b.borrow() {
        Some(base) => web_sys::Url::new_with_base(url, base).map(|u| u.href()).unwrap_or_else(|_| url.to_owned()),
        None => url.to_owned(),
    })
}

enum Scope {
    Window(web_sys::Window),
    Worker(web_sys::WorkerGlobalScope),
}

fn scope() -> Option<Scope> {
    let global = js_sys::global();
    if let Some(w) = global.dyn_ref::<web_sys::Window>() {
        return Some(Scope::Window(w.clone()));
    }
    global.dyn_into::<web_sys::WorkerGlobalScope>().ok().map(Scope::Worker)
}

/// `fetch(request)` in this scope.
pub async fn fetch(request: &web_sys::Request) -> Result<web_sys::Response, JsValue> {
    let promise = match scope().ok_or_else(|| JsValue::from_str("no global scope to fetch from"))? {
        Scope::Window(w) => w.fetch_with_request(request),
        Scope::Worker(w) => w.fetch_with_request(request),
    };
    JsFuture::from(promise).await?.dyn_into()
}

/// The text at `url` (relative to the page), or `None` on any failure: every caller can work
/// without the file (static hosting that leaves it out).
pub async fn text(url: &str) -> Option<String> {
    let request = web_sys::Request::new_with_str(&resolve(url)).ok()?;
    let response = fetch(&request).await.ok()?;
    if !response.ok() {
        return None;
    }
    JsFuture::from(response.text().ok()?).await.ok()?.as_string()
}

/// Resolves on the next turn of the event loop (a zero-delay timer): long work gives way to
/// painting on the page, and to the page's messages in the worker.
pub async fn next_turn() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let set = match scope() {
            Some(Scope::Window(w)) => w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0),
            Some(Scope::Worker(w)) => w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0),
            None => Err(JsValue::NULL),
        };
        if set.is_err() {
            let _ = resolve.call0(&JsValue::NULL);
        }
    });
    let _ = JsFuture::from(promise).await;
}
