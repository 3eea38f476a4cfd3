#!/usr/bin/env bash
# Builds the JS test apps (apps/<name>/index.js) into Spin 3 components with the Spin JS SDK's
# tools, as the Spin http-js template does (esbuild bundle, then j2w = componentize-js), e.g.
#
#   ./build.sh ../../../target/js-guests acceptance     # -> target/js-guests/acceptance.wasm
#   ./build.sh ../../../target/js-guests                # only installs the tools (jco serve)
#
# Everything it writes goes under OUT_DIR: OUT_DIR/node-project holds a copy of this project
# with `npm ci`'s node_modules (installed again only when package-lock.json changes), so the
# source tree stays clean. Progress goes to stdout; the built .wasm are never committed.
set -euo pipefail

if [ $# -lt 1 ]; then
  echo "usage: $0 OUT_DIR [APP...]" >&2
  exit 2
fi
# first, and with shell built-ins only, so that a missing toolchain is what gets reported
for tool in node npm; do
  command -v "$tool" >/dev/null 2>&1 || { echo "[js-guests] $tool is not on PATH: install Node.js 18+ with npm" >&2; exit 3; }
done
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
mkdir -p "$1"
OUT="$(cd "$1" && pwd)"
shift
PROJECT="$OUT/node-project"

say() { echo "[js-guests] $*"; }
elapsed() { echo "$(( $(date +%s) - $1 )) s"; }

mkdir -p "$PROJECT"
cp "$HERE/package.json" "$HERE/package-lock.json" "$HERE/build.mjs" "$PROJECT/"
LOCK_SHA="$(sha256sum "$HERE/package-lock.json" | cut -d' ' -f1)"
STAMP="$PROJECT/node_modules/.spinj-lock-sha256"
if [ "$(cat "$STAMP" 2>/dev/null || true)" != "$LOCK_SHA" ]; then
  start="$(date +%s)"
  say "npm ci in $PROJECT (Spin JS SDK build tools, componentize-js, jco; ~100 MB, once per lock file)"
  (cd "$PROJECT" && npm ci --no-audit --no-fund --loglevel=error)
  echo "$LOCK_SHA" >"$STAMP"
  say "npm ci done in $(elapsed "$start")"
else
  say "node_modules up to date with package-lock.json"
fi

for app in "$@"; do
  [ -f "$HERE/apps/$app/index.js" ] || { echo "[js-guests] no app $app: $HERE/apps/$app/index.js is missing" >&2; exit 4; }
  start="$(date +%s)"
  rm -rf "$PROJECT/apps/$app" "$PROJECT/build/$app" "$OUT/$app.wasm"
  mkdir -p "$PROJECT/apps" "$PROJECT/build/$app"
  cp -R "$HERE/apps/$app" "$PROJECT/apps/$app"
  say "$app: bundling apps/$app/index.js with esbuild"
  (cd "$PROJECT" && node build.mjs "apps/$app/index.js" "build/$app/bundle.js")
  say "$app: componentizing with j2w (StarlingMonkey; takes a while)"
  (cd "$PROJECT" && npx --no-install j2w -i "build/$app/bundle.js" -o "$OUT/$app.wasm" --initLocation "http://$app.localhost")
  # j2w reports a failed componentization on stderr but still exits 0: the file is the verdict
  [ -s "$OUT/$app.wasm" ] || { echo "[js-guests] $app: j2w wrote no $OUT/$app.wasm (see its output above)" >&2; exit 5; }
  say "$app: $OUT/$app.wasm ($(stat -c %s "$OUT/$app.wasm") bytes) in $(elapsed "$start")"
done
