import { loadConfig, loadOrDetectFacts } from '../app/inputs';
import { DEFAULT_OUTDIR, SynthesizedStack, synthesize } from '../app/synth';
import { configPath, Values } from './options';

/** The config, facts and out directory the options name, synthesized. */
export async function synthFromOptions(values: Values): Promise<SynthesizedStack> {
  const config = await loadConfig(configPath(values));
  const facts = await loadOrDetectFacts(values.facts ?? process.env.EDGENET_FACTS);
  return synthesize(config, facts, values.out ?? DEFAULT_OUTDIR);
}
