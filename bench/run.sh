#!/usr/bin/env bash
# bench/run.sh: throughput, latency, startup time and peak RSS of spinj against a bare Netty
# ceiling, all with the same wrk settings, on 127.0.0.1 only. See bench/README.md.
#
#   bench/run.sh                      # ~3 minutes on 2 cores
#   DURATION=20s CONNS=64 bench/run.sh
#
# Prints one table and writes it to bench/results/latest.txt (raw wrk output and server
# logs go to bench/results/raw/).
set -euo pipefail

# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# ------------------------------------------------------------------ the runs
BEGIN_S="$(date +%s)"
LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
bench_bare

bench_spin hello-c    "$ROOT/examples/hello-c/spin.toml"               /hello
bench_spin wagi-c     "$ROOT/examples/wagi-c/spin.toml"                /
bench_spin rust-hello "$ROOT/bench/guests/rust-hello/spin.toml"        /
echo "== fresh-instance timing (instrumented)" >&2
INSTANCE_HELLO="$(java -cp "$JAR" "$ROOT/bench/InstanceTiming.java" "$ROOT/examples/hello-c/spin.toml" hello 2>/dev/null || echo '?')"
INSTANCE_RUST="$(java -cp "$JAR" "$ROOT/bench/InstanceTiming.java" "$ROOT/bench/guests/rust-hello/spin.toml" rust-hello 2>/dev/null || echo '?')"
END_S="$(date +%s)"
LOAD_AFTER="$(cut -d' ' -f1-3 /proc/loadavg)"

# ------------------------------------------------------------------ the table
report() {
  local n b=bare-netty
  report_header "spinj bench"
  printf '%-12s %9s %6s %9s %6s %9s %6s %10s %7s %9s\n' \
    target 'req/s' 'x bare' 'p50 ms' 'x bare' 'p99 ms' 'x bare' '1c p50 ms' errors 'peak RSS'
  for n in bare-netty hello-c wagi-c rust-hello; do
    printf '%-12s %9s %6s %9s %6s %9s %6s %10s %7s %8s\n' "$n" \
      "${RPS[$n]}" "$(ratio "${RPS[$n]}" "${RPS[$b]}")" \
      "${P50[$n]}" "$(ratio "${P50[$n]}" "${P50[$b]}")" \
      "${P99[$n]}" "$(ratio "${P99[$n]}" "${P99[$b]}")" \
      "${LAT1[$n]}" "${ERR[$n]}" "${RSS[$n]}M"
  done
  echo
  echo "time from start to first 200 OK (spin: \`spin up\`; first = <app>/.spin deleted before, second = right after)"
  printf '%-12s %12s %12s\n' target first second
  for n in bare-netty hello-c wagi-c rust-hello; do
    printf '%-12s %12s %12s\n' "$n" "$(secs "${FIRST[$n]}")" "$(secs "${SECOND[$n]}")"
  done
  echo
  echo "fresh instance (new isolated instance from the prepared component, median of 15 x 2000): hello-c ${INSTANCE_HELLO} us, rust-hello ${INSTANCE_RUST} us"
  echo
  echo "peak RSS = VmHWM of the serving JVM (for spin: the \`spin trigger http\` child of \`spin up\`)"
  echo "errors = non-2xx responses + socket errors over both measured runs; total bench time $((END_S - BEGIN_S)) s"
}

report | tee "$RESULTS/latest.txt"
