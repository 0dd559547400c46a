#!/usr/bin/env bash
# Builds the browser bundle into dist/: the wasm core (wasm-bindgen + wasm-opt), the embed
# component and the static pages. Prints the gzipped sizes against the budgets.
# Needs: the wasm32 target, wasm-bindgen-cli (same version as the crate), npm packages
# (`npm ci` installs binaryen's wasm-opt). scripts/setup.sh installs all of them.
set -euo pipefail
cd "$(dirname "$0")/.."

cargo build --quiet -p flowplay-wasm --target wasm32-unknown-unknown --profile wasm-release
rm -rf dist && mkdir -p dist/pkg
wasm-bindgen --target web --no-typescript --out-dir dist/pkg \
  target/wasm32-unknown-unknown/wasm-release/flowplay_wasm.wasm
node_modules/.bin/wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int \
  --enable-sign-ext --enable-reference-types --enable-mutable-globals --strip-debug --strip-producers \
  dist/pkg/flowplay_wasm_bg.wasm -o dist/pkg/flowplay_wasm_bg.wasm
cp -r static/. dist/

size() { printf '%-40s %8d bytes raw %8d bytes gzip\n' "$1" "$(wc -c < "$1")" "$(gzip -9 -c "$1" | wc -c)"; }
echo "sizes (budget: embed package ≤ 150 KB gzipped):"
size dist/pkg/flowplay_wasm_bg.wasm
size dist/pkg/flowplay_wasm.js
size dist/embed/cloudflow-lint.js
