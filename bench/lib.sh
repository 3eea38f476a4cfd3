# shellcheck shell=bash
# shellcheck disable=SC2034  # the result arrays (RPS, P50, ...) are read by the scripts that source this
# bench/lib.sh: what bench/run.sh and bench/components.sh share, sourced by both: the wrk
# settings (one set, so their tables compare), process handling that cleans up on exit, free
# ports, waiting for the first 200 OK, wrk runs and their parsing, starting spinj and the bare
# Netty ceiling, the report header. Sourcing it checks the prerequisites (spin.jar, wrk, curl).
# A script may set START_TIMEOUT and STOP_TIMEOUT before sourcing it, and AWAIT_200 and ARCHIVES
# after (see below).
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
STOP_TIMEOUT="${STOP_TIMEOUT:-15}"   # seconds a stopped server gets to exit before SIGKILL
PORT_BASE="${PORT_BASE:-18700}"

mkdir -p "$RAW"
cd "$ROOT" || exit 1

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

# stop_tree PID: SIGTERM the process and its children, wait up to STOP_TIMEOUT s, then SIGKILL.
stop_tree() {
  local pid="$1" kids k _
  kids="$(pgrep -P "$pid" 2>/dev/null || true)"
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 $((STOP_TIMEOUT * 10))); do
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

# wait_200 URL PID: polls until URL answers 200; sets STARTUP_MS (from START_MS).
wait_200() {
  local url="$1" pid="$2" deadline code
  deadline=$(( $(now_ms) + START_TIMEOUT * 1000 ))
  while :; do
    code="$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$url" || true)"
    if [ "$code" = 200 ]; then STARTUP_MS=$(( $(now_ms) - START_MS )); return 0; fi
    kill -0 "$pid" 2>/dev/null || { echo "server exited before answering $url" >&2; return 1; }
    [ "$(now_ms)" -lt "$deadline" ] || { echo "no 200 from $url within ${START_TIMEOUT}s" >&2; return 1; }
    sleep 0.02
  done
}

# request_ms URL: the time of one request on a new connection, in ms (curl's own timing).
request_ms() {
  curl -s -o /dev/null --max-time 60 -w '%{time_total}' "$1" | awk '{ printf "%.1f", $1 * 1000 }'
}

# first_requests URL PID NAME: the alternative to wait_200 (same first two arguments) that
# measures what a client sees: waits until URL's port accepts connections, then times the 1st and
# the 10th sequential request into REQ1[NAME] and REQ10[NAME]; sets STARTUP_MS (from START_MS:
# listening + the first request).
first_requests() {
  local url="$1" pid="$2" name="$3" port deadline code _
  port="${url#*//*:}"; port="${port%%/*}"
  deadline=$(( $(now_ms) + START_TIMEOUT * 1000 ))
  until port_busy "$port"; do
    kill -0 "$pid" 2>/dev/null || { echo "server exited before listening on $port" >&2; return 1; }
    [ "$(now_ms)" -lt "$deadline" ] || { echo "nothing listening on $port within ${START_TIMEOUT}s" >&2; return 1; }
    sleep 0.01
  done
  code="$(curl -s -o /dev/null --max-time 60 -w '%{http_code} %{time_total}' "$url")"
  [ "${code%% *}" = 200 ] || { echo "first request to $url answered ${code%% *}" >&2; return 1; }
  STARTUP_MS=$(( $(now_ms) - START_MS ))
  REQ1[$name]="$(awk -v t="${code#* }" 'BEGIN { printf "%.1f", t * 1000 }')"
  for _ in 2 3 4 5 6 7 8 9; do request_ms "$url" >/dev/null; done
  REQ10[$name]="$(request_ms "$url")"
}

# How start_spin and start_bare wait for the first 200 OK: wait_200, or first_requests for the
# first- and tenth-request latencies (they count differently towards STARTUP_MS).
AWAIT_200=wait_200

# rss PID FIELD: VmHWM (peak) or VmRSS (now) of PID in MiB, or "-".
rss() {
  awk -v f="$2:" '$1 == f { printf "%.0f", $2 / 1024; found = 1 } END { if (!found) printf "-" }' \
    "/proc/$1/status" 2>/dev/null || echo "-"
}

# trigger_pid UP_PID: the `spin trigger http` child JVM of a `spin up` process.
trigger_pid() {
  local p _
  for _ in $(seq 1 50); do
    p="$(pgrep -P "$1" -f 'trigger http' | head -n1 || true)"
    [ -n "$p" ] && { echo "$p"; return 0; }
    sleep 0.1
  done
  echo "$1"   # no child found: measure the up process itself
}

# start_spin NAME MANIFEST PATH TAG [JAVA_HOME]: starts `./spin up` (on JAVA_HOME's JVM if
# given), logging to raw/NAME.TAG.log, and waits for 200 on PATH ($AWAIT_200).
# Sets SERVER_PID (the up process), MEASURE_PID (its trigger child), URL, STARTUP_MS.
start_spin() {
  local name="$1" manifest="$2" path="$3" tag="$4" java_home="${5:-${JAVA_HOME:-}}"
  free_port
  URL="http://127.0.0.1:$PORT$path"
  START_MS="$(now_ms)"
  JAVA_HOME="$java_home" "$ROOT/spin" up -f "$manifest" --listen "127.0.0.1:$PORT" >"$RAW/$name.$tag.log" 2>&1 &
  SERVER_PID=$!
  PIDS+=("$SERVER_PID")
  "$AWAIT_200" "$URL" "$SERVER_PID" "$name" || return 1
  MEASURE_PID="$(trigger_pid "$SERVER_PID")"
}

start_bare() {
  free_port
  URL="http://127.0.0.1:$PORT/"
  START_MS="$(now_ms)"
  java -cp "$JAR" "$ROOT/bench/BareNettyServer.java" "127.0.0.1:$PORT" >"$RAW/bare-netty.log" 2>&1 &
  SERVER_PID=$!
  PIDS+=("$SERVER_PID")
  "$AWAIT_200" "$URL" "$SERVER_PID" bare-netty || return 1
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

# load NAME: the resident set before, warm-up, measured run, 1-connection run against $URL, the
# peak resident set; stores the results.
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

# bench_bare: the ceiling row, `bare-netty`: started, timed to its first 200, loaded, stopped.
bench_bare() {
  echo "== bare-netty" >&2
  start_bare
  FIRST[bare-netty]="$STARTUP_MS"; SECOND[bare-netty]="-"
  load bare-netty
  stop_tree "$SERVER_PID"
}

# A directory of CDS archives and AOT caches that bench_spin deletes with <app>/.spin: the run's
# own XDG_CACHE_HOME, where the spin script keeps them. Empty: they are kept, so the first start
# is not a cold one (the JVM's archives are warm), and it is called "first", not "cold".
ARCHIVES=""

# bench_spin NAME MANIFEST PATH [JAVA_HOME]: a first start with <app>/.spin (the compile cache)
# and ARCHIVES deleted, stop (which writes the archives), a second start, load.
bench_spin() {
  local name="$1" manifest="$2" path="$3" java_home="${4:-}" app first=first second=second gone
  app="$(dirname "$manifest")"
  gone="no $app/.spin"
  [ -z "$ARCHIVES" ] || { first=cold; second=warm; gone="$gone, no archives"; }
  rm -rf "$app/.spin" ${ARCHIVES:+"$ARCHIVES"}
  echo "== $name: $first start ($gone)" >&2
  start_spin "$name" "$manifest" "$path" "$first" "$java_home" || return 1
  FIRST[$name]="$STARTUP_MS"
  stop_tree "$SERVER_PID"
  echo "== $name: $second start" >&2
  start_spin "$name" "$manifest" "$path" "$second" "$java_home" || return 1
  SECOND[$name]="$STARTUP_MS"
  load "$name"
  stop_tree "$SERVER_PID"
}

# ------------------------------------------------------------------ table helpers
# report_header TITLE [MORE]: the lines a table starts with (when, which commit, the machine and
# its load, whether the run was boosted (BENCH_BOOSTED, run.sh's PRIORITY_BOOST), the wrk
# settings); MORE joins the host line. Needs LOAD_BEFORE and LOAD_AFTER.
report_header() {
  echo "$1  $(date -u '+%Y-%m-%d %H:%M:%SZ')  commit $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')$(git -C "$ROOT" diff --quiet 2>/dev/null || echo '+dirty')"
  echo "host: $(nproc) cores, $(java -version 2>&1 | head -n1)${2:+, $2}, $(wrk --version 2>&1 | head -n1 | awk '{ print $1, $2 }')"
  echo "load average before/after: $LOAD_BEFORE / $LOAD_AFTER (wrk and the server share the cores: other load skews everything)${BENCH_BOOSTED:+; run at autogroup nice -20}"
  echo "load: wrk -t$THREADS -c$CONNS -d$DURATION --latency (after a ${WARMUP} warm-up); 1-conn: wrk -t1 -c1 -d$LAT_DURATION"
  echo
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b + 0 == 0 || a == "") print "-"; else printf "%.2f", a / b }'; }
secs()  { awk -v v="$1" 'BEGIN { if (v == "-" || v == "") print "-"; else printf "%.2f s", v / 1000 }'; }
