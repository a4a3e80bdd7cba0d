import { App } from 'cdktf';
import { loadConfig, loadOrDetectFacts } from './lib/app/inputs';
import { addStack } from './lib/app/synth';
import { EdgenetError } from './lib/core/errors';
import { resolveModel } from './lib/core/model/resolve';

/**
 * The cdktf app. `cdktf synth|deploy` and `edgenet synth` agree because both read the
 * same inputs: EDGENET_CONFIG (default edgenet.yaml) and EDGENET_FACTS (default: detect).
 */
async function main(): Promise<void> {
  const config = await loadConfig(process.env.EDGENET_CONFIG ?? 'edgenet.yaml');
  const facts = await loadOrDetectFacts(process.env.EDGENET_FACTS);
  const app = new App();
  addStack(app, resolveModel(config, facts));
  app.synth();
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof EdgenetError ? err.message : (err as Error).stack}\n`);
  process.exit(1);
});
