#!/usr/bin/env bash
# Runs the spinj CLI; builds spin-cli/target/spin.jar first when it is missing.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
jar="$root/spin-cli/target/spin.jar"
if [ ! -f "$jar" ]; then
  echo "Building $jar (first run)..." >&2
  (cd "$root" && mvn -q -B -DskipTests package) >&2
fi
exec java -jar "$jar" "$@"
