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
# CONNECTIONS (64), WRK_THREADS (2), ROUNDS (1): with ROUNDS=N the two are
# measured alternately N times (hello, ours, hello, ours, ...) and the ratio is
# of the medians, so a VM whose speed drifts between two runs counts less.
set -euo pipefail
BUILD=${BUILD:-build/release}
THREADS=${THREADS:-1}
DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-64}
WRK_THREADS=${WRK_THREADS:-2}
SERVER_CPU=${SERVER_CPU:-0}
WRK_CPU=${WRK_CPU:-1}
pids=()
cleanup() { for p in ${pids[@]+"${pids[@]}"}; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

# start_server BINARY VAR: starts BINARY pinned to SERVER_CPU and sets VAR to its URL.
# (Not called in $(...): the pid must reach the cleanup trap of this shell.)
start_server() {
  local out
  out=$(mktemp)
  taskset -c "$SERVER_CPU" "$1" --port 0 --threads "$THREADS" >"$out" 2>&1 &
  pids+=($!)
  for _ in $(seq 100); do
    if grep -q '^listening http=' "$out"; then
      printf -v "$2" '%s' "$(sed -n 's/^listening http=\(.*\)$/http:\/\/\1/p' "$out" | head -1)"
      rm -f "$out"
      return
    fi
    sleep 0.05
  done
  echo "$1 did not start: $(cat "$out")" >&2
  exit 1
}

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

start_server "$BUILD/bench/http_hello" hello_url
hello_url+=/
if [[ $# -ge 1 ]]; then
  target=$1
  shift
else
  start_server "$BUILD/bench/http_framework_hello" target
  target+=/
fi

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
hellos=()
ourses=()
for ((round = 1; round <= ${ROUNDS:-1}; round++)); do
  echo "== reference: minimal Beast hello at $hello_url (round $round)" >&2
  hellos+=("$(rps "$hello_url")")
  echo "== ours: $target (round $round)" >&2
  ourses+=("$(rps "$target" "$@")")
done
hello=$(printf '%s\n' "${hellos[@]}" | median)
ours=$(printf '%s\n' "${ourses[@]}" | median)
ratio=$(awk -v a="$ours" -v b="$hello" 'BEGIN { printf "%.2f", a / b }')
if [[ ${ROUNDS:-1} -gt 1 ]]; then
  echo "rounds=${ROUNDS} hello_rps_each=${hellos[*]} ours_rps_each=${ourses[*]}"
fi
echo "hello_rps=$hello ours_rps=$ours ratio=$ratio (target >= 0.7)"
