#!/usr/bin/env bash
# Builds http-guest.wasm (a wasi:http component) from http-guest.c: clang (wasm32, no libc) makes
# the core module, embed.mjs embeds guest.wit (with the wasi:* 0.2.12 WIT jco ships) and makes the
# component with jco. Needs `npm ci` in spin-component-model/tools (or JCO_TOOLS=<a tools dir with it>).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
tools=${JCO_TOOLS:-$(cd "$here/../../../../../spin-component-model/tools" && pwd)}
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
clang --target=wasm32 -O2 -nostdlib -Wl,--no-entry -Wl,--export-dynamic -Wl,--strip-all \
  -o "$scratch/guest.module.wasm" "$here/http-guest.c"
node "$here/embed.mjs" "$tools" "$scratch/guest.module.wasm" "$here/http-guest.wasm"
