// The playground's entry module: a file rather than an inline script, so that the page's CSP
// allows no inline script at all (crates/relay/src/assets.rs). scripts/build-web.sh bundles it
// with wasm-bindgen's module (aliased as flowplay-web-app) into dist/app/main.js: one
// minified request instead of two.
import init from "flowplay-web-app";
init();
