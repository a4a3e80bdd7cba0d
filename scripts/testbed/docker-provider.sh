# shellcheck shell=bash
# Test bed module: kreuzwerker/docker 4.6.0 built from the Go module proxy into the test bed's
# mirror and the engines' implied local mirror, for the platforms testbed.sh selects
# (PROVIDER_ARCHES: this machine's; linux_amd64 and linux_arm64 for `lock` or
# EDGENET_PROVIDER_ARCHES=all, since edge hosts are often arm64 gateways):
#   <mirror>/registry.terraform.io/kreuzwerker/docker/4.6.0/linux_<arch>/terraform-provider-docker_v4.6.0
#   (and registry.opentofu.org/..., where tofu looks for the same source)
#
# No registry serves the provider as a binary here. The Go module proxy serves its source only
# at pseudo-version v0.0.0-20260916201441-96d331c98ff4 (CHANGELOG head: v4.6.0; the commits
# TESTBED.md names for 3.6.2/3.9.0/4.5.0 answer 403 "not available"), and the module declares the
# path github.com/terraform-providers/terraform-provider-docker, so it is built through the wrapper
# module scripts/testbed/docker-provider/ (a replace directive; its go.sum pins every module).
#
# edgenet's patch (scripts/testbed/docker-provider/_overlay, put over the provider's own file at
# build time): docker_network adopts an identical network of the same name on create, and reads
# and removals no longer wait 2 s first. The watcher's subnet move needs the first (it makes the
# new network itself before the plan, docs/design.md); the second takes 4 s of fixed waiting out
# of every move. A third part (resource_docker_container_import.go, and container-import.patch
# pointing the container's importer at it; .patch files are applied to the provider's source)
# records an imported container's environment, so `edgenet adopt` plans no replacement for it.
# Everything else is upstream 4.6.0.
#
# The build is made to be reproducible (go_build_reproducible in testbed.sh: the Go toolchain
# named on the wrapper's `toolchain` line, CGO off, -trimpath, no VCS stamp, no build ID); the
# unpatched build was byte-identical from copies of the wrapper in other directories, and
# DOCKER_PROVIDER_VERIFY=1 checks the patched one the same way (not run again since the patch).
# Builds are cached under $CACHE/docker-provider/<hash of the wrapper, its patch and flags>/linux_<arch>/;
# the hash names every platform the directory may hold (PROVIDER_ALL_ARCHES), not the ones a run
# builds, so a cache filled with both platforms serves a run that builds one and the other way
# round, and a platform missing from it is built into it. The mirrors link every platform the
# cache holds for these sources, and lose links to builds of other sources.
# Seen here (2026-11, go1.26.8 on linux/amd64), patched build:
#   linux_amd64 sha256 748d9a37cddd82114f477060bccbafb1acdac679f2ddd3d38758c6006296a077
#   linux_arm64 sha256 303eb6ea60888a2e433535ef4d76b34e13ff661b85a79c107d227bce29d0b3b6

DOCKER_PROVIDER_VERSION=4.6.0
DOCKER_PROVIDER_HOSTS=(registry.terraform.io registry.opentofu.org)
DOCKER_PROVIDER_LDFLAGS="-s -w -buildid= -X main.version=$DOCKER_PROVIDER_VERSION"
DOCKER_PROVIDER_PACKAGE=github.com/terraform-providers/terraform-provider-docker
DOCKER_PROVIDER_MODULE=github.com/kreuzwerker/terraform-provider-docker@v0.0.0-20260916201441-96d331c98ff4

# Builds the wrapper module in $1 for linux/$2 into the file $3, with edgenet's patch: the
# provider's module is copied out of the module cache (which Go keeps read-only and will not
# overlay), the files in $1/_overlay are put over its internal/provider, and a copy of the
# wrapper builds it through a directory replace. -trimpath keeps the binary independent of
# where the copy is.
docker_provider_build() {
  local wrapper=$1 work module
  module=$(cd "$wrapper" && GOFLAGS=-mod=readonly go mod download -json "$DOCKER_PROVIDER_MODULE" | jq -r .Dir) ||
    die "cannot download $DOCKER_PROVIDER_MODULE from the Go module proxy"
  work=$(mktemp -d)
  cp -r "$module" "$work/provider"
  chmod -R u+w "$work/provider"
  cp "$wrapper"/_overlay/*.go "$work/provider/internal/provider/"
  local patch
  for patch in "$wrapper"/_overlay/*.patch; do
    [ -e "$patch" ] || continue
    patch -s -d "$work/provider" -p1 <"$patch" || die "applying $patch to kreuzwerker/docker failed"
  done
  mkdir "$work/build"
  cp "$wrapper"/go.mod "$wrapper"/go.sum "$wrapper"/tools.go "$work/build/"
  (cd "$work/build" && go mod edit -replace "$DOCKER_PROVIDER_PACKAGE=../provider")
  go_build_reproducible "$work/build" "$2" "$3" "$DOCKER_PROVIDER_PACKAGE" "$DOCKER_PROVIDER_LDFLAGS"
  rm -rf "$work"
}

docker_provider_hash() {
  (
    cd "$1"
    sha256sum go.mod go.sum _overlay/*.go _overlay/*.patch
    echo "ldflags=$DOCKER_PROVIDER_LDFLAGS trimpath cgo=0 arches=${PROVIDER_ALL_ARCHES[*]}"
  ) | sha256sum | cut -c1-16
}

# DOCKER_PROVIDER_VERIFY=1: builds again from a copy of the wrapper in another directory and
# fails unless both binaries of each platform built are byte-identical.
docker_provider_verify() {
  local built=$1 work arch name=terraform-provider-docker_v$DOCKER_PROVIDER_VERSION
  work=$(mktemp -d)
  mkdir -p "$work/elsewhere/deeper"
  cp -a "$ROOT/scripts/testbed/docker-provider" "$work/elsewhere/deeper/b"
  for arch in "${PROVIDER_ARCHES[@]}"; do
    docker_provider_build "$work/elsewhere/deeper/b" "$arch" "$work/out-$arch"
    cmp "$work/out-$arch" "$built/linux_$arch/$name" ||
      { rm -rf "$work"; die "kreuzwerker/docker builds for linux_$arch differ between directories"; }
    log "kreuzwerker/docker linux_$arch reproducible: sha256 $(sha256sum "$work/out-$arch" | cut -d' ' -f1)"
  done
  rm -rf "$work"
}

testbed_tools_docker_provider() {
  command -v go >/dev/null || die "Go is needed to build the kreuzwerker/docker provider"
  command -v patch >/dev/null || apt_install patch
  local src=$ROOT/scripts/testbed/docker-provider name=terraform-provider-docker_v$DOCKER_PROVIDER_VERSION built arch
  built=$CACHE/docker-provider/$(docker_provider_hash "$src")
  for arch in "${PROVIDER_ARCHES[@]}"; do
    if [ ! -x "$built/linux_$arch/$name" ]; then
      log "building kreuzwerker/docker $DOCKER_PROVIDER_VERSION for linux_$arch from the Go module proxy (cold build: minutes)"
      docker_provider_build "$src" "$arch" "$built/linux_$arch/$name"
    fi
  done
  [ "${DOCKER_PROVIDER_VERIFY:-}" != 1 ] || docker_provider_verify "$built"
  local mirror host
  for mirror in "$TESTBED/mirror" "$HOME/.terraform.d/plugins"; do
    for host in "${DOCKER_PROVIDER_HOSTS[@]}"; do
      for arch in "${PROVIDER_ALL_ARCHES[@]}"; do
        mirror_provider_build "$built/linux_$arch/$name" "$mirror/$host/kreuzwerker/docker/$DOCKER_PROVIDER_VERSION/linux_$arch/$name" "$CACHE/docker-provider/"
      done
    done
  done
  log "kreuzwerker/docker $DOCKER_PROVIDER_VERSION (linux: ${PROVIDER_ARCHES[*]}) in $TESTBED/mirror"
}
