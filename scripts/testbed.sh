#!/usr/bin/env bash
# The real test bed: a Docker engine, a Terraform-compatible engine and the
# kreuzwerker/docker provider, installed from the registries this machine reaches.
# Idempotent; builds are cached under $EDGENET_CACHE (default ~/.cache/edgenet).
#
#   scripts/testbed.sh tools   engine + provider mirror + .testbed/terraform.rc (no root needed if cached)
#   scripts/testbed.sh up      tools + dockerd 20.10 and 29 (engine29.sh), each on its own socket,
#                              with the base image local/busybox:latest (root)
#   scripts/testbed.sh down    stop both
#   scripts/testbed.sh env     print the variables the e2e suite uses
#   scripts/testbed.sh lock    tools for both platforms, then .terraform.lock.hcl written anew from the mirror
#
# Each part of the test bed beyond the engine chain (servers the e2e suite talks to, providers
# of our own) is a module, scripts/testbed/<part>.sh, sourced here: it defines any of
# testbed_tools_<part>, testbed_up_<part>, testbed_down_<part>, run in name order after the
# core steps (down: before), and records what the suites need with env_set NAME VALUE.
# A module may also define testbed_dockerd_flags_<part>, run by `up` before dockerd starts,
# which appends to the array DOCKERD_FLAGS (dockerd restarts when its flags change).
#
# The providers are modules: docker-provider.sh (kreuzwerker/docker, from the Go module proxy)
# and edgenet-provider.sh (provider/), both built reproducibly for this machine's platform
# (linux_amd64 or linux_arm64); provider-lock.sh checks the platforms built against the
# committed .terraform.lock.hcl, which carries both platforms' hashes and which
#   scripts/testbed.sh lock    builds them for both platforms and writes anew from the mirror
# EDGENET_PROVIDER_ARCHES=all (or "amd64 arm64", "arm64", ...) makes `tools` and `up` build
# those platforms instead, e.g. to fill a mirror for arm64 edge hosts from an amd64 machine.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
CACHE=${EDGENET_CACHE:-$HOME/.cache/edgenet}
TESTBED=$ROOT/.testbed
TOFU_VERSION=v1.10.7
DOCKER_RUN=${EDGENET_DOCKER_RUN:-/run/edgenet-docker}
DOCKER_SOCK=$DOCKER_RUN/docker.sock
DOCKER_DATA=${EDGENET_DOCKER_DATA:-/var/lib/edgenet-docker}
IMAGE=local/busybox:latest
HELPER_IMAGE=busybox:1.36

# Every platform the providers are built for; the committed lock carries all of their hashes.
PROVIDER_ALL_ARCHES=(amd64 arm64)

log() { printf 'testbed: %s\n' "$*" >&2; }
die() { printf 'testbed: error: %s\n' "$*" >&2; exit 1; }

# Records NAME=VALUE in .testbed/env, replacing an earlier value. The file is 0600: it holds
# secrets (PG_CONN_STR's password).
env_set() {
  mkdir -p "$TESTBED"
  touch "$TESTBED/env"
  (
    umask 077
    grep -v "^$1=" "$TESTBED/env" > "$TESTBED/env.tmp" || true
    printf '%s=%s\n' "$1" "$2" >> "$TESTBED/env.tmp"
  )
  mv "$TESTBED/env.tmp" "$TESTBED/env"
}

# Closes every file descriptor but 0-2 of this (sub)shell. A daemon started under
# `flock /tmp/edgenet-e2e.lock bash scripts/testbed.sh up` would otherwise inherit the lock's
# descriptor and hold the lock for as long as it runs: every other run would wait forever.
close_inherited_fds() {
  local fd
  for fd in /proc/self/fd/*; do
    fd=${fd##*/}
    if [ "$fd" -gt 2 ]; then eval "exec $fd>&-" 2>/dev/null || true; fi
  done
}

# Runs every module function with this prefix, in name order.
run_modules() {
  local fn
  for fn in $(declare -F | awk '{print $3}' | grep "^$1" | sort); do "$fn"; done
}

apt_install() {
  local missing=()
  for pkg in "$@"; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  [ "$(id -u)" -eq 0 ] || die "need root to install ${missing[*]}"
  log "installing ${missing[*]} from Debian"
  if [ ! -f "$CACHE/.apt-updated" ]; then apt-get update -qq; mkdir -p "$CACHE"; touch "$CACHE/.apt-updated"; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}

engine_binary() {
  if [ -n "${TERRAFORM_BINARY_NAME:-}" ]; then command -v "$TERRAFORM_BINARY_NAME"; return; fi
  if command -v terraform >/dev/null 2>&1; then command -v terraform; return; fi
  local tofu=$CACHE/bin/tofu-$TOFU_VERSION
  if [ ! -x "$tofu" ]; then
    command -v go >/dev/null || die "no terraform on PATH and no Go to build OpenTofu"
    log "no terraform on PATH: building OpenTofu $TOFU_VERSION from the Go module proxy (minutes)"
    local dir
    dir=$(cd "$(mktemp -d)" && go mod download -json "github.com/opentofu/opentofu@$TOFU_VERSION" | jq -r .Dir)
    [ -d "$dir" ] || die "go mod download of opentofu $TOFU_VERSION failed"
    mkdir -p "$CACHE/bin"
    (cd "$dir" && CGO_ENABLED=0 go build -o "$tofu.tmp" ./cmd/tofu) && mv "$tofu.tmp" "$tofu"
  fi
  echo "$tofu"
}

# Builds the Go package $4 of the module in $1 for linux/$2 into the file $3, reproducibly, since
# the committed .terraform.lock.hcl carries the binaries' hashes: the toolchain named on go.mod's
# `toolchain` line (GOTOOLCHAIN: the local go when it is that version, else the toolchain module
# from the Go module proxy), CGO off, -trimpath, no VCS stamp, and ldflags $5 (with -buildid=).
go_build_reproducible() {
  local src=$1 arch=$2 out=$3 package=$4 ldflags=$5 toolchain
  toolchain=$(awk '$1 == "toolchain" { print $2 }' "$src/go.mod")
  [ -n "$toolchain" ] || die "$src/go.mod has no toolchain line to pin the Go toolchain"
  mkdir -p "$(dirname "$out")"
  (
    cd "$src"
    GOTOOLCHAIN=$toolchain GOOS=linux GOARCH=$arch CGO_ENABLED=0 GOFLAGS=-mod=readonly \
      go build -trimpath -buildvcs=false -ldflags="$ldflags" -o "$out.tmp" "$package"
  ) || die "building $package in $src for linux_$arch failed"
  mv "$out.tmp" "$out"
}

# Links `$1` as command `$2` into a directory on PATH: /usr/local/bin as root, else ~/.local/bin.
install_on_path() {
  local dir=/usr/local/bin
  [ "$(id -u)" -eq 0 ] || dir=$HOME/.local/bin
  mkdir -p "$dir"
  ln -sf "$1" "$dir/$2"
  case ":$PATH:" in *":$dir:"*) ;; *) log "note: add $dir to PATH to use $2" ;; esac
}

# Sets PROVIDER_ARCHES, the platforms this run builds the providers for: EDGENET_PROVIDER_ARCHES
# (`all`, or a list of amd64 and arm64), else this machine's alone. A cold build takes minutes a
# platform, and a machine deploys with its own platform's builds only.
select_provider_arches() {
  local want=${EDGENET_PROVIDER_ARCHES:-} arch
  if [ -z "$want" ]; then
    case "$(uname -m)" in
      x86_64 | amd64) want=amd64 ;;
      aarch64 | arm64) want=arm64 ;;
      *) die "no provider builds for this machine ($(uname -m)); set EDGENET_PROVIDER_ARCHES to one of ${PROVIDER_ALL_ARCHES[*]}, or all" ;;
    esac
  fi
  [ "$want" != all ] || want="${PROVIDER_ALL_ARCHES[*]}"
  PROVIDER_ARCHES=()
  for arch in ${want//,/ }; do
    case " ${PROVIDER_ALL_ARCHES[*]} " in
      *" $arch "*) ;;
      *) die "EDGENET_PROVIDER_ARCHES: no platform $arch; allowed: ${PROVIDER_ALL_ARCHES[*]}, or all" ;;
    esac
    case " ${PROVIDER_ARCHES[*]} " in *" $arch "*) ;; *) PROVIDER_ARCHES+=("$arch") ;; esac
  done
  [ ${#PROVIDER_ARCHES[@]} -gt 0 ] || die "EDGENET_PROVIDER_ARCHES names no platform; allowed: ${PROVIDER_ALL_ARCHES[*]}, or all"
}

# Links the cached build $1 into a mirror as $2. A platform the cache lacks (not built for these
# sources yet) leaves the mirror instead, when $2 is a link into the cache $3: an older build of
# other sources would be offered to init, which refuses it on the lock's hash.
mirror_provider_build() {
  local built=$1 link=$2 cache=$3
  if [ -x "$built" ]; then
    mkdir -p "$(dirname "$link")"
    ln -sf "$built" "$link"
  elif [ -L "$link" ] && [[ "$(readlink "$link")" == "$cache"* ]]; then
    rm -f "$link"
    rmdir "$(dirname "$link")" 2>/dev/null || true
  fi
}

tools() {
  select_provider_arches
  apt_install jq
  local engine
  engine=$(engine_binary)
  # A built OpenTofu goes on PATH, where edgenet and cdktf look for an engine.
  case "$engine" in "$CACHE"/*) install_on_path "$engine" tofu ;; esac
  mkdir -p "$TESTBED"
  # The providers (modules docker-provider, edgenet-provider) go into the test bed's own mirror
  # (TF_CLI_CONFIG_FILE, for the suites) and into the engines' implied local mirror
  # (~/.terraform.d/plugins), which terraform and tofu search with no configuration at all:
  # `edgenet plan` and `cdktf deploy` need nothing set.
  cat > "$TESTBED/terraform.rc" <<RC
provider_installation {
  filesystem_mirror {
    path    = "$TESTBED/mirror"
    include = ["registry.terraform.io/kreuzwerker/docker", "registry.opentofu.org/kreuzwerker/docker", "edgenet.dev/edgenet/edgenet"]
  }
  direct {
    exclude = ["registry.terraform.io/kreuzwerker/docker", "registry.opentofu.org/kreuzwerker/docker", "edgenet.dev/edgenet/edgenet"]
  }
}
RC
  env_set TERRAFORM_BINARY_NAME "$engine"
  env_set TF_CLI_CONFIG_FILE "$TESTBED/terraform.rc"
  log "engine $engine"
  run_modules testbed_tools_
}

docker_ping() { curl -sf --unix-socket "$DOCKER_SOCK" http://d/_ping >/dev/null 2>&1; }

# A bridge of the test bed's own, $1 with address $2, for an engine's default bridge network (-b).
# Each engine has its own: a dockerd started with -b deletes docker0 on start (Engine 29 does
# even with -b), so no engine may rely on docker0.
testbed_bridge() {
  ip link show "$1" >/dev/null 2>&1 && return 0
  ip link add "$1" type bridge
  ip addr add "$2" dev "$1"
  ip link set "$1" up
}

# The base image on the engine at $1: local/busybox:latest, imported from Debian's busybox-static
# (no registry is reachable). It is also tagged as the helpers' default image (HELPER_IMAGE, what
# `dhcp_client_image` defaults to), the offline stand-in for pulling it.
testbed_base_images() {
  if ! DOCKER_HOST=$1 docker image inspect "$IMAGE" >/dev/null 2>&1; then
    log "importing $IMAGE into $1 from Debian's busybox-static"
    local rootfs; rootfs=$(mktemp -d)
    mkdir -p "$rootfs/bin"
    cp /bin/busybox "$rootfs/bin/busybox"
    for applet in $("$rootfs/bin/busybox" --list); do
      [ "$applet" = busybox ] || ln -s busybox "$rootfs/bin/$applet"
    done
    tar -C "$rootfs" -c . | DOCKER_HOST=$1 docker import -c 'ENV PATH=/bin' - "$IMAGE" >/dev/null
    rm -rf "$rootfs"
  fi
  DOCKER_HOST=$1 docker image inspect "$HELPER_IMAGE" >/dev/null 2>&1 || DOCKER_HOST=$1 docker tag "$IMAGE" "$HELPER_IMAGE"
}

up() {
  [ "$(id -u)" -eq 0 ] || die "the test bed needs root (dockerd, network namespaces)"
  apt_install docker.io busybox-static iproute2 procps curl jq dnsmasq-base python3-pyroute2
  tools
  mkdir -p "$DOCKER_RUN" "$DOCKER_DATA"
  # No iptables/masquerading: the test bed must not route anything out of this machine.
  # 256 /24 pools: every runtime has its own internal network, and Docker's stock pools
  # (31 networks) run out before 50 runtimes do; 10.200/16 is clear of the test LANs.
  testbed_bridge docker-en20 172.30.255.1/24
  DOCKERD_FLAGS=(--data-root "$DOCKER_DATA" --exec-root "$DOCKER_RUN/exec" -H "unix://$DOCKER_SOCK"
    --pidfile "$DOCKER_RUN/docker.pid" --iptables=false --ip-masq=false --ip-forward=false
    -b docker-en20 --default-address-pool base=10.200.0.0/16,size=24)
  # Modules add listeners (scripts/testbed/docker-tls.sh: tcp://127.0.0.1 with --tlsverify).
  run_modules testbed_dockerd_flags_
  local flags=("${DOCKERD_FLAGS[@]}")
  if docker_ping && [ "$(cat "$DOCKER_RUN/dockerd.flags" 2>/dev/null)" != "${flags[*]}" ]; then
    log "restarting dockerd: its flags changed"
    down
  fi
  if ! docker_ping; then
    log "starting dockerd on $DOCKER_SOCK"
    (close_inherited_fds && exec nohup dockerd "${flags[@]}") >"$DOCKER_RUN/dockerd.log" 2>&1 &
    echo "${flags[*]}" >"$DOCKER_RUN/dockerd.flags"
    for _ in $(seq 1 60); do docker_ping && break; sleep 0.5; done
    docker_ping || { tail -n 20 "$DOCKER_RUN/dockerd.log" >&2; die "dockerd did not come up"; }
  fi
  testbed_base_images "unix://$DOCKER_SOCK"
  env_set DOCKER_HOST "unix://$DOCKER_SOCK"
  log "up: dockerd $(DOCKER_HOST=unix://$DOCKER_SOCK docker version -f '{{.Server.Version}} (API {{.Server.APIVersion}})')"
  run_modules testbed_up_
}

down() {
  run_modules testbed_down_
  if [ -f "$DOCKER_RUN/docker.pid" ]; then
    local pid
    pid=$(cat "$DOCKER_RUN/docker.pid")
    kill "$pid" 2>/dev/null || true
    # dockerd stops its containers first; wait for the process itself, not just its pid file.
    for _ in $(seq 1 120); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    rm -f "$DOCKER_RUN/docker.pid"
  fi
}

for module in "$ROOT"/scripts/testbed/*.sh; do
  [ -e "$module" ] || continue
  # shellcheck source=/dev/null
  . "$module"
done

case "${1:-}" in
  tools) tools ;;
  up) up ;;
  down) down ;;
  env) cat "$TESTBED/env" ;;
  lock) EDGENET_PROVIDER_ARCHES=all PROVIDER_LOCK_MODE=write tools ;;
  *) echo "usage: $0 tools|up|down|env|lock" >&2; exit 2 ;;
esac
