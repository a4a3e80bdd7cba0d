#!/usr/bin/env node
// Writes the JSON Schemas under schema/ from their one source each, built into dist/:
// the config (lib/core/config/schema.ts) and the drift report (lib/core/drift/report-schema.ts).
const { writeFileSync } = require('fs');
const path = require('path');
const { configJsonSchema } = require('../dist/lib/core/config/schema.js');
const { driftJsonSchema } = require('../dist/lib/core/drift/report-schema.js');

for (const [name, schema] of [
  ['edgenet.schema.json', configJsonSchema()],
  ['drift.schema.json', driftJsonSchema()],
]) {
  const file = path.join(__dirname, '..', 'schema', name);
  writeFileSync(file, `${JSON.stringify(schema, null, 2)}\n`);
  process.stdout.write(`${file}\n`);
}
