# shellcheck shell=bash
# Test bed module: the providers' dependency lock file, .terraform.lock.hcl beside the app.
# `edgenet synth` and the cdktf app (main.ts) put it into every stack directory, so `terraform
# init` installs exactly these builds from a mirror and cdktf never runs `terraform providers
# lock` (which asks the public registry, whatever the CLI config says). It carries h1 hashes of
# both providers for linux_amd64 and linux_arm64, taken from the mirror the modules
# docker-provider and edgenet-provider filled (their name sorts before this one's, so they
# have run by now).
#
# `tools` fails when the committed file and the mirror disagree (a provider's sources or version
# changed): every stack's init would fail on the hash anyway, later and less clearly.
# `scripts/testbed.sh lock` writes the file anew; commit it.

PROVIDER_LOCK_FILE=$ROOT/.terraform.lock.hcl
PROVIDER_LOCK_PLATFORMS=(linux_amd64 linux_arm64)

# Writes the lock file the mirror gives into the file $1.
provider_lock_from_mirror() {
  local out=$1 work engine platform args=()
  engine=$(engine_binary)
  work=$(mktemp -d)
  # Full source addresses: the same entries whether the engine is terraform or tofu.
  cat > "$work/providers.tf.json" <<JSON
{
  "terraform": {
    "required_providers": {
      "docker": { "source": "registry.terraform.io/kreuzwerker/docker", "version": "$DOCKER_PROVIDER_VERSION" },
      "edgenet": { "source": "$EDGENET_PROVIDER_SOURCE", "version": "$EDGENET_PROVIDER_VERSION" }
    }
  }
}
JSON
  for platform in "${PROVIDER_LOCK_PLATFORMS[@]}"; do args+=("-platform=$platform"); done
  (cd "$work" && TF_CLI_CONFIG_FILE=$TESTBED/terraform.rc "$engine" providers lock -no-color -fs-mirror="$TESTBED/mirror" "${args[@]}") >"$work/log" 2>&1 ||
    { cat "$work/log" >&2; rm -rf "$work"; die "$engine providers lock from $TESTBED/mirror failed"; }
  mv "$work/.terraform.lock.hcl" "$out"
  rm -rf "$work"
}

testbed_tools_provider_lock() {
  local fresh
  fresh=$(mktemp)
  provider_lock_from_mirror "$fresh"
  if [ "${PROVIDER_LOCK_MODE:-check}" = write ]; then
    mv "$fresh" "$PROVIDER_LOCK_FILE"
    log "wrote $PROVIDER_LOCK_FILE (${PROVIDER_LOCK_PLATFORMS[*]}): commit it"
  elif cmp -s "$fresh" "$PROVIDER_LOCK_FILE"; then
    rm -f "$fresh"
    log "$PROVIDER_LOCK_FILE matches the mirror (${PROVIDER_LOCK_PLATFORMS[*]})"
  else
    diff -u "$PROVIDER_LOCK_FILE" "$fresh" >&2 || true
    rm -f "$fresh"
    die "$PROVIDER_LOCK_FILE does not match the providers just built (above: committed -> built); if a provider's sources or version changed on purpose, run scripts/testbed.sh lock and commit the file"
  fi
}
