// The playground's entry module: a file rather than an inline script, so that the page's CSP
// allows no inline script at all (crates/relay/src/assets.rs). scripts/build-web.sh bundles it
// with wasm-bindgen's module (aliased as flowplay-web-app) into dist/app/main.js: one
// minified request instead of two.
import init from "flowplay-web-app";

// The run worker's script, started on the first run (web/src/run.rs reads this). Named here, in
// a file scripts/pack-web.mjs rewrites, because its content-hashed name is made after the build.
globalThis.flowplayRunWorker = new URL("./run-worker.js", import.meta.url).href;
init();
