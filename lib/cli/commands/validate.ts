import { loadConfig, loadOrDetectFacts } from '../../app/inputs';
import { EdgenetError } from '../../core/errors';
import { resolveModel } from '../../core/model/resolve';
import { describeHostAccess } from '../../core/model/host-access';
import { describeLan } from '../../core/model/lan-driver';
import { describeStranded } from '../../core/model/stranded';
import { Values } from '../options';

/** `edgenet validate`: exit 0 valid, else one line per problem (thrown as a ValidationError). */
export async function validateCommand(values: Values): Promise<number> {
  if (!values.config) throw new EdgenetError('validate: --config FILE is required');
  const config = await loadConfig(values.config);
  const factsFile = values.facts ?? process.env.EDGENET_FACTS;
  if (factsFile) {
    const model = resolveModel(config, await loadOrDetectFacts(factsFile), values.host);
    for (const s of model.stranded) process.stderr.write(`warning: ${describeStranded(s)}\n`);
    for (const n of [...model.networks, ...model.routedLans]) process.stdout.write(`${describeLan(n)}\n`);
    for (const a of model.hostAccess) process.stdout.write(`${describeHostAccess(a)}\n`);
  }
  process.stdout.write(
    `${values.config}: valid${factsFile ? ` against ${factsFile}` : ' (config only; pass --facts to check against host facts)'}\n`,
  );
  return 0;
}
