#!/usr/bin/env bash
# Builds every component fixture from its source, into the fixtures directory or OUT_DIR:
#   <name>.wat -> <name>.wasm                       (jco parse: wasm-tools' text parser)
#   <name>.c   -> <name>.core.wasm, <name>.wasm     (clang wasm32-wasi reactor, then
#                                                    componentEmbed with <name>.wit, componentNew)
#   <name>.module.wat -> <name>.core.wasm, <name>.wasm  (jco parse, then embed-new.mjs with the
#                                                    WIT file and world its `;; embed:` line names)
#   <name>.compose.json -> <name>.wasm              (compose-wat.mjs: the parts just built,
#                                                    nested and plugged as wac would, jco parse)
# Needs `npm ci` in this directory, and clang with wasi-libc (see README.md).
#   usage: build-fixtures.sh [OUT_DIR]
set -euo pipefail
tools=$(cd "$(dirname "$0")" && pwd)
fixtures=$(cd "$tools/../src/test/resources/components" && pwd)
out=${1:-$fixtures}
mkdir -p "$out"
out=$(cd "$out" && pwd)
jco="$tools/node_modules/.bin/jco"
[[ -x $jco ]] || { echo "build-fixtures.sh: run 'npm ci' in $tools first" >&2; exit 2; }
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

for wat in "$fixtures"/*.wat; do
  [[ $wat == *.module.wat ]] && continue
  name=$(basename "$wat" .wat)
  "$jco" parse "$wat" -o "$out/$name.wasm" >/dev/null
done

for wat in "$fixtures"/*.module.wat; do
  name=$(basename "$wat" .module.wat)
  read -r wit world < <(sed -n 's/^;; embed: //p' "$wat")
  [[ -n ${world:-} ]] || { echo "build-fixtures.sh: $wat lacks an ';; embed: <wit> <world>' line" >&2; exit 2; }
  "$jco" parse "$wat" -o "$scratch/$name.module.wasm" >/dev/null
  node "$tools/embed-new.mjs" "$scratch/$name.module.wasm" "$fixtures/$wit" "$out/$name" "$world"
done

for c in "$fixtures"/*.c; do
  name=$(basename "$c" .c)
  clang --target=wasm32-wasi -O2 -mexec-model=reactor -Wl,--strip-all -o "$scratch/$name.module.wasm" "$c"
  node "$tools/embed-new.mjs" "$scratch/$name.module.wasm" "$fixtures/$name.wit" "$out/$name"
done

for spec in "$fixtures"/*.compose.json; do
  name=$(basename "$spec" .compose.json)
  node "$tools/compose-wat.mjs" "$spec" "$out" > "$scratch/$name.composed.wat"
  "$jco" parse "$scratch/$name.composed.wat" -o "$out/$name.wasm" >/dev/null
done
