#!/usr/bin/env bash
# bench/soak.sh: is spinj still alive and leak-free after 100k mixed requests on 256
# connections? Not run in CI. See bench/README.md.
#
#   bench/soak.sh                       # 100k requests, at most SOAK_MAX seconds of load
#   TOTAL=20000 bench/soak.sh           # a quicker pass
#
# App: spin-trigger-http/src/test/resources/apps/abi-probe (flavour-A component, /a/...):
#   /a/flavour  200 "a"            (hello)
#   /a/trap     guest traps -> 500
#   /a/body     POST of a 1 MiB body, echoed back
#   /a/loop     infinite loop; only when `spin up --help` lists --request-timeout
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JAR="$ROOT/spin-cli/target/spin.jar"
APP="$ROOT/spin-trigger-http/src/test/resources/apps/abi-probe/spin.toml"
RESULTS="$ROOT/bench/results"

TOTAL="${TOTAL:-100000}"            # requests in the soak
CONNS="${CONNS:-256}"
THREADS="${THREADS:-2}"             # wrk threads
SOAK_MAX="${SOAK_MAX:-300}"         # seconds: upper bound of the soak run
WARM_TOTAL="${WARM_TOTAL:-5000}"    # requests of the same mix before the "before" snapshot
BODY_BYTES="${BODY_BYTES:-1048576}"
WEIGHTS="${WEIGHTS:-800,150,20,1}"  # per mille: hello, trap, 1 MiB body, loop
REQUEST_TIMEOUT="${REQUEST_TIMEOUT:-1s}"
THREAD_SLACK="${THREAD_SLACK:-4}"   # allowed growth after the warm-up (JIT/GC helpers)
FD_SLACK="${FD_SLACK:-8}"
PORT="${PORT:-18790}"

mkdir -p "$RESULTS"
cd "$ROOT"
LOG="$RESULTS/soak-server.log"

if [ ! -f "$JAR" ]; then
  echo "== building $JAR" >&2
  mvn -q -B -DskipTests package >&2
fi
if ! command -v wrk >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then apt-get install -y wrk >&2; else sudo apt-get install -y wrk >&2; fi
fi

UP_PID=""
WRK_PID=""
DONE_DIR=""
cleanup() {
  local kids i k
  [ -n "$WRK_PID" ] && { kill -KILL "$WRK_PID" 2>/dev/null || true; wait "$WRK_PID" 2>/dev/null || true; }
  [ -n "$DONE_DIR" ] && rm -rf "$DONE_DIR"
  [ -n "$UP_PID" ] || return 0
  kill -0 "$UP_PID" 2>/dev/null || return 0
  kids="$(pgrep -P "$UP_PID" 2>/dev/null || true)"
  kill -TERM "$UP_PID" 2>/dev/null || true
  for i in $(seq 1 150); do kill -0 "$UP_PID" 2>/dev/null || break; sleep 0.1; done
  for k in $UP_PID $kids; do kill -KILL "$k" 2>/dev/null || true; done
  wait "$UP_PID" 2>/dev/null || true
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ------------------------------------------------------------------ the loop route needs a timeout
EXTRA=()
if "$ROOT/spin" up --help 2>&1 | grep -q -- '--request-timeout'; then
  EXTRA=(--request-timeout "$REQUEST_TIMEOUT")
  LOOP_NOTE="loop route on, --request-timeout $REQUEST_TIMEOUT"
else
  WEIGHTS="$(echo "$WEIGHTS" | awk -F, '{ print $1 "," $2 "," $3 ",0" }')"
  LOOP_NOTE="loop route SKIPPED: \`spin up --help\` does not list --request-timeout"
fi

# ------------------------------------------------------------------ start
while (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; do PORT=$((PORT + 1)); done
BASE="http://127.0.0.1:$PORT"
echo "== spin up $APP on $BASE ($LOOP_NOTE)" >&2
"$ROOT/spin" up -f "$APP" --listen "127.0.0.1:$PORT" --quiet "${EXTRA[@]}" >"$LOG" 2>&1 &
UP_PID=$!
for i in $(seq 1 900); do
  [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$BASE/a/flavour" || true)" = 200 ] && break
  kill -0 "$UP_PID" 2>/dev/null || { echo "spin up exited; see $LOG" >&2; exit 1; }
  [ "$i" -lt 900 ] || { echo "no 200 from $BASE/a/flavour within 90 s" >&2; exit 1; }
  sleep 0.1
done
TRIGGER_PID="$(pgrep -P "$UP_PID" -f 'trigger http' | head -n1 || true)"
[ -n "$TRIGGER_PID" ] || TRIGGER_PID="$UP_PID"

threads() { awk '/^Threads:/ { print $2 }' "/proc/$1/status"; }
fds()     { ls "/proc/$1/fd" | wc -l; }
rss_mb()  { awk -v k="$2" '$1 == k":" { printf "%.0f", $2 / 1024 }' "/proc/$1/status"; }

DONE_DIR="$(mktemp -d)"
run_mix() { # run_mix TOTAL SECONDS OUTFILE: ends when every wrk thread got its share, or after SECONDS
  local deadline=$(( $(date +%s) + $2 + 30 ))
  rm -f "$DONE_DIR"/thread-*
  SOAK_TOTAL="$1" SOAK_THREADS="$THREADS" SOAK_WEIGHTS="$WEIGHTS" SOAK_BODY_BYTES="$BODY_BYTES" \
    SOAK_DONE_DIR="$DONE_DIR" wrk -t"$THREADS" -c"$CONNS" -d"$2"s --timeout 30s \
    -s "$ROOT/bench/soak.lua" "$BASE/" >"$3" 2>&1 &
  WRK_PID=$!
  while kill -0 "$WRK_PID" 2>/dev/null; do
    if [ "$(find "$DONE_DIR" -name 'thread-*' | wc -l)" -ge "$THREADS" ]; then
      kill -INT "$WRK_PID" 2>/dev/null || true   # wrk prints its summary on SIGINT
      break
    fi
    [ "$(date +%s)" -lt "$deadline" ] || { kill -KILL "$WRK_PID" 2>/dev/null || true; break; }
    sleep 0.2
  done
  wait "$WRK_PID" 2>/dev/null || true
  WRK_PID=""
}

# ------------------------------------------------------------------ warm-up, snapshot, soak, snapshot
echo "== warm-up: $WARM_TOTAL requests of the mix" >&2
run_mix "$WARM_TOTAL" 120 "$RESULTS/soak-warmup.txt"
sleep 5
T0="$(threads "$TRIGGER_PID")"; F0="$(fds "$TRIGGER_PID")"; R0="$(rss_mb "$TRIGGER_PID" VmRSS)"

echo "== soak: $TOTAL requests, $CONNS connections, weights $WEIGHTS, at most ${SOAK_MAX}s" >&2
S0="$(date +%s)"
run_mix "$TOTAL" "$SOAK_MAX" "$RESULTS/soak-wrk.txt"
S1="$(date +%s)"
sleep 5   # let closed connections and finished requests settle

ALIVE=yes
kill -0 "$TRIGGER_PID" 2>/dev/null || ALIVE="NO (trigger process gone)"
FINAL="$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 "$BASE/a/flavour" || true)"
T1="$(threads "$TRIGGER_PID" 2>/dev/null || echo '?')"
F1="$(fds "$TRIGGER_PID" 2>/dev/null || echo '?')"
R1="$(rss_mb "$TRIGGER_PID" VmRSS 2>/dev/null || echo '?')"
HWM="$(rss_mb "$TRIGGER_PID" VmHWM 2>/dev/null || echo '?')"

verdict() { # verdict BEFORE AFTER SLACK
  awk -v a="$1" -v b="$2" -v s="$3" 'BEGIN { if (b !~ /^[0-9]+$/) print "?"; else if (b - a <= s) print "ok"; else print "LEAK?" }'
}

{
  echo "spinj soak  $(date -u '+%Y-%m-%d %H:%M:%SZ')  commit $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')"
  echo "app: abi-probe flavour A; $LOOP_NOTE"
  echo "load: $TOTAL requests, wrk -t$THREADS -c$CONNS, weights per mille hello,trap,body,loop = $WEIGHTS, body $BODY_BYTES bytes; took $((S1 - S0)) s (bound ${SOAK_MAX} s)"
  grep '^SOAK' "$RESULTS/soak-wrk.txt" | sed 's/^SOAK /  /' || echo "  (no wrk summary; see $RESULTS/soak-wrk.txt)"
  grep -E '^Requests/sec' "$RESULTS/soak-wrk.txt" | sed 's/^/  /' || true
  echo "alive after soak: $ALIVE; GET /a/flavour -> ${FINAL:-no answer}"
  printf '%-16s %8s %8s %8s\n' '' before after verdict
  printf '%-16s %8s %8s %8s\n' threads "$T0" "$T1" "$(verdict "$T0" "$T1" "$THREAD_SLACK")"
  printf '%-16s %8s %8s %8s\n' 'open fds' "$F0" "$F1" "$(verdict "$F0" "$F1" "$FD_SLACK")"
  printf '%-16s %8s %8s\n' 'RSS MiB' "$R0" "$R1"
  echo "peak RSS (VmHWM) of the trigger JVM: ${HWM} MiB"
} | tee "$RESULTS/soak-latest.txt"

[ "$ALIVE" = yes ] && [ "$FINAL" = 200 ]
