#!/usr/bin/env bash
# Relay load benchmark on loopback only: wrk against an upstream directly and through the relay,
# at a fixed concurrency for a bounded time; prints throughput, latency percentiles, the added
# p99 and the relay's RSS before and after. Budget (design.md): p99 added < 2 ms at 500 req/s.
# wrk has no rate control: each connection sleeps CONNECTIONS*1000/RATE ms between requests
# (wrk's lua delay()), which holds the offered load near RATE.
# Usage: tools/relay/loadbench.sh [SECONDS=20] [CONNECTIONS=4] [RATE=500]
set -euo pipefail
cd "$(dirname "$0")/../.."
SECS="${1:-20}"; CONN="${2:-4}"; RATE="${3:-500}"
DELAY=$(( CONN * 1000 / RATE ))
command -v wrk >/dev/null || apt-get install -y -qq wrk >/dev/null
cargo build --quiet --release -p flowplay-cli
BIN=target/release/flowplay
UP=18181; RELAY=18182
$BIN serve --port $UP --static-dir static >/dev/null 2>&1 & UP_PID=$!
$BIN serve --port $RELAY --static-dir static --allow-host localhost:$UP --allow-http-upstream --rate-limit 100000 --max-concurrency 256 >/dev/null 2>&1 & RELAY_PID=$!
trap 'kill $UP_PID $RELAY_PID 2>/dev/null || true' EXIT
sleep 1
rss() { awk '/VmRSS/ {print $2 " kB"}' /proc/$RELAY_PID/status; }
PACE=$(mktemp --suffix=.lua)
echo "function delay() return $DELAY end" > "$PACE"
LUA=$(mktemp --suffix=.lua)
cat > "$LUA" <<LUAEOF
function delay() return $DELAY end
wrk.method = "POST"
wrk.body = '{"method":"GET","url":"http://localhost:$UP/api/health"}'
wrk.headers["Content-Type"] = "application/json"
LUAEOF
echo "relay RSS before: $(rss)"
echo "== direct: GET /api/health (${SECS}s, $CONN connections, ~$RATE req/s)"
wrk -t2 -c"$CONN" -d"${SECS}s" --latency -s "$PACE" "http://127.0.0.1:$UP/api/health" | tee target/wrk-direct.txt | grep -E "Requests/sec|50%|90%|99%|Non-2xx|errors"
echo "== through the relay: POST /api/relay (~$RATE req/s)"
wrk -t2 -c"$CONN" -d"${SECS}s" --latency -s "$LUA" "http://127.0.0.1:$RELAY/api/relay" | tee target/wrk-relay.txt | grep -E "Requests/sec|50%|90%|99%|Non-2xx|errors"
echo "relay RSS after: $(rss)"
p99() { awk '/ 99%/ {v=$2; if (v ~ /us$/) {sub(/us/,"",v); v=v/1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v=v*1000}; print v}' "$1"; }
echo "added p99 latency: $(awk -v a="$(p99 target/wrk-relay.txt)" -v b="$(p99 target/wrk-direct.txt)" 'BEGIN {printf "%.3f ms", a-b}')"
