#!/usr/bin/env node
// Writes schema/edgenet.schema.json from the config schema (lib/core/config/schema.ts), built into dist/.
const { writeFileSync } = require('fs');
const path = require('path');
const { configJsonSchema } = require('../dist/lib/core/config/schema.js');

const file = path.join(__dirname, '..', 'schema', 'edgenet.schema.json');
writeFileSync(file, `${JSON.stringify(configJsonSchema(), null, 2)}\n`);
process.stdout.write(`${file}\n`);
