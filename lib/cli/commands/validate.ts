import { loadConfig, loadOrDetectFacts } from '../../app/inputs';
import { EdgenetError } from '../../core/errors';
import { resolveModel } from '../../core/model/resolve';
import { Values } from '../options';

/** `edgenet validate`: exit 0 valid, else one line per problem (thrown as a ValidationError). */
export async function validateCommand(values: Values): Promise<number> {
  if (!values.config) throw new EdgenetError('validate: --config FILE is required');
  const config = await loadConfig(values.config);
  const factsFile = values.facts ?? process.env.EDGENET_FACTS;
  if (factsFile) resolveModel(config, await loadOrDetectFacts(factsFile));
  process.stdout.write(
    `${values.config}: valid${factsFile ? ` against ${factsFile}` : ' (config only; pass --facts to check against host facts)'}\n`,
  );
  return 0;
}
