# shellcheck shell=bash
# Test bed module: Docker Engine 29 beside Engine 20.10, so that every e2e suite can prove what
# our users run (Engine 27-29), not only Debian bookworm's 20.10.
#
# Built from the Go module proxy, cached under $CACHE/engine29/<hash of the wrapper and flags>:
# - dockerd: github.com/moby/moby/v2 v2.0.0-beta.24 (the Engine 29 daemon, API 1.56), through
#   the wrapper module scripts/testbed/engine29/ (its go.sum pins every module), CGO off.
# - runc v1.5.3, with cgo: Debian's runc 1.1.5 cannot run Engine 29's containers ("namespace time
#   does not exist"). Built in its own module (its go.sum pins its dependencies) without the
#   seccomp build tag, so dockerd runs with --seccomp-profile unconfined.
# containerd is Debian's (1.6.20, from docker.io), started by this dockerd as its own child.
#
# Engine 29 has everything of its own: socket, data root, exec root, pid file, and default
# bridge. A dockerd started with `--bridge none` or `-b` deletes docker0 on start (seen here:
# Engine 29 did even with -b), so each engine gets a bridge made here (testbed_bridge: 20.10
# docker-en20, 29 docker-en29, 172.31.255.1/24; named like docker0 so that facts and netmon skip
# them as they skip docker0) and neither uses docker0.
#
#   DOCKER_HOST_29             unix socket of Engine 29 (.testbed/env)
#   EDGENET_TEST_TLS_HOST_29   tcp://127.0.0.1:$ENGINE29_TLS_PORT with --tlsverify, the certificates of
#                              docker-tls.sh (EDGENET_TEST_TLS_CERT_PATH serves both engines)
#   EDGENET_TEST_SSH_HOST_29   written by sshd.sh
#
# Seen here (2026-12, go1.26.8 on linux/amd64, 2 cores): a cold build of both takes a few
# minutes; the daemon reports Version 29 (API 1.56) and runs local/busybox:latest.

ENGINE29_RUN=${EDGENET_DOCKER29_RUN:-/run/edgenet-docker29}
ENGINE29_SOCK=$ENGINE29_RUN/docker.sock
ENGINE29_DATA=${EDGENET_DOCKER29_DATA:-/var/lib/edgenet-docker29}
ENGINE29_TLS_PORT=${EDGENET_DOCKER29_TLS_PORT:-12377}
ENGINE29_BRIDGE=docker-en29
ENGINE29_BRIDGE_CIDR=172.31.255.1/24
ENGINE29_RUNC_MODULE=github.com/opencontainers/runc@v1.5.3
ENGINE29_DOCKERD_PACKAGE=github.com/moby/moby/v2/cmd/dockerd

engine29_hash() {
  (
    cd "$ROOT/scripts/testbed/engine29"
    sha256sum go.mod go.sum tools.go
    echo "runc=$ENGINE29_RUNC_MODULE dockerd=cgo0-trimpath runc=cgo1-trimpath"
  ) | sha256sum | cut -c1-16
}

engine29_dir() { echo "$CACHE/engine29/$(engine29_hash)"; }

engine29_build() {
  local out=$1 work runc_src
  mkdir -p "$out"
  if [ ! -x "$out/dockerd" ]; then
    log "engine29: building dockerd (moby v2.0.0-beta.24) from the Go module proxy (cold build: minutes)"
    work=$(mktemp -d)
    cp "$ROOT"/scripts/testbed/engine29/{go.mod,go.sum,tools.go} "$work/"
    (cd "$work" && CGO_ENABLED=0 GOFLAGS=-mod=readonly go build -trimpath -buildvcs=false -o "$out/dockerd.tmp" "$ENGINE29_DOCKERD_PACKAGE") ||
      die "engine29: building dockerd failed"
    mv "$out/dockerd.tmp" "$out/dockerd"
    rm -rf "$work"
  fi
  if [ ! -x "$out/runc" ]; then
    apt_install gcc libc6-dev
    log "engine29: building runc v1.5.3 from the Go module proxy (cgo)"
    runc_src=$(cd "$(mktemp -d)" && go mod download -json "$ENGINE29_RUNC_MODULE" | jq -r .Dir)
    [ -d "$runc_src" ] || die "engine29: go mod download of $ENGINE29_RUNC_MODULE failed"
    work=$(mktemp -d)
    cp -r "$runc_src" "$work/runc"
    chmod -R u+w "$work/runc"
    (cd "$work/runc" && CGO_ENABLED=1 GOFLAGS=-mod=readonly go build -trimpath -buildvcs=false -o "$out/runc.tmp" .) ||
      die "engine29: building runc failed"
    mv "$out/runc.tmp" "$out/runc"
    rm -rf "$work"
  fi
}

engine29_ping() { curl -sf --unix-socket "$ENGINE29_SOCK" http://d/_ping >/dev/null 2>&1; }

testbed_up_engine29() {
  local bin flags
  bin=$(engine29_dir)
  engine29_build "$bin"
  testbed_bridge "$ENGINE29_BRIDGE" "$ENGINE29_BRIDGE_CIDR"
  mkdir -p "$ENGINE29_RUN" "$ENGINE29_DATA"
  # As for 20.10: nothing routed or masqueraded out of this machine; a pool clear of 20.10's
  # (10.200/16) and of the test LANs.
  flags=(--data-root "$ENGINE29_DATA" --exec-root "$ENGINE29_RUN/exec" -H "unix://$ENGINE29_SOCK"
    --pidfile "$ENGINE29_RUN/docker.pid" --iptables=false --ip6tables=false --ip-masq=false --ip-forward=false
    -b "$ENGINE29_BRIDGE" --default-address-pool base=10.201.0.0/16,size=24
    --add-runtime "edgenet-runc=$bin/runc" --default-runtime edgenet-runc --seccomp-profile unconfined
    -H "tcp://127.0.0.1:$ENGINE29_TLS_PORT" --tlsverify --tlscacert "$DOCKER_TLS_DIR/ca.pem"
    --tlscert "$DOCKER_TLS_DIR/server-cert.pem" --tlskey "$DOCKER_TLS_DIR/server-key.pem")
  # New certificates (docker-tls.sh) restart it too.
  local identity
  identity="${flags[*]} $(sha256sum "$DOCKER_TLS_DIR/server-cert.pem" | cut -c1-16)"
  if engine29_ping && [ "$(cat "$ENGINE29_RUN/dockerd.flags" 2>/dev/null)" != "$identity" ]; then
    log "engine29: restarting dockerd: its flags changed"
    testbed_down_engine29
  fi
  if ! engine29_ping; then
    log "engine29: starting dockerd on $ENGINE29_SOCK"
    (close_inherited_fds && exec nohup "$bin/dockerd" "${flags[@]}") >"$ENGINE29_RUN/dockerd.log" 2>&1 &
    echo "$identity" >"$ENGINE29_RUN/dockerd.flags"
    for _ in $(seq 1 120); do engine29_ping && break; sleep 0.5; done
    engine29_ping || { tail -n 20 "$ENGINE29_RUN/dockerd.log" >&2; die "engine29: dockerd did not come up"; }
  fi
  testbed_base_images "unix://$ENGINE29_SOCK"
  env_set DOCKER_HOST_29 "unix://$ENGINE29_SOCK"
  env_set EDGENET_TEST_TLS_HOST_29 "tcp://127.0.0.1:$ENGINE29_TLS_PORT"
  log "engine29: up: dockerd $(DOCKER_HOST=unix://$ENGINE29_SOCK docker version -f '{{.Server.Version}} (API {{.Server.APIVersion}})')"
}

testbed_down_engine29() {
  [ -f "$ENGINE29_RUN/docker.pid" ] || return 0
  local pid
  pid=$(cat "$ENGINE29_RUN/docker.pid")
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 120); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  rm -f "$ENGINE29_RUN/docker.pid"
}
