#!/usr/bin/env bash
# Builds stream-guest.wasm (a wasi:http component) from stream-guest.c: clang (wasm32, no libc)
# makes the core module with spin-wasm's wasihttp/guest-common.h; spin-wasm's wasihttp/embed.mjs
# embeds its proxy-shaped world (with jco's wasi:* 0.2.12 WIT) and makes the component with jco.
# Needs `npm ci` in spin-component-model/tools (or JCO_TOOLS=<a tools dir with it>).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../../../../.." && pwd)
tools=${JCO_TOOLS:-$root/spin-component-model/tools}
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
wasihttp="$root/spin-wasm/src/test/resources/wasihttp"
clang --target=wasm32 -O2 -nostdlib -Wl,--no-entry -Wl,--export-dynamic -Wl,--strip-all -I "$wasihttp" \
  -o "$scratch/guest.module.wasm" "$here/stream-guest.c"
node "$wasihttp/embed.mjs" "$tools" "$scratch/guest.module.wasm" "$here/stream-guest.wasm"
