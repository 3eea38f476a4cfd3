#!/usr/bin/env bash
# Builds the spinj container image without a Docker daemon or Docker Hub: a minimal Debian with a
# headless JRE 17 made by debootstrap from Debian packages, plus spin.jar and a `spin` entrypoint,
# written as an OCI image layout and optionally copied to a registry with skopeo.
#
#   deploy/image/build.sh [--jar spin-cli/target/spin.jar] [--out target/spinj-image] [--tag dev]
#                         [--cache ~/.cache/spinj/image] [--push <registry>/<repo>:<tag>] [--insecure]
#
# Needs root (debootstrap), debootstrap, tar, gzip, sha256sum, and skopeo for --push
# (apt-get install debootstrap skopeo). The Debian base layer is cached by its inputs (suite,
# packages, mirror, architecture) so that rebuilding after a spin.jar change takes seconds.
# DEBIAN_MIRROR overrides the mirror (default: the first one in apt's sources, else deb.debian.org).
#
# The image runs `spin` with whatever arguments it is given, so SpinKube's spintainer executor
# (`up --listen 0.0.0.0:80 -f <app image> --runtime-config-file /runtime-config.toml`) drives it
# unchanged; without arguments it serves /app/spin.toml on port 80.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
jar="$root/spin-cli/target/spin.jar"
out="$root/target/spinj-image"
tag="dev"
cache="${XDG_CACHE_HOME:-$HOME/.cache}/spinj/image"
push=""
tls_verify="true"
suite="bookworm"
packages="openjdk-17-jre-headless,ca-certificates"
# one fixed timestamp for every file and the config: the same inputs give the same layer bytes
epoch="${SOURCE_DATE_EPOCH:-0}"

while [ $# -gt 0 ]; do
  case "$1" in
    --jar) jar="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --tag) tag="$2"; shift 2 ;;
    --cache) cache="$2"; shift 2 ;;
    --push) push="$2"; shift 2 ;;
    --insecure) tls_verify="false"; shift ;;
    -h|--help) sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "build.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done

step=0
steps=4
say() { step=$((step + 1)); echo "[build.sh] step $step/$steps: $*" >&2; }
fail() { echo "build.sh: $*" >&2; exit 1; }

[ -f "$jar" ] || fail "no spin.jar at $jar (build it with: mvn -q -DskipTests package)"
command -v debootstrap >/dev/null || fail "debootstrap is missing (apt-get install debootstrap)"
[ -z "$push" ] || command -v skopeo >/dev/null || fail "skopeo is missing (apt-get install skopeo)"
[ "$(id -u)" = 0 ] || fail "debootstrap needs root"

mirror="${DEBIAN_MIRROR:-$(grep -rhoE '^(URIs:|deb) +https?://[^ ]+/debian/?( |$)' /etc/apt/sources.list /etc/apt/sources.list.d/ 2>/dev/null \
  | head -n1 | awk '{print $2}' || true)}"
mirror="${mirror:-http://deb.debian.org/debian}"
deb_arch="$(dpkg --print-architecture)"
case "$deb_arch" in
  amd64|arm64|s390x|ppc64el) oci_arch="${deb_arch/ppc64el/ppc64le}" ;;
  *) fail "unsupported architecture $deb_arch" ;;
esac

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$cache" "$out"

# A deterministic tar of a directory: sorted names, root-owned, one mtime.
pack() {
  tar --sort=name --numeric-owner --owner=0 --group=0 --mtime="@$epoch" --format=posix \
    --pax-option=exthdr.name=%d/PaxHeaders/%f,delete=atime,delete=ctime -C "$1" -cf "$2" .
}
sha() { sha256sum "$1" | cut -d' ' -f1; }

# --- the Debian base layer, cached by its inputs --------------------------------------------------
base_key="$(printf '%s|%s|%s|%s|%s|v1' "$suite" "$packages" "$mirror" "$deb_arch" "$epoch" | sha256sum | cut -c1-16)"
base_gz="$cache/base-$base_key.tar.gz"
base_diff="$cache/base-$base_key.diffid"
if [ -f "$base_gz" ] && [ -f "$base_diff" ]; then
  say "Debian $suite base with $packages: cached ($base_gz)"
else
  say "Debian $suite base with $packages: debootstrap from $mirror (about a minute, longer on a busy machine)"
  rootfs="$work/rootfs"
  debootstrap --variant=minbase --include="$packages" "$suite" "$rootfs" "$mirror" >"$work/debootstrap.log" 2>&1 \
    || { tail -n 30 "$work/debootstrap.log" >&2; fail "debootstrap failed (log above)"; }
  # what a container never needs: package caches, indexes, docs, man pages, logs
  rm -rf "$rootfs"/var/cache/apt/* "$rootfs"/var/lib/apt/lists/* "$rootfs"/usr/share/doc/* \
    "$rootfs"/usr/share/man/* "$rootfs"/usr/share/info/* "$rootfs"/var/log/* "$rootfs"/tmp/* \
    "$rootfs"/dev/* "$rootfs"/proc/* "$rootfs"/sys/*
  echo "[build.sh]   packing and compressing the base layer ($(du -sh "$rootfs" | cut -f1))" >&2
  pack "$rootfs" "$work/base.tar"
  sha "$work/base.tar" >"$work/base.diffid"
  gzip -n -6 <"$work/base.tar" >"$work/base.tar.gz"
  mv "$work/base.tar.gz" "$base_gz"
  mv "$work/base.diffid" "$base_diff"
  rm -rf "$rootfs" "$work/base.tar"
fi

# --- the spinj layer: spin.jar, the entrypoint, an empty runtime config, a writable /app ----------
say "spinj layer from $jar"
layer="$work/spinj"
mkdir -p "$layer/opt/spinj" "$layer/usr/local/bin" "$layer/app"
cp "$jar" "$layer/opt/spinj/spin.jar"
cat >"$layer/usr/local/bin/spin" <<'EOF'
#!/bin/sh
# spinj's CLI. The JVM sizes its heap from the container's memory limit; JAVA_OPTS adds flags.
exec java -XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError ${JAVA_OPTS:-} -jar /opt/spinj/spin.jar "$@"
EOF
chmod 0755 "$layer/usr/local/bin/spin"
# the operator always mounts its runtime config over this; an empty one keeps plain runs working
: >"$layer/runtime-config.toml"
pack "$layer" "$work/spinj.tar"
spinj_diff="$(sha "$work/spinj.tar")"
gzip -n -6 <"$work/spinj.tar" >"$work/spinj.tar.gz"

# --- config, manifest, index: an OCI image layout -------------------------------------------------
say "OCI image layout in $out (tag $tag)"
rm -rf "$out"
mkdir -p "$out/blobs/sha256"
blob() { # copies a file in as a blob, prints its digest hex
  local hex; hex="$(sha "$1")"; cp "$1" "$out/blobs/sha256/$hex"; echo "$hex"
}
base_hex="$(blob "$base_gz")"
spinj_hex="$(blob "$work/spinj.tar.gz")"
created="$(date -u -d "@$epoch" +%Y-%m-%dT%H:%M:%SZ)"
version="$(unzip -p "$jar" META-INF/MANIFEST.MF 2>/dev/null | sed -n 's/^Implementation-Version: *//p' | tr -d '\r' || true)"
printf '%s' "{\"architecture\":\"$oci_arch\",\"os\":\"linux\",\"created\":\"$created\",\
\"config\":{\"Entrypoint\":[\"/usr/local/bin/spin\"],\"Cmd\":[\"up\",\"--listen\",\"0.0.0.0:80\"],\
\"Env\":[\"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\",\"HOME=/root\",\"LANG=C.UTF-8\"],\
\"WorkingDir\":\"/app\",\"ExposedPorts\":{\"80/tcp\":{}},\
\"Labels\":{\"org.opencontainers.image.title\":\"spinj\",\"org.opencontainers.image.version\":\"${version:-unknown}\",\
\"org.opencontainers.image.base.name\":\"debian:$suite\"}},\
\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"sha256:$(cat "$base_diff")\",\"sha256:$spinj_diff\"]}}" >"$work/config.json"
config_hex="$(blob "$work/config.json")"
size() { stat -c %s "$1"; }
printf '%s' "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\
\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"sha256:$config_hex\",\"size\":$(size "$work/config.json")},\
\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\"sha256:$base_hex\",\"size\":$(size "$base_gz")},\
{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\"sha256:$spinj_hex\",\"size\":$(size "$work/spinj.tar.gz")}]}" >"$work/manifest.json"
manifest_hex="$(blob "$work/manifest.json")"
printf '%s' '{"imageLayoutVersion":"1.0.0"}' >"$out/oci-layout"
printf '%s' "{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\
\"digest\":\"sha256:$manifest_hex\",\"size\":$(size "$work/manifest.json"),\
\"annotations\":{\"org.opencontainers.image.ref.name\":\"$tag\"}}]}" >"$out/index.json"

# --- push -----------------------------------------------------------------------------------------
if [ -n "$push" ]; then
  say "pushing to $push with skopeo"
  skopeo copy --quiet --dest-tls-verify="$tls_verify" "oci:$out:$tag" "docker://$push" >&2
else
  say "not pushing (no --push)"
fi
echo "[build.sh] done: oci:$out:$tag, manifest sha256:$manifest_hex" >&2
echo "sha256:$manifest_hex"
