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

# a JVM writing its AOT cache at exit takes a while
STOP_TIMEOUT="${STOP_TIMEOUT:-60}"
# a second JDK whose AOT cache (JDK 25+) the hello and big-guest apps are also measured with;
# empty for none
JAVA25_HOME="${JAVA25_HOME-$(ls -d /usr/lib/jvm/temurin-25* /usr/lib/jvm/java-25* 2>/dev/null | head -n1 || true)}"
# every process of the run in its own scheduler group at nice -20: the CPU share of a quiet
# machine on one that other sessions keep busy (Linux autogroups; needs root)
if [ -n "${PRIORITY_BOOST:-}" ] && [ -z "${BENCH_BOOSTED:-}" ]; then
  export BENCH_BOOSTED=1
  exec setsid bash -c 'echo -20 > /proc/self/autogroup && exec "$@"' boost "$0" "$@"
fi

# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# start-up as a client sees it, with the first and tenth request
AWAIT_200=first_requests
# CDS archives and AOT caches of this run: wiped before each cold start ("no archives")
ARCHIVES="$RESULTS/cache"
export XDG_CACHE_HOME="$ARCHIVES"

# ------------------------------------------------------------------ the runs
ROWS=(bare-netty hello-c wagi-c rust-hello sqlite-wagi)
BEGIN_S="$(date +%s)"
LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
bench_bare

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
report() {
  local n b=bare-netty
  report_header "spinj bench" "${JDK25:+@25 rows: $JDK25}"
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
