# shellcheck shell=bash
# Test bed module: kreuzwerker/docker 4.6.0 built from the Go module proxy into the test bed's
# mirror and the engines' implied local mirror, for linux_amd64 and linux_arm64 (edge hosts are
# often arm64 gateways):
#   <mirror>/registry.terraform.io/kreuzwerker/docker/4.6.0/linux_<arch>/terraform-provider-docker_v4.6.0
#   (and registry.opentofu.org/..., where tofu looks for the same source)
#
# No registry serves the provider as a binary here. The Go module proxy serves its source only
# at pseudo-version v0.0.0-20260916201441-96d331c98ff4 (CHANGELOG head: v4.6.0; the commits
# TESTBED.md names for 3.6.2/3.9.0/4.5.0 answer 403 "not available"), and the module declares the
# path github.com/terraform-providers/terraform-provider-docker, so it is built through the wrapper
# module scripts/testbed/docker-provider/ (a replace directive; its go.sum pins every module).
#
# The build is reproducible (go_build_reproducible in testbed.sh: the Go toolchain named on the
# wrapper's `toolchain` line, CGO off, -trimpath, no VCS stamp, no build ID). Builds are cached
# under $CACHE/docker-provider/<hash of the wrapper and flags>.
# Seen here (2026-11, go1.26.8 on linux/amd64): a cold build of both takes ~4.5 min, the cached
# path is instant; builds from a copy of the wrapper in another directory, also with an empty Go
# build cache (GOCACHE), were byte-identical:
#   linux_amd64 sha256 30d4ec5767be43ca69310802fa6dd8816cff97a0b23448c0835723a3ad057c45
#   linux_arm64 sha256 75aceab9ee021b221663ec43ac2a31ac898889b418571f8893ac31b1627ed515

DOCKER_PROVIDER_VERSION=4.6.0
DOCKER_PROVIDER_HOSTS=(registry.terraform.io registry.opentofu.org)
DOCKER_PROVIDER_ARCHES=(amd64 arm64)
DOCKER_PROVIDER_LDFLAGS="-s -w -buildid= -X main.version=$DOCKER_PROVIDER_VERSION"
DOCKER_PROVIDER_PACKAGE=github.com/terraform-providers/terraform-provider-docker

# Builds the wrapper module in $1 for linux/$2 into the file $3.
docker_provider_build() {
  go_build_reproducible "$1" "$2" "$3" "$DOCKER_PROVIDER_PACKAGE" "$DOCKER_PROVIDER_LDFLAGS"
}

docker_provider_hash() {
  (
    cd "$1"
    sha256sum go.mod go.sum
    echo "ldflags=$DOCKER_PROVIDER_LDFLAGS trimpath cgo=0 arches=${DOCKER_PROVIDER_ARCHES[*]}"
  ) | sha256sum | cut -c1-16
}

# DOCKER_PROVIDER_VERIFY=1: builds again from a copy of the wrapper in another directory and
# fails unless both binaries of each architecture are byte-identical.
docker_provider_verify() {
  local built=$1 work arch name=terraform-provider-docker_v$DOCKER_PROVIDER_VERSION
  work=$(mktemp -d)
  mkdir -p "$work/elsewhere/deeper"
  cp -a "$ROOT/scripts/testbed/docker-provider" "$work/elsewhere/deeper/b"
  for arch in "${DOCKER_PROVIDER_ARCHES[@]}"; do
    docker_provider_build "$work/elsewhere/deeper/b" "$arch" "$work/out-$arch"
    cmp "$work/out-$arch" "$built/linux_$arch/$name" ||
      { rm -rf "$work"; die "kreuzwerker/docker builds for linux_$arch differ between directories"; }
    log "kreuzwerker/docker linux_$arch reproducible: sha256 $(sha256sum "$work/out-$arch" | cut -d' ' -f1)"
  done
  rm -rf "$work"
}

testbed_tools_docker_provider() {
  command -v go >/dev/null || die "Go is needed to build the kreuzwerker/docker provider"
  local src=$ROOT/scripts/testbed/docker-provider name=terraform-provider-docker_v$DOCKER_PROVIDER_VERSION built arch
  built=$CACHE/docker-provider/$(docker_provider_hash "$src")
  for arch in "${DOCKER_PROVIDER_ARCHES[@]}"; do
    if [ ! -x "$built/linux_$arch/$name" ]; then
      log "building kreuzwerker/docker $DOCKER_PROVIDER_VERSION for linux_$arch from the Go module proxy (cold build: minutes)"
      docker_provider_build "$src" "$arch" "$built/linux_$arch/$name"
    fi
  done
  [ "${DOCKER_PROVIDER_VERIFY:-}" != 1 ] || docker_provider_verify "$built"
  local mirror host
  for mirror in "$TESTBED/mirror" "$HOME/.terraform.d/plugins"; do
    for host in "${DOCKER_PROVIDER_HOSTS[@]}"; do
      for arch in "${DOCKER_PROVIDER_ARCHES[@]}"; do
        local dir=$mirror/$host/kreuzwerker/docker/$DOCKER_PROVIDER_VERSION/linux_$arch
        mkdir -p "$dir"
        ln -sf "$built/linux_$arch/$name" "$dir/$name"
      done
    done
  done
  log "kreuzwerker/docker $DOCKER_PROVIDER_VERSION (linux: ${DOCKER_PROVIDER_ARCHES[*]}) in $TESTBED/mirror"
}
