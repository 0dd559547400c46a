#!/usr/bin/env bash
# Builds the browser bundle into dist/: the wasm core (wasm-bindgen + wasm-opt), the embed
# component and the static pages, with content-hashed names and brotli/gzip copies
# (scripts/pack-web.mjs). Prints the compressed sizes against the budgets.
# Needs: the wasm32 target and rust-src, wasm-bindgen-cli (same version as the crate), npm
# packages (`npm ci` installs binaryen's wasm-opt). scripts/setup.sh installs all of them.
set -euo pipefail
cd "$(dirname "$0")/.."

# Three wasm builds: the full API package (dist/pkg), the lint-only embed package (dist/embed;
# built alone so that fdl's rule documentation and granit, the full YAML parser, stay out of it)
# and the playground (dist/app).
# For size (the embed budget): std is rebuilt with the profile (build-std, optimize_for_size) and
# panics are immediate-abort, i.e. a trap with no message formatting (−22 KB gzipped on the
# embed). A panic was already an abort (a trap, thrown to JS as a RuntimeError); the component
# shows it as an internal error. -Z flags on stable rustc via RUSTC_BOOTSTRAP (as scripts/fuzz.sh);
# needs rust-src (scripts/setup.sh). Own target dir, so the normal wasm32 builds keep theirs.
wasm_build() {
  RUSTC_BOOTSTRAP=1 RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort" CARGO_TARGET_DIR=target/wasm-bs \
    cargo build --quiet --target wasm32-unknown-unknown --profile wasm-release \
    -Z build-std=std,panic_abort -Z build-std-features=optimize_for_size "$@"
}
target=target/wasm-bs/wasm32-unknown-unknown/wasm-release
wasm_build -p flowplay-wasm --no-default-features
rm -rf dist target/embed-wasm && mkdir -p dist/pkg dist/app dist/embed target/embed-wasm
cp "$target/flowplay_wasm.wasm" target/embed-wasm/flowplay_wasm.wasm
wasm_build -p flowplay-wasm
# Built apart from the package: in one cargo invocation fdl's features would unify, and the
# package's `rule-docs` (which the playground fetches on first need) would be in its first load.
# The run worker (web/runner's binary) with it: the same fdl features as the page.
wasm_build -p flowplay-web -p flowplay-runner
opt() {
  node_modules/.bin/wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int \
    --enable-sign-ext --enable-reference-types --enable-mutable-globals --strip-debug --strip-producers "$@" -o "$1"
}
# The package: ES module + .wasm + .d.ts + package.json, usable from <script type="module">.
wasm-bindgen --target web --out-dir dist/pkg "$target/flowplay_wasm.wasm"
opt dist/pkg/flowplay_wasm_bg.wasm
version=$(cargo metadata --no-deps --format-version 1 | python3 -c 'import json,sys; print(next(p["version"] for p in json.load(sys.stdin)["packages"] if p["name"] == "flowplay-wasm"))')
sed "s/@VERSION@/$version/" static/pkg-template/package.json > dist/pkg/package.json
cp static/pkg-template/README.md dist/pkg/README.md
# The embed package: the lint-only build next to <cloudflow-lint>.
wasm-bindgen --target web --out-dir dist/embed target/embed-wasm/flowplay_wasm.wasm
# --converge: repeat -Oz until it stops shrinking (≈ −0.5 KB gzipped; the budget is tight).
opt dist/embed/flowplay_wasm_bg.wasm --converge
# The playground (Yew) and its CodeMirror editor bundle.
wasm-bindgen --target web --no-typescript --out-dir dist/app "$target/flowplay_web.wasm"
# --converge here too: −0.6 KB brotli toward the first-load budget.
opt dist/app/flowplay_web_bg.wasm --converge
# The run worker: the engine, loaded when a run is first wanted (not part of the first load).
wasm-bindgen --target web --no-typescript --out-dir dist/app "$target/flowplay_run_worker.wasm"
opt dist/app/flowplay_run_worker_bg.wasm
esbuild() { node_modules/.bin/esbuild --log-level=warning "$@"; }
# Scripts are bundled by esbuild and minified by terser (two compress passes: 3.7 KB less than
# esbuild's minifier on the editor after brotli, which the 450 KB first-load budget needs).
terser() { node_modules/.bin/terser "$1" --compress passes=2 --mangle --ecma 2020 "${@:2}" -o "$1"; }
# The entry module (web/js/main.js) and wasm-bindgen's glue in one file next to the wasm (the
# glue finds the wasm relative to its own URL).
esbuild web/js/main.js --bundle --format=esm --alias:flowplay-web-app="$PWD/dist/app/flowplay_web.js" --outfile=dist/app/main.js
rm dist/app/flowplay_web.js
terser dist/app/main.js --module
esbuild web/js/run-worker.js --bundle --format=esm --alias:flowplay-run-worker="$PWD/dist/app/flowplay_run_worker.js" --outfile=dist/app/run-worker.js
rm dist/app/flowplay_run_worker.js
terser dist/app/run-worker.js --module
# The editor, and its extras loaded on first focus (scripts/bundle-editor.mjs says how they share
# CodeMirror's core).
node scripts/bundle-editor.mjs dist
terser dist/editor.bundle.js
terser dist/editor-extras.js --module
cp -r static/. dist/ && rm -rf dist/pkg-template
# The embed's scripts minified, as the playground's are: its 150 KB budget counts them (the
# sources and cloudflow-lint.d.ts stay readable). −2 KB gzipped.
terser dist/embed/cloudflow-lint.js --module
terser dist/embed/flowplay_wasm.js --module
esbuild static/playground.css --minify --outfile=dist/playground.css
# The OpenAPI catalog, fetched lazily by the playground (index, then one product at a time).
mkdir -p dist/catalog && cp -r crates/catalog/data/index.json crates/catalog/data/products dist/catalog/

# The rule documentation for the playground (fetched on first need: web/src/rule_docs.rs), from
# the package's own rules(): one source, the rules' doc comments.
node scripts/rule-docs.mjs dist/pkg dist/rules.json

size() { printf '%-40s %8d bytes raw %8d bytes gzip\n' "$1" "$(wc -c < "$1")" "$(gzip -9 -c "$1" | wc -c)"; }
echo "full API package (dist/pkg):"
size dist/pkg/flowplay_wasm_bg.wasm
size dist/pkg/flowplay_wasm.js
echo "embed package (budget: ≤ 150 KB gzipped):"
embed=0
for f in dist/embed/flowplay_wasm_bg.wasm dist/embed/flowplay_wasm.js dist/embed/cloudflow-lint.js; do
  size "$f"
  embed=$((embed + $(gzip -9 -c "$f" | wc -c)))
done
echo "embed total: $embed bytes gzip"
# The budget is checked, not only printed: a table of function pointers once pulled the whole
# evaluator into the embed (+40 KB) and nobody saw it.
if [ "$embed" -gt 150000 ]; then
  echo "the embed package is $embed bytes gzipped, over its 150 KB budget" >&2
  exit 1
fi
# Content-hashed names for the playground's first-load files and precompressed (.br, .gz)
# copies of every file (prints the first load's sizes).
node scripts/pack-web.mjs dist
