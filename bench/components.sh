#!/usr/bin/env bash
# bench/components.sh: Spin 2+ guests (WebAssembly components) on spinj side by side with the
# same components on `jco serve` (jco's wasi:http host on node, a fresh instance per request),
# with bench/run.sh's wrk settings, on 127.0.0.1 only. See bench/README.md.
#
#   bench/components.sh                  # ~3 minutes on 2 cores, more on the first run (builds)
#   DURATION=20s CONNS=64 bench/components.sh
#
# Rows: the bare Netty ceiling; examples/hello-js (a ~12 MB StarlingMonkey component) on jco
# and on spinj; examples/hello-c-component (a 21 KB C component) on jco and on spinj, and the
# same C code as a core module with a component-type section on spinj (jco serves only
# components). spinj is started twice, as in run.sh: first with <app>/.spin deleted (no
# compile cache: cold), then again (compile cache warm), and the warm one takes the load. A
# server that does not answer 200 is reported as such and the run goes on.
# spin.jar is rebuilt from this checkout first (offline), so the table measures the code beside it.
# Writes the table to bench/results/components.txt; raw output goes to bench/results/raw/.
set -euo pipefail

START_TIMEOUT="${START_TIMEOUT:-300}" # a cold 12 MB JS component compiles for a while
echo "== mvn -o -q package -DskipTests -pl spin-cli -am (spin.jar of this checkout)" >&2
(cd "$(dirname "${BASH_SOURCE[0]}")/.." && mvn -o -q package -DskipTests -pl spin-cli -am) >&2
# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

JCO_TOOLS="$ROOT/spin-component-model/tools"
JCO="$JCO_TOOLS/node_modules/@bytecodealliance/jco/dist/jco.js"
HELLO_JS="$ROOT/examples/hello-js"
HELLO_C="$ROOT/examples/hello-c-component"

# ------------------------------------------------------------------ guests and jco
command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 || { echo "node and npm are required" >&2; exit 1; }
if [ ! -f "$JCO" ]; then
  echo "== npm ci in $JCO_TOOLS (jco 1.35.0)" >&2
  (cd "$JCO_TOOLS" && npm ci --no-audit --no-fund --loglevel=error) >&2
fi
echo "== building examples/hello-js (npm install && npm run build; j2w skips an unchanged source)" >&2
(cd "$HELLO_JS" && npm install --no-audit --no-fund --loglevel=error && npm run build) >"$RAW/hello-js.build.log" 2>&1 \
  || { echo "building examples/hello-js failed: see $RAW/hello-js.build.log" >&2; exit 1; }
[ -s "$HELLO_JS/dist/hello-js.wasm" ] || { echo "no $HELLO_JS/dist/hello-js.wasm: see $RAW/hello-js.build.log" >&2; exit 1; }

# start_jco NAME COMPONENT PATH: `jco serve --isolate-requests instance`, waits for 200 on PATH.
# Sets SERVER_PID, MEASURE_PID (node itself), URL, STARTUP_MS (includes jco transpiling it).
start_jco() {
  local name="$1" component="$2" path="$3"
  free_port
  URL="http://127.0.0.1:$PORT$path"
  START_MS="$(now_ms)"
  node "$JCO" serve --host 127.0.0.1 --port "$PORT" --isolate-requests instance "$component" >"$RAW/$name.log" 2>&1 &
  SERVER_PID=$!
  PIDS+=("$SERVER_PID")
  wait_200 "$URL" "$SERVER_PID" || return 1
  MEASURE_PID="$SERVER_PID"
}

declare -A NOTE
# not_served NAME LOG: records why NAME has no numbers and stops its server.
not_served() {
  NOTE[$1]="not served: $(grep -v '^\s*$' "$2" 2>/dev/null | tail -n1 | cut -c1-160)"
  stop_tree "$SERVER_PID"
}

bench_jco() {
  local name="$1" component="$2" path="$3"
  echo "== $name: jco serve $(basename "$component")" >&2
  if start_jco "$name" "$component" "$path"; then
    FIRST[$name]="$STARTUP_MS"; SECOND[$name]="-"
    load "$name"
    stop_tree "$SERVER_PID"
  else
    not_served "$name" "$RAW/$name.log"
  fi
}

bench_spinj() {
  local name="$1" manifest="$2" path="$3"
  bench_spin "$name" "$manifest" "$path" || not_served "$name" "$(ls -t "$RAW/$name".*.log | head -n1)"
}

# ------------------------------------------------------------------ the runs
ROWS=(bare-netty jco-js spinj-js jco-c spinj-c spinj-c-core)
BEGIN_S="$(date +%s)"
LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
bench_bare

bench_jco   jco-js       "$HELLO_JS/dist/hello-js.wasm" /
bench_spinj spinj-js     "$HELLO_JS/spin.toml"          /
bench_jco   jco-c        "$HELLO_C/hello.wasm"          /component/
bench_spinj spinj-c      "$HELLO_C/spin.toml"           /component/
bench_spinj spinj-c-core "$HELLO_C/spin.toml"           /core/
END_S="$(date +%s)"
LOAD_AFTER="$(cut -d' ' -f1-3 /proc/loadavg)"

# ------------------------------------------------------------------ the table
report() {
  local n b=bare-netty
  report_header "spinj component bench" "node $(node --version)"
  printf '%-13s %9s %6s %9s %6s %9s %6s %10s %7s %9s %10s %10s\n' \
    target 'req/s' 'x bare' 'p50 ms' 'x bare' 'p99 ms' 'x bare' '1c p50 ms' errors 'peak RSS' 'first 200' 'warm 200'
  for n in "${ROWS[@]}"; do
    if [ -n "${NOTE[$n]:-}" ]; then
      printf '%-13s %s\n' "$n" "${NOTE[$n]}"
      continue
    fi
    printf '%-13s %9s %6s %9s %6s %9s %6s %10s %7s %8s %10s %10s\n' "$n" \
      "${RPS[$n]}" "$(ratio "${RPS[$n]}" "${RPS[$b]}")" \
      "${P50[$n]}" "$(ratio "${P50[$n]}" "${P50[$b]}")" \
      "${P99[$n]}" "$(ratio "${P99[$n]}" "${P99[$b]}")" \
      "${LAT1[$n]}" "${ERR[$n]}" "${RSS[$n]}M" "$(secs "${FIRST[$n]}")" "$(secs "${SECOND[$n]}")"
  done
  echo
  echo "jco-*: node $(basename "$JCO") serve --isolate-requests instance (a fresh instance per request); first 200 includes jco transpiling the component"
  echo "spinj-*: \`spin up\`; first 200 = <app>/.spin deleted before (no compile cache), warm 200 = started again right after"
  echo "hello-js = examples/hello-js/dist/hello-js.wasm ($(stat -c %s "$HELLO_JS/dist/hello-js.wasm") bytes), hello-c = examples/hello-c-component/hello.wasm ($(stat -c %s "$HELLO_C/hello.wasm") bytes)"
  echo "peak RSS = VmHWM of the serving process (node for jco; the \`spin trigger http\` child JVM for spinj)"
  echo "errors = non-2xx responses + socket errors over both measured runs; total bench time $((END_S - BEGIN_S)) s"
}

report | tee "$RESULTS/components.txt"
