#!/usr/bin/env bash
# The interaction-log benchmark on SQLite and on PostgreSQL in one run: starts
# a private PostgreSQL 15 cluster (scripts/pg-test-cluster, loopback, a free
# port), runs log_bench with pg=URL, stops the cluster.
# Env: BUILD (build/release); arguments are passed to log_bench (e.g. seconds=10 rate=100000).
set -euo pipefail
BUILD=${BUILD:-build/release}
state=$(mktemp -d)
cleanup() { scripts/pg-test-cluster stop "$state/pg" >/dev/null 2>&1 || true; rm -rf "$state"; }
trap cleanup EXIT
scripts/pg-test-cluster start "$state/pg" >/dev/null
"$BUILD/bench/log_bench" "pg=$(cat "$state/pg/url")" "$@"
