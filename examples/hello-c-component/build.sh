#!/usr/bin/env bash
# Builds hello.c into the two files spin.toml serves (both committed):
#   hello.core.wasm  core module + `component-type` section (componentEmbed only: the shape
#                    Rust spin-sdk 2-5 builds have)
#   hello.wasm       a component (componentNew, with the preview1 reactor adapter jco ships;
#                    hello.c imports no preview1 function, so the adapter adds nothing)
# Uses spin-component-model/tools (jco 1.35.0: its embed-new.mjs and the WASI 0.2.12 WIT it
# ships). Needs clang with wasi-libc (Debian: clang lld wasi-libc libclang-rt-14-dev-wasm32),
# node and npm.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
tools="$here/../../spin-component-model/tools"
wasi_wit="$tools/node_modules/@bytecodealliance/jco/lib/wit/builtin/0.2.12"

[ -d "$wasi_wit" ] || (cd "$tools" && npm ci --no-audit --no-fund --loglevel=error)
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT

# One WIT source: world.wit, then each WASI package as a nested `package ... { }` block. jco
# 1.35.0's embed cannot read a WIT directory with deps/ (its wasm-tools sees no file system).
{
  cat "$here/wit/world.wit"
  for package in "$wasi_wit"/*/package.wit; do
    awk '!opened && /^package [^ ]+;$/ { sub(/;$/, " {"); opened = 1 } { print } END { print "}" }' "$package"
  done
} >"$scratch/world.wit"

cd "$here"
clang --target=wasm32-wasi -O2 -mexec-model=reactor -Wl,--strip-all -o "$scratch/hello.module.wasm" hello.c
node "$tools/embed-new.mjs" "$scratch/hello.module.wasm" "$scratch/world.wit" hello hello
ls -l hello.core.wasm hello.wasm
