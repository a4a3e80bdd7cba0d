# shellcheck shell=bash
# Test bed module: the edgenet image the daemons run from (NetworkMonitor's `netmon.image`),
# in both engines as $EDGENET_IMAGE. Users build it with the Dockerfile at the top of the
# project, from an official Node base; no image registry is reachable here, so this builds an
# equivalent from what the machine has, by `docker import` of a root filesystem:
#   - node and iproute2's ip, with the shared libraries ldd names, and busybox for a shell (the
#     bin shim is a shell script for `edgenet netmon`);
#   - the package as `npm pack` lays it out (bin/, dist/ with netmon's daemon, schema/, the lock), with its
#     production dependencies (npm ci --omit=dev, cached by the lock's hash);
#   - /usr/local/bin/edgenet, and the watcher's NODE_OPTIONS and the health check as the Dockerfile sets them.
# Unlike the Dockerfile's image it holds no terraform and no providers: the suites run the
# watcher on the host, beside netmon in its container. The image is built again only when
# what goes in changes (label io.edgenet.build).

EDGENET_IMAGE=local/edgenet:latest

edgenet_image_modules() {
  local dir
  dir=$CACHE/image-modules/$(cat "$ROOT/package.json" "$ROOT/package-lock.json" | sha256sum | cut -c1-16)
  if [ ! -d "$dir/node_modules" ]; then
    log "image: installing edgenet's production dependencies (npm ci --omit=dev)"
    rm -rf "$dir.tmp"
    mkdir -p "$dir.tmp"
    cp "$ROOT/package.json" "$ROOT/package-lock.json" "$dir.tmp/"
    (cd "$dir.tmp" && npm ci --omit=dev --ignore-scripts --prefer-offline --no-audit --no-fund --loglevel=error) >"$dir.log" 2>&1 ||
      { tail -n 20 "$dir.log" >&2; die "image: npm ci --omit=dev in $dir.tmp failed (log: $dir.log)"; }
    rm -rf "$dir"
    mv "$dir.tmp" "$dir"
  fi
  printf '%s\n' "$dir/node_modules"
}

# Copies the binary $2 and the libraries it loads into the root filesystem $1.
edgenet_image_binary() {
  local rootfs=$1 binary lib
  binary=$(readlink -f "$2")
  cp --parents "$binary" "$rootfs"
  for lib in $(ldd "$binary" | awk '/=> \// { print $3 } /^[ \t]*\// { print $1 }'); do
    cp --parents -L "$lib" "$rootfs" 2>/dev/null || cp --parents "$(readlink -f "$lib")" "$rootfs"
    [ -e "$rootfs$lib" ] || cp -L "$lib" "$rootfs$lib"
  done
}

testbed_up_image() {
  [ -f "$ROOT/dist/lib/cli/main.js" ] || die "image: no dist/ yet; run npm run build first"
  local modules node ip build rootfs host
  modules=$(edgenet_image_modules)
  node=$(command -v node)
  ip=$(command -v ip)
  build=$( (
    cd "$ROOT" && find bin dist/lib dist/watcher dist/netmon dist/constructs dist/main.js schema .terraform.lock.hcl package.json -type f -print0 |
      sort -z | xargs -0 sha256sum
    sha256sum "$(readlink -f "$node")" "$(readlink -f "$ip")" /bin/busybox "$ROOT/scripts/testbed/image.sh"
    echo "$modules"
  ) | sha256sum | cut -c1-16)
  for host in "unix://$DOCKER_SOCK" "unix://$ENGINE29_SOCK"; do
    if [ "$(DOCKER_HOST=$host docker image inspect -f '{{ index .Config.Labels "io.edgenet.build" }}' "$EDGENET_IMAGE" 2>/dev/null)" = "$build" ]; then
      continue
    fi
    if [ -z "${rootfs:-}" ]; then
      log "image: assembling $EDGENET_IMAGE (node $("$node" --version), $("$ip" -V))"
      rootfs=$(mktemp -d)
      edgenet_image_binary "$rootfs" "$node"
      edgenet_image_binary "$rootfs" "$ip"
      mkdir -p "$rootfs/bin" "$rootfs/usr/bin" "$rootfs/usr/local/bin" "$rootfs/opt/edgenet/dist" "$rootfs/tmp" "$rootfs/etc"
      [ -e "$rootfs/usr/bin/node" ] || ln -s "$(readlink -f "$node")" "$rootfs/usr/bin/node"
      [ -e "$rootfs/bin/ip" ] || ln -s "$(readlink -f "$ip")" "$rootfs/bin/ip"
      cp /bin/busybox "$rootfs/bin/busybox"
      ln -s busybox "$rootfs/bin/sh"
      chmod 1777 "$rootfs/tmp"
      printf 'root:x:0:0:root:/root:/bin/sh\n' >"$rootfs/etc/passwd"
      printf 'root:x:0:\n' >"$rootfs/etc/group"
      (cd "$ROOT" && cp -r bin schema package.json .terraform.lock.hcl "$rootfs/opt/edgenet/" &&
        cp -r dist/lib dist/watcher dist/netmon dist/constructs dist/main.js "$rootfs/opt/edgenet/dist/")
      cp -r "$modules" "$rootfs/opt/edgenet/node_modules"
      ln -s /opt/edgenet/bin/edgenet.js "$rootfs/usr/local/bin/edgenet"
    fi
    log "image: importing $EDGENET_IMAGE into $host"
    tar -C "$rootfs" -c . | DOCKER_HOST=$host docker import \
      -c 'ENV PATH=/usr/local/bin:/usr/bin:/bin' \
      -c 'ENV NODE_OPTIONS=--max-semi-space-size=1' \
      -c "LABEL io.edgenet.build=$build" \
      -c 'CMD ["edgenet", "netmon"]' \
      - "$EDGENET_IMAGE" >/dev/null
  done
  [ -z "${rootfs:-}" ] || rm -rf "$rootfs"
  env_set EDGENET_IMAGE "$EDGENET_IMAGE"
}
