#!/usr/bin/env bash
# Builds netmon's daemon (watcher/netmon/*.go, the standard library only) into
# dist/netmon/linux_<arch>/edgenet-netmon, where `edgenet netmon` runs it from:
#
#   scripts/build-netmon.sh          this machine's platform (npm run build, npm ci)
#   scripts/build-netmon.sh all      linux_amd64 and linux_arm64 (npm pack, the package carries both)
#
# Static (CGO off) and stripped, so it runs in any image and maps little. A build newer than
# every source is kept.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SRC=$ROOT/watcher/netmon
die() { printf 'build-netmon: error: %s\n' "$*" >&2; exit 1; }

case "${1:-}" in
  all) arches=(amd64 arm64) ;;
  "")
    case "$(uname -m)" in
      x86_64 | amd64) arches=(amd64) ;;
      aarch64 | arm64) arches=(arm64) ;;
      *) die "no netmon build for this machine ($(uname -m)); allowed: x86_64, aarch64" ;;
    esac
    ;;
  *) die "unknown argument ${1}; allowed: all, or nothing for this machine's platform" ;;
esac

for arch in "${arches[@]}"; do
  out=$ROOT/dist/netmon/linux_$arch/edgenet-netmon
  if [ -x "$out" ] && [ -z "$(find "$SRC" -name '*.go' -o -name go.mod | xargs -r -I{} find {} -newer "$out")" ]; then
    continue
  fi
  command -v go >/dev/null || die "$out is missing or older than its sources, and there is no Go to build it (install Go, or the npm package, which carries it)"
  mkdir -p "$(dirname "$out")"
  (cd "$SRC" && GOOS=linux GOARCH=$arch CGO_ENABLED=0 GOFLAGS=-mod=readonly \
    go build -trimpath -buildvcs=false -ldflags='-s -w' -o "$out.tmp" .) || die "building netmon for linux_$arch failed"
  mv "$out.tmp" "$out"
done
