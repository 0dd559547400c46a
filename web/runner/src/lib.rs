//! The playground's runs, in a Web Worker, and what the page and the worker share.
//!
//! - [`protocol`]: the messages between the page and the worker (the page links only this, and
//!   the engine's result types it shows, so the interpreter stays out of the page's first load);
//! - [`worker`]: the worker's run loop (the `flowplay_run_worker` binary is its wasm entry);
//! - [`real`]: real mode's signed calls through the relay;
//! - [`catalog_loader`] and [`scope`]: the lazily loaded catalog and the browser APIs both sides
//!   use, from whichever global scope they run in;
//! - [`with_linter`]: the one linter configuration of the page's diagnostics and of the check
//!   before a run.

pub mod catalog_loader;
pub mod protocol;
pub mod real;
pub mod scope;
pub mod worker;

/// Calls `f` with the playground's linter: the chosen execution mode, and the OpenAPI catalog
/// once its index is loaded (FDL-A rules). The catalog is only borrowed meanwhile.
pub fn with_linter<R>(express: bool, f: impl FnOnce(fdl::Linter<'_>) -> R) -> R {
    let mut config = fdl::LintConfig::default();
    if express {
        config.execution_mode = fdl::lint::ExecutionMode::Express;
    }
    catalog_loader::with(|c| f(fdl::Linter::new(config).with_catalog(c.map(|c| c as &dyn fdl::lint::ApiCatalog))))
}
