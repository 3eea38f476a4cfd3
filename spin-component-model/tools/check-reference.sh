#!/usr/bin/env bash
# Proves the committed fixtures and goldens still match their sources and jco:
#   1. npm ci (the pinned jco from package-lock.json)
#   2. rebuilds every fixture into a scratch directory; each must be byte-identical to the
#      committed .wasm, and no committed .wasm may lack a source
#   3. runs reference.mjs for every <name>.calls.json on the rebuilt <name>.wasm and diffs the
#      output against the committed <name>.expected.json
# Exits non-zero on any difference. With --update it writes the rebuilt binaries and the new
# outputs over the committed ones instead (then review `git diff`).
#   usage: check-reference.sh [--update]
set -euo pipefail
tools=$(cd "$(dirname "$0")" && pwd)
fixtures=$(cd "$tools/../src/test/resources/components" && pwd)
update=false
[[ ${1:-} == --update ]] && update=true

(cd "$tools" && npm ci --no-audit --no-fund --loglevel=error)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$tools/build-fixtures.sh" "$work/build"
mkdir -p "$work/out"

status=0
for built in "$work/build"/*.wasm; do
  name=$(basename "$built")
  if $update; then
    cp "$built" "$fixtures/$name"
  elif ! cmp -s "$built" "$fixtures/$name"; then
    echo "MISMATCH $name: the committed binary is not what its source builds to"
    status=1
  fi
done
for committed in "$fixtures"/*.wasm; do
  name=$(basename "$committed")
  if [[ ! -e $work/build/$name ]]; then
    echo "STALE $name: no source builds it"
    status=1
  fi
done

checked=0
for calls in "$fixtures"/*.calls.json; do
  name=$(basename "$calls" .calls.json)
  node "$tools/reference.mjs" "$work/build/$name.wasm" "$calls" > "$work/out/$name.expected.json"
  if $update; then
    cp "$work/out/$name.expected.json" "$fixtures/$name.expected.json"
  elif ! diff -u "$fixtures/$name.expected.json" "$work/out/$name.expected.json"; then
    echo "MISMATCH $name.expected.json: jco's output differs from the committed golden"
    status=1
  fi
  checked=$((checked + 1))
done

if [[ $status -ne 0 ]]; then
  echo "check-reference: differences found (regenerate with check-reference.sh --update and review)"
  exit 1
fi
echo "check-reference: $checked goldens and their fixtures match jco"
