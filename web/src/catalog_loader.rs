//! The OpenAPI catalog in the browser, loaded lazily: the index once, then each product's
//! operations the first time a workflow uses that product (`dist/catalog/`, made by
//! scripts/build-web.sh from crates/catalog/data).

use std::cell::{OnceCell, RefCell};
use std::collections::HashSet;

use catalog::Catalog;
use fdl::model::{Flow, StateKind};

use crate::fetch;

thread_local! {
    static CATALOG: OnceCell<Catalog> = const { OnceCell::new() };
    static REQUESTED: RefCell<HashSet<String>> = RefCell::new(HashSet::new());
}

/// Runs `f` with the catalog when the index has been loaded.
pub fn with<R>(f: impl FnOnce(Option<&Catalog>) -> R) -> R {
    CATALOG.with(|c| f(c.get()))
}

/// Loads the index, then calls `done` (to re-lint). Without a catalog (static hosting without
/// `catalog/`), linting simply skips the FDL-A rules.
pub fn load_index(done: impl Fn() + 'static) {
    wasm_bindgen_futures::spawn_local(async move {
        if let Some(text) = fetch::text("catalog/index.json").await
            && let Ok(catalog) = Catalog::from_index(&text)
        {
            CATALOG.with(|c| {
                let _ = c.set(catalog);
            });
            done();
        }
    });
}

/// Fetches the operations of every product the flow's Tasks use that are not loaded yet, then
/// calls `done` once per product loaded.
pub fn load_products_for(flow: &Flow, done: impl Fn() + Clone + 'static) {
    let mut wanted: Vec<(String, String)> = Vec::new();
    with(|catalog| {
        let Some(catalog) = catalog else { return };
        fdl::model::visit::for_each_state(flow, &mut |state, _, _| {
            let StateKind::Task(task) = &state.kind else { return };
            let Some((service, _)) = task.service_and_operation() else { return };
            if let Some(p) = catalog.resolve(service)
                && catalog.operation_names(&p.code).is_empty()
                && !wanted.iter().any(|(c, _)| *c == p.code)
            {
                wanted.push((p.code.clone(), p.file.clone()));
            }
        });
    });
    for (code, file) in wanted {
        let fresh = REQUESTED.with(|r| r.borrow_mut().insert(code));
        if !fresh {
            continue;
        }
        let done = done.clone();
        wasm_bindgen_futures::spawn_local(async move {
            if let Some(text) = fetch::text(&format!("catalog/products/{file}")).await {
                let added = with(|c| c.map(|c| c.add_product(&text).is_ok()).unwrap_or(false));
                if added {
                    done();
                }
            }
        });
    }
}
