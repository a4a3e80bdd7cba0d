# shellcheck shell=bash
# Test bed module: the providers' dependency lock file, .terraform.lock.hcl beside the app.
# `edgenet synth` and the cdktf app (main.ts) put it into every stack directory, so `terraform
# init` installs exactly these builds from a mirror and cdktf never runs `terraform providers
# lock` (which asks the public registry, whatever the CLI config says). It carries h1 hashes of
# both providers for linux_amd64 and linux_arm64, taken from the mirror the modules
# docker-provider and edgenet-provider filled (their name sorts before this one's, so they
# have run by now) with both platforms' builds when `scripts/testbed.sh lock` runs.
#
# `tools` fails when the committed file and the mirror disagree (a provider's sources or version
# changed): every stack's init would fail on the hash anyway, later and less clearly. It checks
# the platforms this run built (PROVIDER_ARCHES, testbed.sh: this machine's unless
# EDGENET_PROVIDER_ARCHES says otherwise): with every platform built the file must be exactly the
# one the mirror gives; with fewer, each built provider's version, constraints and hash must be in it.
# `scripts/testbed.sh lock` builds both platforms and writes the file anew; commit it.

PROVIDER_LOCK_FILE=$ROOT/.terraform.lock.hcl
# The platforms the committed file carries hashes for: every one the providers are built for.
PROVIDER_LOCK_PLATFORMS=(linux_amd64 linux_arm64)

# Writes the lock file the mirror gives for the platforms $2... into the file $1.
provider_lock_from_mirror() {
  local out=$1 work engine platform args=()
  shift
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
  for platform in "$@"; do args+=("-platform=$platform"); done
  (cd "$work" && TF_CLI_CONFIG_FILE=$TESTBED/terraform.rc "$engine" providers lock -no-color -fs-mirror="$TESTBED/mirror" "${args[@]}") >"$work/log" 2>&1 ||
    { cat "$work/log" >&2; rm -rf "$work"; die "$engine providers lock from $TESTBED/mirror failed"; }
  mv "$work/.terraform.lock.hcl" "$out"
  rm -rf "$work"
}

# The lock file $1 as lines `<address> <version> <constraints> <hash>`, one a hash, sorted: what a
# lock for some platforms must share with the lock for all of them.
provider_lock_hash_lines() {
  awk -F'"' '
    /^provider "/ { address = $2; version = ""; constraints = "" }
    /^ *version *=/ { version = $2 }
    /^ *constraints *=/ { constraints = $2 }
    /^ *"[^"]+",?$/ { print address, version, constraints, $2 }
  ' "$1" | LC_ALL=C sort
}

testbed_tools_provider_lock() {
  local fresh arch platform platforms=() all=1 missing
  for arch in "${PROVIDER_ARCHES[@]}"; do platforms+=("linux_$arch"); done
  for platform in "${PROVIDER_LOCK_PLATFORMS[@]}"; do
    case " ${platforms[*]} " in *" $platform "*) ;; *) all=0 ;; esac
  done
  fresh=$(mktemp)
  provider_lock_from_mirror "$fresh" "${platforms[@]}"
  if [ "${PROVIDER_LOCK_MODE:-check}" = write ]; then
    [ "$all" = 1 ] ||
      { rm -f "$fresh"; die "the lock carries every platform's hashes (${PROVIDER_LOCK_PLATFORMS[*]}); this run built ${platforms[*]}"; }
    mv "$fresh" "$PROVIDER_LOCK_FILE"
    log "wrote $PROVIDER_LOCK_FILE (${platforms[*]}): commit it"
  elif [ "$all" = 1 ] && cmp -s "$fresh" "$PROVIDER_LOCK_FILE"; then
    rm -f "$fresh"
    log "$PROVIDER_LOCK_FILE matches the mirror (${platforms[*]})"
  elif [ "$all" = 0 ] &&
    missing=$(LC_ALL=C comm -23 <(provider_lock_hash_lines "$fresh") <(provider_lock_hash_lines "$PROVIDER_LOCK_FILE")) &&
    [ -z "$missing" ]; then
    rm -f "$fresh"
    log "$PROVIDER_LOCK_FILE matches the mirror (${platforms[*]}; EDGENET_PROVIDER_ARCHES=all builds and checks every platform)"
  else
    diff -u "$PROVIDER_LOCK_FILE" "$fresh" >&2 || true
    rm -f "$fresh"
    die "$PROVIDER_LOCK_FILE does not match the providers just built for ${platforms[*]} (above: committed -> built); if a provider's sources or version changed on purpose, run scripts/testbed.sh lock and commit the file"
  fi
}
