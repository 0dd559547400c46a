//! The OpenAPI catalog in the browser, loaded lazily: the index once, then each product's
//! operations the first time a workflow uses that product (`dist/catalog/`, made by
//! scripts/build-web.sh from crates/catalog/data). The page and the run worker each keep their
//! own copy (they share no memory); the worker's requests are answered by the HTTP cache.

use std::cell::{OnceCell, RefCell};
use std::collections::HashSet;

use catalog::Catalog;
use fdl::model::{Document, StateKind, StepKind, StepList};

use crate::scope;

thread_local! {
    static CATALOG: OnceCell<Catalog> = const { OnceCell::new() };
    static REQUESTED: RefCell<HashSet<String>> = RefCell::new(HashSet::new());
}

/// Runs `f` with the catalog when the index has been loaded.
pub fn with<R>(f: impl FnOnce(Option<&Catalog>) -> R) -> R {
    CATALOG.with(|c| f(c.get()))
}

/// Loads the index unless it is loaded; whether it is now. Without a catalog (static hosting
/// without `catalog/`), linting simply skips the FDL-A rules.
pub async fn ensure_index() -> bool {
    if with(|c| c.is_some()) {
        return true;
    }
    if let Some(text) = scope::text("catalog/index.json").await
        && let Ok(catalog) = Catalog::from_index(&text)
    {
        CATALOG.with(|c| {
            let _ = c.set(catalog);
        });
    }
    with(|c| c.is_some())
}

/// Loads the index, then calls `done` (to re-lint).
pub fn load_index(done: impl Fn() + 'static) {
    wasm_bindgen_futures::spawn_local(async move {
        if ensure_index().await {
            done();
        }
    });
}

/// The services a workflow's tasks call: `Action: Service:Operation` (current dialect), or
/// `action: service:Operation` (legacy).
fn services(document: &Document) -> Vec<String> {
    fn legacy(list: &StepList, out: &mut Vec<String>) {
        for step in &list.steps {
            if let StepKind::Task(task) = &step.kind
                && let Some((service, _)) = task.action.as_ref().and_then(|a| a.value.split_once(':'))
            {
                out.push(service.to_owned());
            }
            for child in step.child_lists() {
                legacy(child, out);
            }
        }
    }
    let mut out = Vec::new();
    match document {
        Document::Current(flow) => fdl::model::visit::for_each_state(flow, &mut |state, _, _| {
            if let StateKind::Task(task) = &state.kind
                && let Some((service, _)) = task.service_and_operation()
            {
                out.push(service.to_owned());
            }
        }),
        Document::Legacy(flow) => legacy(&flow.steps, &mut out),
    }
    out
}

/// The products the workflow's tasks use that are not loaded nor requested yet, as (code,
/// file); they are marked requested.
fn claim_missing_products(document: &Document) -> Vec<(String, String)> {
    let mut wanted: Vec<(String, String)> = Vec::new();
    let services = services(document);
    with(|catalog| {
        let Some(catalog) = catalog else { return };
        for service in &services {
            if let Some(p) = catalog.resolve(service)
                && catalog.operation_names(&p.code).is_empty()
                && !wanted.iter().any(|(c, _)| *c == p.code)
            {
                wanted.push((p.code.clone(), p.file.clone()));
            }
        }
    });
    wanted.retain(|(code, _)| REQUESTED.with(|r| r.borrow_mut().insert(code.clone())));
    wanted
}

/// Fetches one product's operations; whether they were added.
async fn load_product(file: &str) -> bool {
    match scope::text(&format!("catalog/products/{file}")).await {
        Some(text) => with(|c| c.is_some_and(|c| c.add_product(&text).is_ok())),
        None => false,
    }
}

/// Fetches the operations of every product the workflow's tasks use that are not loaded yet,
/// then calls `done` once per product loaded.
pub fn load_products_for(document: &Document, done: impl Fn() + Clone + 'static) {
    for (_, file) in claim_missing_products(document) {
        let done = done.clone();
        wasm_bindgen_futures::spawn_local(async move {
            if load_product(&file).await {
                done();
            }
        });
    }
}

/// Loads the index and every product the workflow uses, and returns once they are in (or
/// failed).
pub async fn ensure_products_for(document: &Document) {
    if !ensure_index().await {
        return;
    }
    for (_, file) in claim_missing_products(document) {
        load_product(&file).await;
    }
}
