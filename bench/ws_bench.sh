#!/usr/bin/env bash
# WebSocket fan-out: N clients (default 5,000) receive a 1 Hz message; prints
# the delivery latency percentiles (target p99 < 100 ms) and lost connections.
#
#   bench/ws_bench.sh                          # against bench/ws_fanout_server (started here)
#   bench/ws_bench.sh ws://127.0.0.1:8080/ws "Cookie: sid=..."   # a running callcenter serve
#
# Env: BUILD (build/release), CLIENTS (5000), SECONDS_ (30), THREADS (server io
# threads, 1), SIZE (message bytes, 1024), CLIENT_THREADS (load client io threads, 1), SERVER_CPU (0), CLIENT_CPU (1).
set -euo pipefail
BUILD=${BUILD:-build/release}
CLIENTS=${CLIENTS:-5000}
SECONDS_=${SECONDS_:-30}
THREADS=${THREADS:-1}
SIZE=${SIZE:-1024}
SERVER_CPU=${SERVER_CPU:-0}
CLIENT_CPU=${CLIENT_CPU:-1}
pid=""
cleanup() { [[ -n $pid ]] && kill "$pid" 2>/dev/null || true; }
trap cleanup EXIT

if [[ $# -ge 1 ]]; then
  url=$1
  shift
else
  ulimit -n "$((CLIENTS + 1024))" 2>/dev/null || ulimit -n "$(ulimit -Hn)"
  out=$(mktemp)
  taskset -c "$SERVER_CPU" "$BUILD/bench/ws_fanout_server" --port 0 --threads "$THREADS" --size "$SIZE" >"$out" 2>&1 &
  pid=$!
  for _ in $(seq 100); do grep -q '^listening http=' "$out" && break; sleep 0.05; done
  url="ws://$(sed -n 's/^listening http=\(.*\)$/\1/p' "$out" | head -1)/ws"
fi
headers=()
for h in "$@"; do headers+=(-H "$h"); done
taskset -c "$CLIENT_CPU" "$BUILD/bench/ws_fanout_client" "$url" -n "$CLIENTS" --seconds "$SECONDS_" --threads "${CLIENT_THREADS:-1}" \
  ${headers[@]+"${headers[@]}"}
