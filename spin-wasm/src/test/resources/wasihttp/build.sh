#!/usr/bin/env bash
# Builds the wasi:http test components from http-guest.c: clang (wasm32, no libc) makes the core
# module, embed.mjs embeds guest.wit (with the wasi:* WIT jco ships) and makes the component:
#   http-guest.wasm             imports wasi:http@0.2.12
#   http-guest-2023-11-10.wasm  the same guest against wasi:http@0.2.0-rc-2023-11-10 (-DRC_2023_11_10)
#   http-guest-2023-10-18.wasm  http-guest-2023-10-18.c against wasi:http@0.2.0-rc-2023-10-18
# Needs `npm ci` in spin-component-model/tools (or JCO_TOOLS=<a tools dir that has it>).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
tools=${JCO_TOOLS:-$(cd "$here/../../../../../spin-component-model/tools" && pwd)}
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
cc="clang --target=wasm32 -O2 -nostdlib -Wl,--no-entry -Wl,--export-dynamic -Wl,--strip-all"
$cc -o "$scratch/guest.wasm" "$here/http-guest.c"
node "$here/embed.mjs" "$tools" "$scratch/guest.wasm" "$here/http-guest.wasm"
$cc -DRC_2023_11_10 -o "$scratch/guest-rc.wasm" "$here/http-guest.c"
node "$here/embed.mjs" "$tools" "$scratch/guest-rc.wasm" "$here/http-guest-2023-11-10.wasm" rc
$cc -o "$scratch/guest-1018.wasm" "$here/http-guest-2023-10-18.c"
node "$here/embed.mjs" "$tools" "$scratch/guest-1018.wasm" "$here/http-guest-2023-10-18.wasm" 2023-10-18
