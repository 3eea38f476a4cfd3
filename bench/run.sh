#!/usr/bin/env bash
# bench/run.sh: per app, cold and warm time to the first 200, first- and tenth-request latency,
# steady req/s with p50/p99, idle and peak RSS of spinj, against a bare Netty ceiling, all with
# the same wrk settings, on 127.0.0.1 only. See bench/README.md.
#
#   bench/run.sh                      # ~5 minutes on 2 cores
#   DURATION=20s CONNS=64 bench/run.sh
#   JAVA25_HOME= bench/run.sh         # without the JDK 25 rows
#   PRIORITY_BOOST=1 bench/run.sh     # on a shared, overloaded machine (see bench/README.md)
#
# Prints one table and writes it to bench/results/latest.txt (raw wrk output and server
# logs go to bench/results/raw/).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JAR="$ROOT/spin-cli/target/spin.jar"
RESULTS="$ROOT/bench/results"
RAW="$RESULTS/raw"

THREADS="${THREADS:-2}"            # wrk threads
CONNS="${CONNS:-32}"               # wrk keep-alive connections
DURATION="${DURATION:-10s}"        # measured run
WARMUP="${WARMUP:-5s}"             # unmeasured run before it (JIT, pools)
LAT_DURATION="${LAT_DURATION:-5s}" # 1-connection latency run
START_TIMEOUT="${START_TIMEOUT:-90}" # seconds to wait for the first 200 OK
PORT_BASE="${PORT_BASE:-18700}"
# a second JDK whose AOT cache (JDK 25+) the hello and big-guest apps are also measured with;
# empty for none
JAVA25_HOME="${JAVA25_HOME-$(ls -d /usr/lib/jvm/temurin-25* /usr/lib/jvm/java-25* 2>/dev/null | head -n1 || true)}"
# every process of the run in its own scheduler group at nice -20: the CPU share of a quiet
# machine on one that other sessions keep busy (Linux autogroups; needs root)
if [ -n "${PRIORITY_BOOST:-}" ] && [ -z "${BENCH_BOOSTED:-}" ]; then
  export BENCH_BOOSTED=1
  exec setsid bash -c 'echo -20 > /proc/self/autogroup && exec "$@"' boost "$0" "$@"
fi

mkdir -p "$RAW"
cd "$ROOT"
# CDS archives and AOT caches of this run: wiped before each cold start ("no archives")
export XDG_CACHE_HOME="$RESULTS/cache"

# ------------------------------------------------------------------ prerequisites
if [ ! -f "$JAR" ]; then
  echo "== building $JAR" >&2
  mvn -q -B -DskipTests package >&2
fi
if ! command -v wrk >/dev/null 2>&1; then
  echo "== installing wrk" >&2
  if [ "$(id -u)" = 0 ]; then apt-get install -y wrk >&2; else sudo apt-get install -y wrk >&2; fi
fi
command -v curl >/dev/null 2>&1 || { echo "curl is required" >&2; exit 1; }

# ------------------------------------------------------------------ process handling
PIDS=()   # every server we started (spin up or java); their children are found at stop time
CHILD=""  # the wrk run in progress

# bounded SECONDS OUTFILE CMD...: runs CMD in the background (so a signal to this script is
# handled at once, not after CMD ends), killed after SECONDS.
bounded() {
  local secs="$1" out="$2"
  shift 2
  timeout "$secs" "$@" >"$out" 2>&1 &
  CHILD=$!
  wait "$CHILD" || true
  CHILD=""
}

# stop_tree PID: SIGTERM the process and its children, wait up to 60 s (a JVM writing its AOT
# cache at exit takes a while), then SIGKILL.
stop_tree() {
  local pid="$1" kids k i
  kids="$(pgrep -P "$pid" 2>/dev/null || true)"
  kill -TERM "$pid" 2>/dev/null || true
  for i in $(seq 1 600); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  for k in $pid $kids; do kill -KILL "$k" 2>/dev/null || true; done
  wait "$pid" 2>/dev/null || true
}

cleanup() {
  local p
  [ -n "$CHILD" ] && { kill -TERM "$CHILD" 2>/dev/null || true; }
  for p in "${PIDS[@]:-}"; do
    [ -n "$p" ] && kill -0 "$p" 2>/dev/null && stop_tree "$p"
  done
  return 0
}
trap cleanup EXIT
trap 'exit 130' INT TERM

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

NEXT_PORT="$PORT_BASE"
free_port() {
  while port_busy "$NEXT_PORT"; do NEXT_PORT=$((NEXT_PORT + 1)); done
  PORT="$NEXT_PORT"
  NEXT_PORT=$((NEXT_PORT + 1))
}

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# rss PID FIELD: VmHWM (peak) or VmRSS (now) of PID in MiB, or "-".
rss() {
  awk -v f="$2:" '$1 == f { printf "%.0f", $2 / 1024; found = 1 } END { if (!found) printf "-" }' \
    "/proc/$1/status" 2>/dev/null || echo "-"
}

# trigger_pid UP_PID: the `spin trigger http` child JVM of a `spin up` process.
trigger_pid() {
  local i p
  for i in $(seq 1 50); do
    p="$(pgrep -P "$1" -f 'trigger http' | head -n1 || true)"
    [ -n "$p" ] && { echo "$p"; return 0; }
    sleep 0.1
  done
  echo "$1"   # no child found: measure the up process itself
}

# request_ms URL: the time of one request on a new connection, in ms (curl's own timing).
request_ms() {
  curl -s -o /dev/null --max-time 60 -w '%{time_total}' "$1" | awk '{ printf "%.1f", $1 * 1000 }'
}

# first_requests NAME: waits until $URL's port accepts connections, then times the 1st and the
# 10th sequential request; sets STARTUP_MS (launch to the first 200: listening + first request).
first_requests() {
  local name="$1" deadline i code
  deadline=$(( $(now_ms) + START_TIMEOUT * 1000 ))
  until port_busy "$PORT"; do
    kill -0 "$SERVER_PID" 2>/dev/null || { echo "server exited before listening on $PORT" >&2; return 1; }
    [ "$(now_ms)" -lt "$deadline" ] || { echo "nothing listening on $PORT within ${START_TIMEOUT}s" >&2; return 1; }
    sleep 0.01
  done
  code="$(curl -s -o /dev/null --max-time 60 -w '%{http_code} %{time_total}' "$URL")"
  [ "${code%% *}" = 200 ] || { echo "first request to $URL answered ${code%% *}" >&2; return 1; }
  STARTUP_MS=$(( $(now_ms) - START_MS ))
  REQ1[$name]="$(awk -v t="${code#* }" 'BEGIN { printf "%.1f", t * 1000 }')"
  for i in 2 3 4 5 6 7 8 9; do request_ms "$URL" >/dev/null; done
  REQ10[$name]="$(request_ms "$URL")"
}

# start_spin NAME MANIFEST PATH TAG [JAVA_HOME]: starts `./spin up`, times its first requests.
# Sets SERVER_PID (the up process), MEASURE_PID (its trigger child), URL, STARTUP_MS.
start_spin() {
  local name="$1" manifest="$2" path="$3" tag="$4" java_home="${5:-${JAVA_HOME:-}}"
  free_port
  URL="http://127.0.0.1:$PORT$path"
  START_MS="$(now_ms)"
  JAVA_HOME="$java_home" "$ROOT/spin" up -f "$manifest" --listen "127.0.0.1:$PORT" >"$RAW/$name.$tag.log" 2>&1 &
  SERVER_PID=$!
  PIDS+=("$SERVER_PID")
  first_requests "$name"
  MEASURE_PID="$(trigger_pid "$SERVER_PID")"
}

start_bare() {
  free_port
  URL="http://127.0.0.1:$PORT/"
  START_MS="$(now_ms)"
  java -cp "$JAR" "$ROOT/bench/BareNettyServer.java" "127.0.0.1:$PORT" >"$RAW/bare-netty.log" 2>&1 &
  SERVER_PID=$!
  PIDS+=("$SERVER_PID")
  first_requests bare-netty
  MEASURE_PID="$SERVER_PID"
}

# ------------------------------------------------------------------ wrk and parsing
# to_ms VALUE: wrk latency (e.g. 415.00us, 1.53ms, 1.02s, 2.00m) in milliseconds.
to_ms() {
  awk -v v="$1" 'BEGIN {
    n = v + 0; u = v; sub(/^[0-9.]+/, "", u)
    if (u == "us") n /= 1000; else if (u == "s") n *= 1000; else if (u == "m") n *= 60000
    printf "%.3f", n }'
}

# wrk_stats FILE: "<req/s> <p50 ms> <p99 ms> <errors>" from `wrk --latency` output.
wrk_stats() {
  local f="$1" rps p50 p99 non2xx sock
  rps="$(awk '/^Requests\/sec:/ { printf "%.0f", $2 }' "$f")"
  p50="$(to_ms "$(awk '$1 == "50%" { print $2 }' "$f")")"
  p99="$(to_ms "$(awk '$1 == "99%" { print $2 }' "$f")")"
  non2xx="$(awk '/Non-2xx or 3xx responses:/ { print $NF }' "$f")"
  sock="$(awk '/Socket errors:/ { gsub(/,/, ""); print $4 + $6 + $8 + $10 }' "$f")"
  echo "${rps:-0} $p50 $p99 $(( ${non2xx:-0} + ${sock:-0} ))"
}

# load NAME: warm-up, measured run, 1-connection run against $URL; stores the results.
declare -A RPS P50 P99 ERR LAT1 RSS IDLE FIRST SECOND REQ1 REQ10
load() {
  local name="$1" s
  IDLE[$name]="$(rss "$MEASURE_PID" VmRSS)"
  echo "== $name: warm-up $WARMUP, then -t$THREADS -c$CONNS -d$DURATION, then -t1 -c1 -d$LAT_DURATION" >&2
  bounded 120 "$RAW/$name.warmup.txt" wrk -t"$THREADS" -c"$CONNS" -d"$WARMUP" "$URL"
  bounded 300 "$RAW/$name.wrk.txt" wrk -t"$THREADS" -c"$CONNS" -d"$DURATION" --latency "$URL"
  bounded 300 "$RAW/$name.wrk1.txt" wrk -t1 -c1 -d"$LAT_DURATION" --latency "$URL"
  read -r "RPS[$name]" "P50[$name]" "P99[$name]" "ERR[$name]" <<<"$(wrk_stats "$RAW/$name.wrk.txt")"
  s="$(wrk_stats "$RAW/$name.wrk1.txt")"
  LAT1[$name]="$(echo "$s" | awk '{ print $2 }')"
  ERR[$name]=$(( ${ERR[$name]} + $(echo "$s" | awk '{ print $4 }') ))
  RSS[$name]="$(rss "$MEASURE_PID" VmHWM)"
}

# bench_spin NAME MANIFEST PATH [JAVA_HOME]: a cold start (no <app>/.spin compile cache, no CDS
# archive or AOT cache), stop (which records the archives), a warm start, its first requests, load.
bench_spin() {
  local name="$1" manifest="$2" path="$3" java_home="${4:-}"
  rm -rf "$(dirname "$manifest")/.spin" "$XDG_CACHE_HOME"
  echo "== $name: cold start (no $(dirname "$manifest")/.spin, no archives)" >&2
  start_spin "$name" "$manifest" "$path" cold "$java_home"
  FIRST[$name]="$STARTUP_MS"
  stop_tree "$SERVER_PID"
  echo "== $name: warm start" >&2
  start_spin "$name" "$manifest" "$path" warm "$java_home"
  SECOND[$name]="$STARTUP_MS"
  load "$name"
  stop_tree "$SERVER_PID"
}

# ------------------------------------------------------------------ the runs
ROWS=(bare-netty hello-c wagi-c rust-hello sqlite-wagi)
BEGIN_S="$(date +%s)"
LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
echo "== bare-netty" >&2
start_bare
FIRST[bare-netty]="$STARTUP_MS"; SECOND[bare-netty]="-"
load bare-netty
stop_tree "$SERVER_PID"

bench_spin hello-c     "$ROOT/examples/hello-c/spin.toml"                /hello
bench_spin wagi-c      "$ROOT/examples/wagi-c/spin.toml"                 /
bench_spin rust-hello  "$ROOT/bench/guests/rust-hello/spin.toml"         /
bench_spin sqlite-wagi "$ROOT/bench/guests/sqlite-wagi/spin.toml"        /
if [ -n "$JAVA25_HOME" ] && [ -x "$JAVA25_HOME/bin/java" ]; then
  JDK25="$("$JAVA25_HOME/bin/java" -version 2>&1 | head -n1)"
  bench_spin hello-c@25     "$ROOT/examples/hello-c/spin.toml"          /hello "$JAVA25_HOME"
  bench_spin sqlite-wagi@25 "$ROOT/bench/guests/sqlite-wagi/spin.toml"  /      "$JAVA25_HOME"
  ROWS+=(hello-c@25 sqlite-wagi@25)
fi
echo "== fresh-instance timing (instrumented)" >&2
INSTANCE_HELLO="$(java -cp "$JAR" "$ROOT/bench/InstanceTiming.java" "$ROOT/examples/hello-c/spin.toml" hello 2>/dev/null || echo '?')"
INSTANCE_RUST="$(java -cp "$JAR" "$ROOT/bench/InstanceTiming.java" "$ROOT/bench/guests/rust-hello/spin.toml" rust-hello 2>/dev/null || echo '?')"
END_S="$(date +%s)"
LOAD_AFTER="$(cut -d' ' -f1-3 /proc/loadavg)"

# ------------------------------------------------------------------ the table
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b + 0 == 0 || a == "") print "-"; else printf "%.2f", a / b }'; }
secs()  { awk -v v="$1" 'BEGIN { if (v == "-" || v == "") print "-"; else printf "%.2f s", v / 1000 }'; }

report() {
  local n b=bare-netty
  echo "spinj bench  $(date -u '+%Y-%m-%d %H:%M:%SZ')  commit $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')$(git -C "$ROOT" diff --quiet 2>/dev/null || echo '+dirty')"
  echo "host: $(nproc) cores, $(java -version 2>&1 | head -n1)${JDK25:+; @25 rows: $JDK25}, $(wrk --version 2>&1 | head -n1 | awk '{ print $1, $2 }')"
  echo "load average before/after: $LOAD_BEFORE / $LOAD_AFTER (wrk and the server share the cores: other load skews everything)${BENCH_BOOSTED:+; run at autogroup nice -20}"
  echo "load: wrk -t$THREADS -c$CONNS -d$DURATION --latency (after a ${WARMUP} warm-up); 1-conn: wrk -t1 -c1 -d$LAT_DURATION"
  echo
  printf '%-15s %8s %6s %8s %6s %8s %6s %9s %6s %9s %9s\n' \
    target 'req/s' 'x bare' 'p50 ms' 'x bare' 'p99 ms' 'x bare' '1c p50 ms' errors 'idle RSS' 'peak RSS'
  for n in "${ROWS[@]}"; do
    printf '%-15s %8s %6s %8s %6s %8s %6s %9s %6s %8sM %8sM\n' "$n" \
      "${RPS[$n]}" "$(ratio "${RPS[$n]}" "${RPS[$b]}")" \
      "${P50[$n]}" "$(ratio "${P50[$n]}" "${P50[$b]}")" \
      "${P99[$n]}" "$(ratio "${P99[$n]}" "${P99[$b]}")" \
      "${LAT1[$n]}" "${ERR[$n]}" "${IDLE[$n]}" "${RSS[$n]}"
  done
  echo
  echo "start-up: launch to the first 200 OK (spin: \`spin up\`; cold = no <app>/.spin compile cache and no CDS/AOT"
  echo "archive, warm = right after); 1st and 10th request of the warm start (sequential, new connections)"
  printf '%-15s %9s %9s %12s %12s %10s\n' target cold warm '1st req ms' '10th req ms' '1st/p50'
  for n in "${ROWS[@]}"; do
    printf '%-15s %9s %9s %12s %12s %10s\n' "$n" "$(secs "${FIRST[$n]}")" "$(secs "${SECOND[$n]}")" \
      "${REQ1[$n]}" "${REQ10[$n]}" "$(ratio "${REQ1[$n]}" "${LAT1[$n]}")"
  done
  echo
  echo "fresh instance (new isolated instance from the prepared component, median of 15 x 2000): hello-c ${INSTANCE_HELLO} us, rust-hello ${INSTANCE_RUST} us"
  echo
  echo "idle RSS = VmRSS of the serving JVM after its first 10 requests; peak RSS = its VmHWM after the load"
  echo "(for spin: the \`spin trigger http\` child of \`spin up\`); 1st/p50 = first request / 1-conn median"
  echo "errors = non-2xx responses + socket errors over both measured runs; total bench time $((END_S - BEGIN_S)) s"
}

report | tee "$RESULTS/latest.txt"
