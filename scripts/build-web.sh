#!/usr/bin/env bash
# Builds the browser bundle into dist/: the wasm core (wasm-bindgen + wasm-opt), the embed
# component and the static pages. Prints the gzipped sizes against the budgets.
# Needs: the wasm32 target, wasm-bindgen-cli (same version as the crate), npm packages
# (`npm ci` installs binaryen's wasm-opt). scripts/setup.sh installs all of them.
set -euo pipefail
cd "$(dirname "$0")/.."

cargo build --quiet -p flowplay-wasm -p flowplay-web --target wasm32-unknown-unknown --profile wasm-release
rm -rf dist && mkdir -p dist/pkg dist/app
opt() {
  node_modules/.bin/wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int \
    --enable-sign-ext --enable-reference-types --enable-mutable-globals --strip-debug --strip-producers "$1" -o "$1"
}
# The embed package (lint API + <cloudflow-lint>).
wasm-bindgen --target web --no-typescript --out-dir dist/pkg target/wasm32-unknown-unknown/wasm-release/flowplay_wasm.wasm
opt dist/pkg/flowplay_wasm_bg.wasm
# The playground (Yew) and its CodeMirror editor bundle.
wasm-bindgen --target web --no-typescript --out-dir dist/app target/wasm32-unknown-unknown/wasm-release/flowplay_web.wasm
opt dist/app/flowplay_web_bg.wasm
node_modules/.bin/esbuild web/js/editor.js --bundle --format=iife --minify --log-level=warning --outfile=dist/editor.bundle.js
cp -r static/. dist/
# The OpenAPI catalog, fetched lazily by the playground (index, then one product at a time).
mkdir -p dist/catalog && cp -r crates/catalog/data/index.json crates/catalog/data/products dist/catalog/

size() { printf '%-40s %8d bytes raw %8d bytes gzip\n' "$1" "$(wc -c < "$1")" "$(gzip -9 -c "$1" | wc -c)"; }
echo "sizes (budget: embed package ≤ 150 KB gzipped):"
size dist/pkg/flowplay_wasm_bg.wasm
size dist/pkg/flowplay_wasm.js
size dist/embed/cloudflow-lint.js
echo "playground first load (budget ≤ 700 KB gzipped):"
size dist/app/flowplay_web_bg.wasm
size dist/app/flowplay_web.js
size dist/editor.bundle.js
size dist/playground.css
total=0
for f in dist/app/flowplay_web_bg.wasm dist/app/flowplay_web.js dist/editor.bundle.js dist/playground.css dist/index.html; do
  total=$((total + $(gzip -9 -c "$f" | wc -c)))
done
echo "playground total: $total bytes gzip"
