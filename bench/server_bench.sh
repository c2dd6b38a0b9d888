#!/usr/bin/env bash
# The server's own benchmarks against a real `callcenter serve --demo`
# (no bots, no generated traffic, so the figures are the HTTP layer's):
#   1. a small authenticated GET (/api/me with a bearer token) with wrk,
#      as a ratio to a minimal Beast "hello" server measured in the same run
#      (bench/http_bench.sh; target >= 0.7);
#   2. WebSocket fan-out: CLIENTS supervisors' connections receive the 1 Hz
#      wallboard snapshot (bench/ws_bench.sh; target p99 < 100 ms).
# The server runs on core 0, the load generators on core 1.
# Env: BUILD (build/release), CLIENTS (5000), SECONDS_ (20), HTTP_THREADS (1, as the
# reference server), LIVE (1: bots and generated callers on, so agent rows
# change every second as in a working centre; default off).
set -euo pipefail
BUILD=${BUILD:-build/release}
export BUILD
CLIENTS=${CLIENTS:-5000}
SECONDS_=${SECONDS_:-20}
dir=$(mktemp -d)
pid=""
cleanup() { [[ -n $pid ]] && kill "$pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$dir"; }
trap cleanup EXIT
ulimit -n "$((CLIENTS + 2048))" 2>/dev/null || ulimit -n "$(ulimit -Hn)"

# As many io threads as the reference server gets (one core, HTTP_THREADS threads).
printf '[server]\nhttp_threads = %s\n' "${HTTP_THREADS:-1}" >"$dir/bench.toml"
quiet=(--no-bots --no-traffic)
[[ ${LIVE:-0} == 1 ]] && quiet=(--traffic-multiplier 20)
taskset -c 0 "$BUILD/src/app/callcenter" serve --config "$dir/bench.toml" --demo "${quiet[@]}" \
  --fast-passwords --listen 127.0.0.1:0 --data-dir "$dir/var" >"$dir/serve.out" 2>&1 &
pid=$!
for _ in $(seq 300); do grep -q '^listening http=' "$dir/serve.out" && break; sleep 0.1; done
addr=$(sed -n 's/^listening http=\(.*\)$/\1/p' "$dir/serve.out" | head -1)
[[ -n $addr ]] || { cat "$dir/serve.out"; exit 1; }
password=$(python3 -c "import json;print([l['password'] for l in json.load(open('$dir/var/demo-logins.json')) if l['login']=='supervisor'][0])")
curl -s -c "$dir/jar" -H 'Content-Type: application/json' \
  -d "{\"login\":\"supervisor\",\"password\":\"$password\"}" "http://$addr/api/login" >"$dir/login.json"
csrf=$(python3 -c "import json;print(json.load(open('$dir/login.json'))['csrf_token'])")
token=$(curl -s -b "$dir/jar" -H 'Content-Type: application/json' -H "X-CSRF-Token: $csrf" \
  -d '{"name":"bench"}' "http://$addr/api/tokens" | python3 -c "import json,sys;print(json.load(sys.stdin)['token'])")

echo "== authenticated GET /api/me (bearer) vs Beast hello"
bench/http_bench.sh "http://$addr/api/me" "Authorization: Bearer $token"
echo "== WebSocket fan-out: $CLIENTS supervisor clients, 1 Hz snapshot"
CLIENTS=$CLIENTS SECONDS_=$SECONDS_ bench/ws_bench.sh "ws://$addr/ws" "Authorization: Bearer $token"
