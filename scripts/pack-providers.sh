#!/usr/bin/env bash
# npm's prepack: puts both providers, for every platform the committed lock pins, into
# providers/ (the unpacked mirror layout, one registry name each), so that the package plans
# and applies on a machine without Go and without a registry. edgenet points the engine there
# (lib/host/engine/packaged-providers.ts). The builds come from the test bed's reproducible,
# cached builds, so their hashes are the lock's. postpack removes providers/ again.
#
#   scripts/pack-providers.sh          fill providers/
#   scripts/pack-providers.sh clean    remove it
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT=$ROOT/providers
log() { printf 'pack-providers: %s\n' "$*" >&2; }

rm -rf "$OUT"
[ "${1:-}" != clean ] || exit 0

log "building the providers for every platform the lock pins (cached after the first time)"
EDGENET_PROVIDER_ARCHES=all bash "$ROOT/scripts/testbed.sh" tools
for address in edgenet.dev/edgenet/edgenet registry.terraform.io/kreuzwerker/docker; do
  [ -d "$ROOT/.testbed/mirror/$address" ] || { log "error: the test bed's mirror has no $address"; exit 1; }
  (cd "$ROOT/.testbed/mirror" && find -L "$address" -type f -name 'terraform-provider-*') | while read -r build; do
    install -D -m 0755 "$ROOT/.testbed/mirror/$build" "$OUT/$build"
  done
done
log "providers/ holds: $(cd "$OUT" && find . -type f | sed 's|^\./||' | sort | tr '\n' ' ')"
