#!/bin/sh
':' //; [ "$1" = netmon ] || exec node "$0" "$@"
':' //; exec 9>&1; argv=$(EDGENET_NETMON_ARGV_FD=3 node "$0" "$@" 3>&1 1>&9 9>&-) || exit; exec 9>&-
':' //; [ -n "$argv" ] || exit 0; set -f; IFS=$(printf '\n.'); IFS=${IFS%.}; exec $argv
// Both a shell script and Node's entry point. As a script (the npm bin, the image, the
// systemd units): `edgenet netmon` has Node check the options and print the daemon's command
// line, then runs that daemon in place of the shell, so the monitor an edge host keeps running
// holds no JavaScript runtime (watcher/netmon/daemon.ts); every other command runs in Node.
// The CLI itself is compiled to dist/ by `npm ci` (prepare) or `npm run build`.
require('../dist/lib/cli/main.js')
  .main(process.argv.slice(2))
  .then((code) => process.exit(code));
