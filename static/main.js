// The playground's entry module: a file rather than an inline script, so that the page's CSP
// allows no inline script at all (crates/relay/src/assets.rs). scripts/pack-web.mjs rewrites
// the import to the content-hashed name.
import init from "./app/flowplay_web.js";
init();
