#!/usr/bin/env bash
# bench/component-model: spinj's component-model engine against jco + node on the same
# component (bench.wasm) and the same calls. Prints the load average, then both tables.
#   bench/component-model/run.sh                      # 3000 warm-up + 3000 measured per row
#   WARMUP=500 MEASURED=500 bench/component-model/run.sh
# Needs Maven, a JDK 17+, node >= 20 and npm (jco comes from spin-component-model/tools' lock file).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
tools="$root/spin-component-model/tools"
WARMUP=${WARMUP:-3000}
MEASURED=${MEASURED:-3000}
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

cd "$root"
# spin-wasm's classpath (it includes spin-component-model) so the bench can use its engine;
# the reactor writes the file once per module, spin-wasm's comes last
mvn -q -pl spin-wasm -am package -DskipTests dependency:build-classpath -Dmdep.outputFile="$scratch/cp" -Dmdep.includeScope=runtime
cp="$root/spin-wasm/target/classes:$(cat "$scratch/cp")"

[[ -x "$tools/node_modules/.bin/jco" ]] || (cd "$tools" && npm ci --no-audit --no-fund >/dev/null)
"$tools/node_modules/.bin/jco" transpile "$here/bench.wasm" -o "$scratch/jco" --name bench \
  --instantiation sync --no-typescript --quiet >/dev/null

echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1), node $(node --version)"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "== spinj, Chicory interpreter (${WARMUP} warm-up + ${MEASURED} measured per row)"
java -Dwarmup="$WARMUP" -Dmeasured="$MEASURED" -cp "$cp" "$here/ComponentBench.java" "$here/bench.wasm"
echo
echo "== spinj, compiled core modules + copy-on-write memory (spin-wasm's engine, same counts)"
java -Dengine=compiled -Dwarmup="$WARMUP" -Dmeasured="$MEASURED" -cp "$cp" "$here/ComponentBench.java" "$here/bench.wasm"
echo
echo "== jco $(cd "$tools" && node -p "require('./node_modules/@bytecodealliance/jco/package.json').version") transpile + node (same counts)"
(cd "$scratch/jco" && WARMUP="$WARMUP" MEASURED="$MEASURED" node "$here/bench.mjs" "$scratch/jco")
echo
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
