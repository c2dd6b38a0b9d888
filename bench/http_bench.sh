#!/usr/bin/env bash
# Requests/s of a URL of our server against a minimal Beast "hello" server,
# both measured with wrk in the same run, and their ratio (target >= 0.7).
#
#   bench/http_bench.sh                        # our framework's own hello (started here)
#   bench/http_bench.sh URL [HEADER...]        # e.g. a callcenter serve started by you:
#   taskset -c 0 callcenter serve ... &
#   bench/http_bench.sh http://127.0.0.1:8080/api/me "Cookie: sid=..."
#
# Servers the script starts run on core SERVER_CPU (0), wrk on WRK_CPU (1).
# Env: BUILD (build/release), THREADS (server io threads, 1), DURATION (10s),
# CONNECTIONS (64), WRK_THREADS (2).
set -euo pipefail
BUILD=${BUILD:-build/release}
THREADS=${THREADS:-1}
DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-64}
WRK_THREADS=${WRK_THREADS:-2}
SERVER_CPU=${SERVER_CPU:-0}
WRK_CPU=${WRK_CPU:-1}
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

# start_server BINARY -> prints the base URL
start_server() {
  local out
  out=$(mktemp)
  taskset -c "$SERVER_CPU" "$1" --port 0 --threads "$THREADS" >"$out" 2>&1 &
  pids+=($!)
  for _ in $(seq 100); do
    if grep -q '^listening http=' "$out"; then
      sed -n 's/^listening http=\(.*\)$/http:\/\/\1/p' "$out" | head -1
      return
    fi
    sleep 0.05
  done
  echo "$1 did not start: $(cat "$out")" >&2
  exit 1
}

# rps URL [HEADER...] -> requests/s
rps() {
  local url=$1
  shift
  local args=()
  for h in "$@"; do args+=(-H "$h"); done
  local out
  out=$(taskset -c "$WRK_CPU" wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency ${args[@]+"${args[@]}"} "$url")
  echo "$out" >&2
  if echo "$out" | grep -q 'Non-2xx or 3xx responses'; then
    echo "warning: $url answered non-2xx/3xx responses (check the headers)" >&2
  fi
  echo "$out" | awk '/^Requests\/sec:/ {print $2}'
}

hello_url=$(start_server "$BUILD/bench/http_hello")/
if [[ $# -ge 1 ]]; then
  target=$1
  shift
else
  target=$(start_server "$BUILD/bench/http_framework_hello")/
fi

echo "== reference: minimal Beast hello at $hello_url" >&2
hello=$(rps "$hello_url")
echo "== ours: $target" >&2
ours=$(rps "$target" "$@")
ratio=$(awk -v a="$ours" -v b="$hello" 'BEGIN { printf "%.2f", a / b }')
echo "hello_rps=$hello ours_rps=$ours ratio=$ratio (target >= 0.7)"
