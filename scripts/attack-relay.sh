#!/usr/bin/env bash
# Resource attacks (slowloris, idle-connection flood, slow bodies) against `flowplay serve` on
# loopback, bounded in time (about a minute): prints /api/health latency during each attack, the
# server's RSS before/peak/after and what happened to the attack connections.
# Usage: scripts/attack-relay.sh [SECONDS_PER_ATTACK]   (from the repository root)
#        ATTACK_PROFILE=release scripts/attack-relay.sh   (measure the release build of flowplay)
# The server starts with a soft limit of 1024 file descriptors (a common desktop default).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-12}"
port="${ATTACK_PORT:-18187}"

profile="${ATTACK_PROFILE:-debug}"
if [ "$profile" = release ]; then
  cargo build --quiet --release -p flowplay-cli
else
  cargo build --quiet -p flowplay-cli
fi
cargo build --quiet -p flowplay-relay --example attack_relay

log="$(mktemp)"
(ulimit -Sn 1024; exec "target/$profile/flowplay" serve --port "$port" --static-dir static) >"$log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true; rm -f "$log"' EXIT
for _ in $(seq 50); do
  grep -q "flowplay playground" "$log" && break
  sleep 0.1
done
timeout 300 target/debug/examples/attack_relay "127.0.0.1:$port" "$server" "$seconds"
