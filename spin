#!/usr/bin/env bash
# Runs the spinj CLI; builds spin-cli/target/spin.jar first when it is missing.
# The JVM is $JAVA_HOME/bin/java when JAVA_HOME is set, else `java` on PATH; JDK 17 or later.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
jar="$root/spin-cli/target/spin.jar"
if [ ! -f "$jar" ]; then
  echo "Building $jar (first run)..." >&2
  (cd "$root" && mvn -q -B -DskipTests package) >&2
fi
java_cmd="${JAVA_HOME:+$JAVA_HOME/bin/java}"
java_cmd="${java_cmd:-java}"
java_bin="$(readlink -f "$(command -v "$java_cmd")")"

# The CLI process parses, spawns and waits: C1 only and the serial collector (UpJvm.java has the
# same list; triggers get their own options).
opts=(-XX:TieredStopAtLevel=1 -XX:+UseSerialGC)

# Class-data sharing: the first run records the classes it loads, later runs map them (faster
# startup); on JDK 25+ an AOT cache (classes linked, profiles kept) instead. Keyed by the jar and
# the java binary, per subcommand (each loads different classes); SPINJ_NO_CDS=1 turns it off.
if [ -z "${SPINJ_NO_CDS:-}" ]; then
  cache="${XDG_CACHE_HOME:-$HOME/.cache}/spinj/cds"
  key="$(printf '%s|%s' "$(stat -c '%s-%Y' "$jar")" "$java_bin" | cksum | cut -d' ' -f1)"
  release="$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$(dirname "$java_bin")/../release" 2>/dev/null || true)"
  if [ "${release:-0}" -ge 25 ]; then
    archive="$cache/cli-${1:-none}-$key.aot"
    use=-XX:AOTCache="$archive"; record=-XX:AOTCacheOutput="$archive"; quiet=-Xlog:cds=off,cds+dynamic=off,aot=off
  else
    archive="$cache/cli-${1:-none}-$key.jsa"
    use=-XX:SharedArchiveFile="$archive"; record=-XX:ArchiveClassesAtExit="$archive"; quiet=-Xlog:cds=off,cds+dynamic=off
  fi
  if [ -f "$archive" ]; then
    opts+=("$use" "$quiet")
  elif mkdir -p "$cache" 2>/dev/null; then
    opts+=("$record" "$quiet")
  fi
fi
exec "$java_bin" "${opts[@]}" -jar "$jar" "$@"
