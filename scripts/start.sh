#!/usr/bin/env bash
# Sets up and starts the flowplay playground on http://127.0.0.1:8080 (the README's first command).
# Mock mode is the default; nothing leaves the browser.
set -euo pipefail
cd "$(dirname "$0")/.."
FLOWPLAY_SKIP_BROWSER=1 scripts/setup.sh
scripts/build-web.sh
PORT="${PORT:-8080}"
if cargo run --quiet --release -p flowplay-cli -- serve --help 2>/dev/null | grep -q -- --static-dir; then
  exec cargo run --quiet --release -p flowplay-cli -- serve --port "$PORT" --static-dir dist
fi
# Until the relay lands, serve the static playground (mock mode needs no relay).
echo "flowplay playground: http://127.0.0.1:$PORT/"
exec python3 -m http.server --bind 127.0.0.1 --directory dist "$PORT"
