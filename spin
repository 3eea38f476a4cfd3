#!/usr/bin/env bash
# Runs the spinj CLI; builds spin-cli/target/spin.jar first when it is missing.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
jar="$root/spin-cli/target/spin.jar"
if [ ! -f "$jar" ]; then
  echo "Building $jar (first run)..." >&2
  (cd "$root" && mvn -q -B -DskipTests package) >&2
fi

# Class-data sharing: the first run records the classes it loads, later runs map them (faster
# startup). Keyed by the jar and the java binary; SPINJ_NO_CDS=1 turns it off.
cds=()
if [ -z "${SPINJ_NO_CDS:-}" ]; then
  cache="${XDG_CACHE_HOME:-$HOME/.cache}/spinj/cds"
  java_bin="$(readlink -f "$(command -v java)")"
  key="$(printf '%s|%s' "$(stat -c '%s-%Y' "$jar")" "$java_bin" | cksum | cut -d' ' -f1)"
  archive="$cache/cli-${1:-none}-$key.jsa"  # per subcommand: each loads different classes
  if [ -f "$archive" ]; then
    cds=(-XX:SharedArchiveFile="$archive" -Xlog:cds=off,cds+dynamic=off)
  elif mkdir -p "$cache" 2>/dev/null; then
    cds=(-XX:ArchiveClassesAtExit="$archive" -Xlog:cds=off,cds+dynamic=off)
  fi
fi
exec java "${cds[@]}" -jar "$jar" "$@"
