#!/usr/bin/env node
// Thin shim: the CLI is compiled to dist/ by `npm ci` (prepare) or `npm run build`.
const v8 = require('v8');
for (const flag of require('../dist/lib/core/daemon-flags.js').v8FlagsFor(process.argv[2])) v8.setFlagsFromString(flag);
require('../dist/lib/cli/main.js')
  .main(process.argv.slice(2))
  .then((code) => process.exit(code));
