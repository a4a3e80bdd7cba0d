#!/usr/bin/env node
// Thin shim: the CLI is compiled to dist/ by `npm ci` (prepare) or `npm run build`.
require('../dist/lib/cli/main.js')
  .main(process.argv.slice(2))
  .then((code) => process.exit(code));
