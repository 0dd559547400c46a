#!/usr/bin/env bash
# Sets up and starts flowplay on localhost (the README's first command).
# Until the browser playground lands, this builds the CLI and lints the bundled example.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
cargo build --release -p flowplay-cli
exec ./target/release/flowplay lint static/examples
