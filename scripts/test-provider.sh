#!/usr/bin/env bash
# `npm run test:provider`: the edgenet provider's Go tests (provider/). Without TF_ACC they
# need no root and no engine. With TF_ACC=1 the acceptance tests run too, against the test
# bed's real dockerd, which this brings up first (root); .testbed/env tells them where it is.
#
# The test bed's dockerd is shared: run this under the test bed's lock when others may use
# it, with -o so daemons started by `up` do not inherit (and keep holding) the lock:
#   flock -o /tmp/edgenet-e2e.lock npm run test:provider
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT/provider"
if [ "${TF_ACC:-}" != 1 ]; then
  exec go test ./...
fi
bash "$ROOT/scripts/testbed.sh" up
set -a
# shellcheck source=/dev/null
. "$ROOT/.testbed/env"
set +a
exec go test -count=1 -timeout 30m -v ./...
