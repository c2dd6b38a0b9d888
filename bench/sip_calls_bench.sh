#!/usr/bin/env bash
# SIP calls per second through one queue of a real `callcenter serve --demo`
# (no bots, no generated traffic): sipp callers dial the demo's SIP line (100,
# queue "Линия SIP"); the server answers each caller at once (music), offers
# the call to a ready agent, rings that agent's registered phone and bridges
# the two legs when the phone answers; the caller hangs up after CALL_MS.
#
#   * The agents' phones are ONE `sipp -sn uas` listening on one loopback port.
#     AGENTS operators (bench0001, ...) are created over the admin API, put in
#     the queue (tier 1), given SIP accounts, and all registered by one sipp
#     run (CSV injection of user;credentials) with that port as their contact.
#     Registration logs an agent in and makes it ready.
#   * For each rate R: `sipp -sn uac -s 100 -d CALL_MS -r R -m SECONDS*R
#     -l 4*R+100`; sipp's statistics file gives the successful and failed
#     calls, its -trace_rtt file the INVITE->200 times (the server's 200, sent
#     as soon as the caller is queued); the interaction log
#     (GET /api/interactions) gives how many of those calls reached an agent
#     (call.answered) or were abandoned in the queue; /proc/PID/stat gives the
#     server's CPU time (user+system, all threads) from the first INVITE until
#     sipp exits (the last call hung up): CPU % of one core and CPU ms per call.
#   * Rates go up in the order given and stop once more than 0.1 % of the
#     calls at a rate failed.
#
# The queue's wrap-up is set to WRAP_UP seconds (0 by default: the demo's 10 s
# would keep every agent busy for 12 s a call); the queue's recording policy is
# left as it is (the demo records every call) unless -n is given.
# Everything runs on 127.0.0.1, in a temporary directory under /tmp that is
# removed on exit (-k keeps it); only processes this script started are killed.
#
# Usage: bench/sip_calls_bench.sh [-a AGENTS] [-d CALL_MS] [-s SECONDS] [-w WRAP_UP]
#                                 [-n] [-P] [-k] [RATE ...]
#   -a AGENTS   agents (phones registered), default 200
#   -d CALL_MS  how long a caller stays after the server's 200 (sipp -d), default 2000;
#               with recording on, the agent is bridged only after the 3.7 s
#               "this call is recorded" notice: use about 6000 there
#   -s SECONDS  calls at each rate = SECONDS * RATE (sipp -m), default 20
#   -w WRAP_UP  the queue's wrap-up in seconds during the run, default 0
#   -n          do not record the calls (the queue's recording policy off)
#   -P          pin the server to CPU 0 and the sipp processes to CPU 1
#   -k          keep the temporary directory (server output, sipp logs)
#   RATE ...    calls per second to try, in order; default 10 25 50 100
# Env: BUILD (build/release).
set -euo pipefail

BUILD=${BUILD:-build/release}
AGENTS=200
CALL_MS=2000
SECONDS_PER_RATE=20
WRAP_UP=0
RECORD=1
PIN=0
KEEP=0
while getopts "a:d:s:w:nPkh" opt; do
  case $opt in
    a) AGENTS=$OPTARG ;;
    d) CALL_MS=$OPTARG ;;
    s) SECONDS_PER_RATE=$OPTARG ;;
    w) WRAP_UP=$OPTARG ;;
    n) RECORD=0 ;;
    P) PIN=1 ;;
    k) KEEP=1 ;;
    h) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) exit 2 ;;
  esac
done
shift $((OPTIND - 1))
RATES=("$@")
[[ ${#RATES[@]} -gt 0 ]] || RATES=(10 25 50 100)
for v in "$AGENTS" "$CALL_MS" "$SECONDS_PER_RATE" "$WRAP_UP" "${RATES[@]}"; do
  [[ $v =~ ^[0-9]+$ && $v -ge 0 ]] || { echo "not a whole number: $v" >&2; exit 2; }
done
[[ $AGENTS -ge 1 ]] || { echo "need at least one agent" >&2; exit 2; }
for tool in sipp curl awk timeout; do
  command -v "$tool" >/dev/null || { echo "$tool is needed (scripts/install-deps)" >&2; exit 1; }
done
BIN=$BUILD/src/app/callcenter
[[ -x $BIN ]] || { echo "no $BIN (build first, or set BUILD)" >&2; exit 1; }
BIN=$(cd "$(dirname "$BIN")" && pwd)/callcenter

dir=$(mktemp -d /tmp/sip-calls-bench.XXXXXX)
server_pid="" uas_pid="" sipp_pid=""
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  # The sipp runs first (they end at once), then the server (it drains and
  # flushes its log; SIGKILL after 15 s).
  for p in $sipp_pid $uas_pid; do kill "$p" 2>/dev/null || true; done
  for p in $sipp_pid $uas_pid; do wait "$p" 2>/dev/null || true; done
  if [[ -n $server_pid ]] && kill "$server_pid" 2>/dev/null; then
    for _ in $(seq 150); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  if [[ $KEEP == 1 ]]; then echo "kept $dir" >&2; else rm -rf "$dir"; fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

die() { echo "sip_calls_bench: $*" >&2; exit 1; }
note() { echo "# $*"; }

pin_server=() pin_load=()
if [[ $PIN == 1 ]]; then pin_server=(taskset -c 0); pin_load=(taskset -c 1); fi

# free_udp_port VAR: a UDP port that nothing is bound to (port..port+3 free,
# for sipp's media ports), outside the kernel's ephemeral range, and not handed
# out before by this script.
used_ports=" "
phones_port="" media_port="" reg_port="" caller_port="" caller_media_port=""
udp_bound() { grep -q "$(printf ':%04X ' "$1")" /proc/net/udp /proc/net/udp6 2>/dev/null; }
free_udp_port() {
  local p k busy
  for _ in $(seq 200); do
    p=$((10000 + RANDOM % 20000))
    busy=0
    for k in 0 1 2 3; do
      [[ $used_ports == *" $((p + k)) "* ]] && busy=1
      udp_bound $((p + k)) && busy=1
    done
    if [[ $busy == 0 ]]; then
      used_ports+="$p $((p + 1)) $((p + 2)) $((p + 3)) "
      printf -v "$1" '%s' "$p"
      return
    fi
  done
  die "no free UDP port found"
}

server_cpu_ticks() {  # utime + stime of the server (all its threads), in clock ticks
  local stat
  stat=$(<"/proc/$server_pid/stat") || { tail -20 "$dir/serve.out" >&2; die "the server (pid $server_pid) is gone"; }
  stat=${stat##*) }  # the fields after "(comm) "
  read -r -a f <<<"$stat"
  echo $((f[11] + f[12]))  # fields 14 and 15 of the whole line
}
now_ns() { date +%s%N; }
HZ=$(getconf CLK_TCK)

# ---------------------------------------------------------------- the server
# The load generator stands in for a trunk: its address is trusted, or the
# edge would ban it as a flood ([sip.security], docs/telephony.md).
printf '[sip.security]\ntrusted = ["127.0.0.1"]\n' >"$dir/bench.toml"
"${pin_server[@]}" "$BIN" serve --demo --no-bots --no-traffic --fast-passwords --config "$dir/bench.toml" \
  --listen 127.0.0.1:0 --sip-listen 127.0.0.1:0 --data-dir "$dir/var" >"$dir/serve.out" 2>&1 &
server_pid=$!
for _ in $(seq 300); do
  grep -q '^listening sip=' "$dir/serve.out" && grep -q "password '" "$dir/serve.out" && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$dir/serve.out" >&2; die "the server exited"; }
  sleep 0.1
done
http=$(sed -n 's/^listening http=\(.*\)$/\1/p' "$dir/serve.out" | head -1)
sip=$(sed -n 's/^listening sip=\(.*\)$/\1/p' "$dir/serve.out" | head -1)
admin_password=$(sed -n "s/.*password '\([^']*\)'.*/\1/p" "$dir/serve.out" | head -1)
[[ -n $http && -n $sip && -n $admin_password ]] || { cat "$dir/serve.out" >&2; die "the server did not start"; }
[[ $sip == 127.0.0.1:* ]] || die "SIP listens at $sip, not on loopback"

# --------------------------------------------------------------- admin API
# Plain bash, curl, sed and grep: the server writes compact JSON with sorted keys.
csrf=""
api() {  # METHOD PATH [BODY] -> the response body; dies on an HTTP error
  local method=$1 path=$2 body=${3-} out code
  local args=(-sS -b "$dir/jar" -X "$method" -w '\n%{http_code}')
  # Only the login writes the cookie jar (the agents are created in parallel).
  [[ $path == /api/login ]] && args+=(-c "$dir/jar")
  [[ -n $csrf ]] && args+=(-H "X-CSRF-Token: $csrf")
  [[ -n $body ]] && args+=(-H 'Content-Type: application/json' --data-binary "$body")
  out=$(curl "${args[@]}" "http://$http$path") || die "$method $path: curl failed"
  code=${out##*$'\n'}
  out=${out%$'\n'*}
  [[ $code == 2* ]] || die "$method $path: HTTP $code: $out"
  printf '%s' "$out"
}
json_int() { { grep -o "\"$1\":[0-9]*" || true; } | head -1 | cut -d: -f2; }  # the first "KEY":N
count() { { grep -o -- "$1" || true; } | wc -l; }  # occurrences of PATTERN in stdin

login=$(api POST /api/login "{\"login\":\"admin\",\"password\":\"$admin_password\"}")
csrf=$(sed -n 's/.*"csrf_token":"\([^"]*\)".*/\1/p' <<<"$login")
[[ -n $csrf ]] || die "no csrf_token in the login answer: $login"

# The demo's SIP line: the queue whose numbers are ["100"].
queue=$(api GET /api/queues | sed 's/},{"announce_every_s"/}\n{"announce_every_s"/g; s/^\[//; s/\]$//' |
  grep -F '"numbers":["100"]' || true)
[[ -n $queue ]] || die "the demo has no queue with number 100 (is SIP on?)"
[[ $(count '"numbers":' <<<"$queue") == 1 ]] || die "cannot split the list of queues: $queue"
qid=$(sed 's/"overflow":{[^}]*}//; s/"required_skills":\[[^]]*\]//' <<<"$queue" | json_int id)
tenant=$(sed 's/"overflow":{[^}]*}//; s/"required_skills":\[[^]]*\]//' <<<"$queue" | json_int tenant)
[[ -n $qid && -n $tenant ]] || die "cannot read the queue: $queue"
api PUT "/api/queues/$qid" "$(sed -E "s/\"wrap_up_s\":[0-9]+/\"wrap_up_s\":$WRAP_UP/" <<<"$queue")" >/dev/null
if [[ $RECORD == 0 ]]; then api PUT "/api/queues/$qid/recording" '{"record":false}' >/dev/null; fi
recording=$(api GET "/api/queues/$qid/recording")
recording=$(sed -n 's/.*"record":\([a-z]*\).*/\1/p' <<<"$recording")

# ------------------------------------------------------------------ agents
# Operators bench0001.. in the queue's tenant, tier 1 in the queue, each with a
# SIP account (user name = login). Eight at a time.
mkdir -p "$dir/agents"
make_agent() {
  local i=$1 login user id
  login=$(printf 'bench%04d' "$i")
  user=$(api POST /api/users \
    "{\"login\":\"$login\",\"password\":\"web-$login-$RANDOM$RANDOM\",\"role\":\"operator\",\"tenants\":[$tenant]}")
  id=$(json_int id <<<"$user")
  [[ -n $id ]] || die "no id for $login: $user"
  api PUT "/api/users/$id/profile" "{\"skills\":[],\"queues\":[{\"queue\":$qid,\"tier\":1}]}" >/dev/null
  local password="sip-$login-$RANDOM$RANDOM"
  api PUT "/api/users/$id/sip" "{\"password\":\"$password\"}" >/dev/null
  echo "$id $login $password" >"$dir/agents/$i"
}
t=$(now_ns)
for ((i = 1; i <= AGENTS; i += 8)); do
  pids=()
  for ((j = i; j < i + 8 && j <= AGENTS; j++)); do make_agent "$j" & pids+=($!); done
  for p in "${pids[@]}"; do wait "$p" || die "creating an agent failed"; done
done
{
  echo SEQUENTIAL
  for ((i = 1; i <= AGENTS; i++)); do
    read -r id login password <"$dir/agents/$i" || die "agent $i missing"
    echo "$login;[authentication username=$login password=$password]"
  done
} >"$dir/agents.csv"
note "$AGENTS agents created in $((($(now_ns) - t) / 1000000000))s; queue $qid (tenant $tenant): wrap-up ${WRAP_UP}s, recording $recording"

server_lines=$(wc -l <"$dir/serve.out")  # what follows is the server's log during the bench

# --------------------------------------------------- the interaction log
# Reads the log from $cursor to its end and counts the records about queue
# $qid by type (call.queued, call.answered, call.abandoned, call.ended, ...)
# into log_count[TYPE]; also counts agents made ready (agent.state_changed to
# "ready") in ready_count, and appends each call.answered's wait in the queue
# (wait_ms: from the server's answer to the agent's) to $waits.
declare -A log_count=()
waits=/dev/null
ready_count=0
cursor=1
log_scan() {
  local page next last
  while :; do
    page=$(api GET "/api/interactions?from_seq=$cursor&limit=1000")
    next=$(sed -n 's/.*"next_from_seq":\([0-9a-z]*\).*/\1/p' <<<"$page")
    [[ $next == null || -z $next ]] && break
    # One match a record: its queue, seq and type (the record's keys come sorted).
    last=0
    while read -r q s ty; do
      last=$s
      [[ $q == "$qid" ]] && log_count[$ty]=$((${log_count[$ty]:-0} + 1))
    done < <({ grep -o '"queue":[0-9a-z]*,"seq":[0-9]*,"type":"[a-z_.-]*"' <<<"$page" || true; } |
      sed 's/"queue":\([0-9a-z]*\),"seq":\([0-9]*\),"type":"\(.*\)"/\1 \2 \3/')
    [[ $((last + 1)) == "$next" ]] || die "cannot parse the interaction log page at $cursor (last seq $last, next $next)"
    ready_count=$((ready_count + $(count '"to":"ready","type":"agent.state_changed"' <<<"$page")))
    { grep -o "\"wait_ms\":[0-9]*},\"queue\":$qid,\"seq\":[0-9]*,\"type\":\"call.answered\"" <<<"$page" || true; } |
      sed 's/"wait_ms":\([0-9]*\).*/\1/' >>"$waits"
    cursor=$next
  done
}
log_scan  # to the end of the demo's history

# ------------------------------------------------------------ the phones
for _ in 1 2 3 4 5; do
  free_udp_port phones_port
  free_udp_port media_port
  (cd "$dir" && exec "${pin_load[@]}" sipp -sn uas -i 127.0.0.1 -bind_local -p "$phones_port" \
    -mi 127.0.0.1 -mp "$media_port" -nostdin -trace_err >"$dir/phones.out" 2>&1) &
  uas_pid=$!
  for _ in $(seq 30); do
    kill -0 "$uas_pid" 2>/dev/null || break
    udp_bound "$phones_port" && break
    sleep 0.1
  done
  kill -0 "$uas_pid" 2>/dev/null && udp_bound "$phones_port" && break
  kill "$uas_pid" 2>/dev/null || true
  wait "$uas_pid" 2>/dev/null || true
  uas_pid=""
done
[[ -n $uas_pid ]] || { cat "$dir/phones.out" >&2; die "the phones' sipp did not start"; }

cat >"$dir/register.xml" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<!-- One agent's phone per call: REGISTER (user name [field0]), 401 with a
     challenge, REGISTER with the answer ([field1] holds sipp's
     [authentication username=... password=...]), 200. The contact is the one
     sipp UAS that answers for every agent. -->
<scenario name="register-agents">
  <send retrans="500"><![CDATA[
REGISTER sip:[remote_ip]:[remote_port] SIP/2.0
Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
From: <sip:[field0]@[remote_ip]>;tag=[pid]reg[call_number]
To: <sip:[field0]@[remote_ip]>
Call-ID: [call_id]
CSeq: 1 REGISTER
Contact: <sip:[field0]@[local_ip]:[contact_port]>
Expires: [expires]
Max-Forwards: 70
Content-Length: 0

  ]]></send>
  <recv response="401" auth="true"/>
  <send retrans="500"><![CDATA[
REGISTER sip:[remote_ip]:[remote_port] SIP/2.0
Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
From: <sip:[field0]@[remote_ip]>;tag=[pid]reg[call_number]
To: <sip:[field0]@[remote_ip]>
Call-ID: [call_id]
CSeq: 2 REGISTER
Contact: <sip:[field0]@[local_ip]:[contact_port]>
[field1]
Expires: [expires]
Max-Forwards: 70
Content-Length: 0

  ]]></send>
  <recv response="200"/>
</scenario>
EOF
# Expires: the registrar's maximum (2 h); a whole run at the default rates takes minutes.
ready_before=$ready_count
free_udp_port reg_port
(cd "$dir" && exec "${pin_load[@]}" timeout -k 5 120 sipp "$sip" -sf register.xml -inf agents.csv \
  -key contact_port "$phones_port" -key expires 7200 -m "$AGENTS" -r 100 -l 100 \
  -i 127.0.0.1 -bind_local -p "$reg_port" -nostdin -trace_err -timeout 100s -timeout_error \
  >"$dir/register.out" 2>&1) &
sipp_pid=$!
reg_rc=0
wait "$sipp_pid" || reg_rc=$?
sipp_pid=""
[[ $reg_rc == 0 ]] || { tail -20 "$dir/register.out" >&2; die "registering the phones failed (sipp exit $reg_rc)"; }
registered=0
for ((i = 1; i <= AGENTS; i++)); do
  read -r id _ <"$dir/agents/$i"
  api GET "/api/users/$id/sip" | grep -q '"registered":true' && registered=$((registered + 1))
done
sleep 0.5
log_scan
ready=$((ready_count - ready_before))
note "phones: sipp -sn uas at 127.0.0.1:$phones_port; $registered of $AGENTS registered, $ready made ready"
[[ $registered == "$AGENTS" && $ready -ge $AGENTS ]] || die "not every agent registered and ready"

# ------------------------------------------------------------ idle baseline
c0=$(server_cpu_ticks) t0=$(now_ns)
sleep 5
c1=$(server_cpu_ticks) t1=$(now_ns)
note "server pid $server_pid, http $http, sip $sip; idle CPU $(awk -v c=$((c1 - c0)) -v hz="$HZ" -v ns=$((t1 - t0)) \
  'BEGIN { printf "%.1f", 100 * c / hz / (ns / 1e9) }') % of one core"
note "callers: sipp -sn uac -s 100 -d $CALL_MS -r RATE -m $SECONDS_PER_RATE*RATE -l 4*RATE+100 (CPU: server, from first INVITE to sipp's exit)"

# ------------------------------------------------------------------ calls
# Column in sipp's statistics file (";"-separated, header first).
stat_col() {  # FILE NAME -> the value of column NAME in the last line
  awk -F';' -v name="$2" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == name) c = i } END { print (c ? $c : "") }' "$1"
}
percentiles() {  # numbers on stdin -> "p50 p99" (nearest rank), "- -" when there are none
  sort -n | awk '{ v[NR] = $1 } END {
    if (NR == 0) { print "- -"; exit }
    print v[int(NR * 0.50 + 0.999999)], v[int(NR * 0.99 + 0.999999)] }'
}
# calls: placed by sipp; failed: sipp's failed calls; answered: calls the log
# shows connected to an agent; cpu%: of one core; inv_p50/p99: INVITE -> 200
# (sipp's clock has 1 ms steps, 0 = under 1 ms); wait_p99: the answered
# calls' wait in the queue, from the server's 200 to the agent's (wait_ms).
printf '%6s %7s %7s %8s %9s %6s %12s %8s %8s %9s\n' \
  rate calls failed failed% answered cpu% cpu_ms/call inv_p50 inv_p99 wait_p99
for rate in "${RATES[@]}"; do
  [[ $rate -ge 1 ]] || continue
  calls=$((SECONDS_PER_RATE * rate))
  if ((rate * CALL_MS > AGENTS * 1000)); then
    note "rate $rate: $((rate * CALL_MS / 1000)) calls at once need more than $AGENTS agents; callers will wait and some hang up unanswered"
  fi
  run=$dir/rate-$rate
  mkdir -p "$run"
  limit=$((SECONDS_PER_RATE + CALL_MS / 1000 + 30))
  log_scan
  log_count=()
  waits=$run/waits
  : >"$waits"
  free_udp_port caller_port
  free_udp_port caller_media_port
  c0=$(server_cpu_ticks) t0=$(now_ns)
  (cd "$run" && exec "${pin_load[@]}" timeout -k 5 $((limit + 10)) sipp "$sip" -sn uac -s 100 \
    -d "$CALL_MS" -r "$rate" -m "$calls" -l $((4 * rate + 100)) \
    -i 127.0.0.1 -bind_local -p "$caller_port" -mi 127.0.0.1 -mp "$caller_media_port" -nostdin \
    -trace_stat -stf stat.csv -trace_rtt -rtt_freq 1 -trace_err \
    -timeout "${limit}s" -timeout_error >sipp.out 2>&1) &
  sipp_pid=$!
  rc=0
  wait "$sipp_pid" || rc=$?
  sipp_pid=""
  c1=$(server_cpu_ticks) t1=$(now_ns)

  ok=$(stat_col "$run/stat.csv" 'SuccessfulCall(C)')
  failed=$(stat_col "$run/stat.csv" 'FailedCall(C)')
  [[ -n $ok && -n $failed ]] || { tail -20 "$run/sipp.out" >&2; die "rate $rate: no statistics from sipp (exit $rc)"; }
  placed=$((ok + failed))
  # The server logs each call's end when the caller's BYE arrives; wait for the stragglers.
  for _ in $(seq 30); do
    log_scan
    ((${log_count[call.ended]:-0} >= placed)) && break
    sleep 0.5
  done
  answered=${log_count[call.answered]:-0}
  abandoned=${log_count[call.abandoned]:-0}
  read -r p50 p99 < <(cat "$run"/*_rtt.csv 2>/dev/null | awk -F';' 'NR > 1 && $3 == 1 { print $2 }' | percentiles)
  read -r _ wait99 < <(percentiles <"$waits")
  awk -v r="$rate" -v n="$placed" -v f="$failed" -v a="$answered" -v c=$((c1 - c0)) -v hz="$HZ" \
    -v ns=$((t1 - t0)) -v p50="$p50" -v p99="$p99" -v w99="$wait99" 'BEGIN {
      cpu_s = c / hz; wall = ns / 1e9
      printf "%6d %7d %7d %8.2f %9d %6.1f %12.2f %8s %8s %9s\n", r, n, f, (n ? 100 * f / n : 0), a,
        100 * cpu_s / wall, (n ? 1000 * cpu_s / n : 0), p50, p99, w99 }'
  if [[ $rc != 0 && $failed == 0 ]]; then note "rate $rate: sipp exited $rc (its output: $run/sipp.out, kept with -k)"; fi
  if ((answered + abandoned < ok)); then
    note "rate $rate: the log shows $answered answered and $abandoned abandoned for $ok successful calls"
  elif ((abandoned > 0)); then
    note "rate $rate: $abandoned callers hung up in the queue before an agent answered"
  fi
  if ((failed * 1000 > placed)); then
    note "rate $rate: more than 0.1 % of the calls failed; not going higher"
    why=$(awk -F';' 'NR == 1 { for (i = 1; i <= NF; i++) h[i] = $i } END {
      for (i = 1; i <= NF; i++) if (h[i] ~ /^Failed.*\(C\)$/ && $i > 0) printf " %s=%s", h[i], $i }' "$run/stat.csv")
    note "rate $rate: sipp's failure counters:$why"
    break
  fi
done

# What the server printed during the bench (warnings and errors only at the default log level).
extra=$(tail -n +$((server_lines + 1)) "$dir/serve.out" | wc -l)
if [[ $extra -gt 0 ]]; then
  note "the server printed $extra lines during the bench; the most frequent:"
  tail -n +$((server_lines + 1)) "$dir/serve.out" | sed 's/[0-9]\{2,\}/N/g' | sort | uniq -c | sort -rn | head -5 |
    sed 's/^/#   /'
fi
