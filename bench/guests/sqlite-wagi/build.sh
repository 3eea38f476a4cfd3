#!/usr/bin/env bash
# Builds blog.wasm: blog.c with the SQLite amalgamation, which comes from the npm registry inside
# better-sqlite3 (pinned below; SQLite 3.50.4, public domain) into build/ (not committed).
# Needs clang with wasm32-wasi (wasi-libc) and npm. Takes a few minutes: sqlite3.c is 9 MB of C.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
PACKAGE=better-sqlite3@12.4.1
mkdir -p build
if [ ! -f build/sqlite3.c ]; then
  echo "fetching the SQLite amalgamation from $PACKAGE" >&2
  (cd build && npm pack --silent "$PACKAGE" >/dev/null && tar -xzf better-sqlite3-*.tgz \
    --strip-components=3 package/deps/sqlite3/sqlite3.c package/deps/sqlite3/sqlite3.h && rm better-sqlite3-*.tgz)
fi
echo "compiling blog.wasm" >&2
# No threads, mmap, WAL or extensions in a WAGI instance; the wasm name section is kept (function
# names in spinj's logs), debug info is not.
clang --target=wasm32-wasi -O2 -Ibuild \
  -DSQLITE_THREADSAFE=0 -DSQLITE_OMIT_LOAD_EXTENSION -DSQLITE_OMIT_WAL -DSQLITE_MAX_MMAP_SIZE=0 \
  -DSQLITE_OMIT_SHARED_CACHE -D_WASI_EMULATED_GETPID -D_WASI_EMULATED_SIGNAL -D_WASI_EMULATED_MMAN \
  -Wl,--strip-debug -o blog.wasm blog.c build/sqlite3.c \
  -lwasi-emulated-getpid -lwasi-emulated-signal -lwasi-emulated-mman
ls -l blog.wasm >&2
