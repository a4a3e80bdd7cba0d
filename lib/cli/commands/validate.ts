import { loadConfig, loadOrDetectFacts } from '../../app/inputs';
import { EdgenetError } from '../../core/errors';
import { resolveModel } from '../../core/model/resolve';
import { describeStranded } from '../../core/model/stranded';
import { Values } from '../options';

/** `edgenet validate`: exit 0 valid, else one line per problem (thrown as a ValidationError). */
export async function validateCommand(values: Values): Promise<number> {
  if (!values.config) throw new EdgenetError('validate: --config FILE is required');
  const config = await loadConfig(values.config);
  const factsFile = values.facts ?? process.env.EDGENET_FACTS;
  if (factsFile) {
    for (const s of resolveModel(config, await loadOrDetectFacts(factsFile), values.host).stranded)
      process.stderr.write(`warning: ${describeStranded(s)}\n`);
  }
  process.stdout.write(
    `${values.config}: valid${factsFile ? ` against ${factsFile}` : ' (config only; pass --facts to check against host facts)'}\n`,
  );
  return 0;
}
