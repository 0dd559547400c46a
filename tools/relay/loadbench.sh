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

# Slow upstream: every answer takes 2 s. The relay runs with --max-concurrency 8 and gets 64
# concurrent requests: 8 wait on the upstream, the rest are refused at once with 503 `busy`,
# and the relay's own health endpoint keeps answering quickly during the storm.
SLOW=18183; GUARDED=18184
python3 - "$SLOW" <<'PYEOF' >/dev/null 2>&1 & SLOW_PID=$!
import sys, time
from http.server import ThreadingHTTPServer, BaseHTTPRequestHandler
class Slow(BaseHTTPRequestHandler):
    def do_GET(self):
        time.sleep(2)
        body = b'{"ok":true}'
        self.send_response(200); self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body))); self.end_headers(); self.wfile.write(body)
    def log_message(self, *args): pass
ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Slow).serve_forever()
PYEOF
$BIN serve --port $GUARDED --static-dir static --allow-host localhost:$SLOW --allow-http-upstream --rate-limit 100000 --max-concurrency 8 >/dev/null 2>&1 & GUARDED_PID=$!
trap 'kill $UP_PID $RELAY_PID $SLOW_PID $GUARDED_PID 2>/dev/null || true' EXIT
sleep 1
SLOWLUA=$(mktemp --suffix=.lua)
cat > "$SLOWLUA" <<LUAEOF
wrk.method = "POST"
wrk.body = '{"method":"GET","url":"http://localhost:$SLOW/slow"}'
wrk.headers["Content-Type"] = "application/json"
LUAEOF
grss() { awk '/VmRSS/ {print $2 " kB"}' /proc/$GUARDED_PID/status; }
echo "== slow upstream (2 s per answer) through a relay limited to 8 concurrent calls, 64 connections, ${SECS}s"
echo "guarded relay RSS before: $(grss)"
wrk -t2 -c64 -d"${SECS}s" --timeout 10s --latency -s "$SLOWLUA" "http://127.0.0.1:$GUARDED/api/relay" > target/wrk-slow.txt &
WRK_PID=$!
sleep 2
echo "-- /api/health of the guarded relay during the storm (5 s)"
wrk -t1 -c2 -d5s --latency "http://127.0.0.1:$GUARDED/api/health" | grep -E "Requests/sec|50%|99%|Non-2xx|errors" || true
wait $WRK_PID
grep -E "Requests/sec|50%|99%|Non-2xx|errors|requests in" target/wrk-slow.txt
echo "(non-2xx above are the relay's immediate 503 'busy' refusals beyond its 8 slots)"
echo "guarded relay RSS after: $(grss)"
