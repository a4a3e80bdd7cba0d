# shellcheck shell=bash
# Test bed module: the edgenet provider (provider/, Go) built from source into the test bed's
# mirror and the engines' implied local mirror, for the platforms testbed.sh selects
# (PROVIDER_ARCHES: this machine's; linux_amd64 and linux_arm64 for `lock` or
# EDGENET_PROVIDER_ARCHES=all):
#   <mirror>/edgenet.dev/edgenet/edgenet/0.1.0/linux_<arch>/terraform-provider-edgenet_v0.1.0
#
# The build is reproducible, because the committed .terraform.lock.hcl carries the binaries'
# hashes (go_build_reproducible in testbed.sh: CGO off, -trimpath, no VCS stamp, no build ID, the
# Go toolchain named on provider/go.mod's `toolchain` line); a change to provider/'s sources
# changes them, and then `scripts/testbed.sh lock` writes the lock anew. Builds are cached under
# $CACHE/edgenet-provider/<hash of provider/'s sources, go.mod, go.sum and the build flags>/linux_<arch>/;
# as for kreuzwerker/docker (docker-provider.sh), the hash names every platform the directory may
# hold, so caches made by runs that built one platform or both serve each other, and the mirrors
# link every platform the cache holds for these sources.
#
# Seen here (2026-11, go1.26.8 on linux/amd64, the local toolchain matching the pin): the
# build from the work tree and two builds from copies of provider/ under other directories
# (EDGENET_PROVIDER_VERIFY=1 does exactly that) were byte-identical for both architectures,
# at the sources of the provider's first commit and again after later changes to its tests.
# Each change to its sources changes the binaries; .terraform.lock.hcl holds the current ones'
# hashes (scripts/testbed.sh lock writes it).
# A cold build of both took ~1.5 min here (one platform, about half); the cached path is instant.

EDGENET_PROVIDER_VERSION=0.1.0
EDGENET_PROVIDER_SOURCE=edgenet.dev/edgenet/edgenet
EDGENET_PROVIDER_LDFLAGS='-s -w -buildid='

# Builds provider sources in $1 for linux/$2 into the file $3.
edgenet_provider_build() {
  go_build_reproducible "$1" "$2" "$3" . "$EDGENET_PROVIDER_LDFLAGS"
}

# The cache key: every file the build reads from provider/ (tests are not built in), plus how
# it is built.
edgenet_provider_hash() {
  (
    cd "$1"
    find . -type f \( -name '*.go' -o -name go.mod -o -name go.sum \) ! -name '*_test.go' -print0 |
      LC_ALL=C sort -z | xargs -0 sha256sum
    echo "ldflags=$EDGENET_PROVIDER_LDFLAGS trimpath cgo=0 arches=${PROVIDER_ALL_ARCHES[*]}"
  ) | sha256sum | cut -c1-16
}

# EDGENET_PROVIDER_VERIFY=1: builds again from two copies of the sources in other directories
# and fails unless all three binaries of each platform built are byte-identical.
edgenet_provider_verify() {
  local built=$1 work arch name=terraform-provider-edgenet_v$EDGENET_PROVIDER_VERSION
  work=$(mktemp -d)
  cp -a "$ROOT/provider" "$work/a"
  mkdir -p "$work/elsewhere/deeper"
  cp -a "$ROOT/provider" "$work/elsewhere/deeper/b"
  for arch in "${PROVIDER_ARCHES[@]}"; do
    edgenet_provider_build "$work/a" "$arch" "$work/out-a-$arch"
    edgenet_provider_build "$work/elsewhere/deeper/b" "$arch" "$work/out-b-$arch"
    cmp "$work/out-a-$arch" "$work/out-b-$arch" && cmp "$work/out-a-$arch" "$built/linux_$arch/$name" ||
      { rm -rf "$work"; die "edgenet provider builds for linux_$arch differ between directories"; }
    log "edgenet provider linux_$arch reproducible: sha256 $(sha256sum "$work/out-a-$arch" | cut -d' ' -f1)"
  done
  rm -rf "$work"
}

testbed_tools_edgenet_provider() {
  command -v go >/dev/null || die "Go is needed to build the edgenet provider (provider/)"
  local src=$ROOT/provider name=terraform-provider-edgenet_v$EDGENET_PROVIDER_VERSION built arch mirror
  built=$CACHE/edgenet-provider/$(edgenet_provider_hash "$src")
  for arch in "${PROVIDER_ARCHES[@]}"; do
    if [ ! -x "$built/linux_$arch/$name" ]; then
      log "building the edgenet provider for linux_$arch"
      edgenet_provider_build "$src" "$arch" "$built/linux_$arch/$name"
    fi
  done
  [ "${EDGENET_PROVIDER_VERIFY:-}" != 1 ] || edgenet_provider_verify "$built"
  for mirror in "$TESTBED/mirror" "$HOME/.terraform.d/plugins"; do
    for arch in "${PROVIDER_ALL_ARCHES[@]}"; do
      mirror_provider_build "$built/linux_$arch/$name" "$mirror/$EDGENET_PROVIDER_SOURCE/$EDGENET_PROVIDER_VERSION/linux_$arch/$name" "$CACHE/edgenet-provider/"
    done
  done
  log "edgenet provider $EDGENET_PROVIDER_VERSION ($EDGENET_PROVIDER_SOURCE, linux: ${PROVIDER_ARCHES[*]}) in $TESTBED/mirror"
}
