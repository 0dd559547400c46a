#!/usr/bin/env bash
# Installs what building and testing flowplay needs on a fresh machine (idempotent):
# the wasm32 target and rust-src, wasm-bindgen-cli matching the crate, npm packages,
# Chromium for browser tests and Neovim for the language server's editor test.
set -euo pipefail
cd "$(dirname "$0")/.."

WASM_BINDGEN_VERSION=0.2.130   # keep equal to the `wasm-bindgen = "=…"` pin in crates/wasm

rustup target add wasm32-unknown-unknown >/dev/null
rustup component add rustfmt clippy >/dev/null 2>&1 || true
# rust-src: scripts/build-web.sh rebuilds std for the wasm packages (build-std, size budget).
rustup component add rust-src >/dev/null
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$WASM_BINDGEN_VERSION" ]; then
  # --locked fails here (its lock names a crate version the registry lacks; toolchain.md).
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
fi
if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -x node_modules/.bin/terser ] || [ ! -d node_modules/playwright-core ] || [ ! -d node_modules/axe-core ]; then
  npm install --no-audit --no-fund
fi
if [ "${FLOWPLAY_SKIP_BROWSER:-}" != 1 ] && ! command -v chromium >/dev/null; then
  if [ "$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium chromium-driver >/dev/null;
  else sudo apt-get update -qq && sudo apt-get install -y -qq chromium chromium-driver >/dev/null; fi
fi
# Neovim: the language server's test in a real editor (tests/editors/run-neovim.sh).
if ! command -v nvim >/dev/null; then
  if [ "$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq neovim >/dev/null;
  else sudo apt-get update -qq && sudo apt-get install -y -qq neovim >/dev/null; fi
fi
