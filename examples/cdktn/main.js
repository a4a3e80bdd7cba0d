// A CDK Terrain (cdktn) app of your own with edgenet's constructs (docs/toolchain.md):
// `npx cdktn synth|deploy|diff|destroy` beside this file and its cdktf.json, with EDGENET_CONFIG
// and EDGENET_FACTS naming the config and the host's facts (`edgenet facts --json --out FILE`).
// __tests__/e2e/cdktn.test.ts runs it as written.
const { readFileSync } = require('fs');
const { App } = require('cdktn');
const { EdgeStack, checkFacts, lockSynthesizedStack, parseConfigText, resolveModel, validateConfig } = require('edgenet');

const configFile = process.env.EDGENET_CONFIG ?? 'edgenet.yaml';
const factsFile = process.env.EDGENET_FACTS ?? 'facts.json';
const config = validateConfig(parseConfigText(readFileSync(configFile, 'utf8'), configFile));
const model = resolveModel(config, checkFacts(JSON.parse(readFileSync(factsFile, 'utf8'))));

const app = new App();
new EdgeStack(app, model.stack, { model });
app.synth();
// The providers' lock beside cdk.tf.json: init installs from a mirror, and cdktn (like cdktf)
// then skips `terraform providers lock`, which would ask the public registry.
lockSynthesizedStack(app.outdir, model.stack);
