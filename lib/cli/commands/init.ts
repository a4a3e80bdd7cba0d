import { existsSync } from 'fs';
import * as YAML from 'yaml';
import { EdgenetError } from '../../core/errors';
import { configFromAgent } from '../../core/from-agent';
import { writeFileAtomic } from '../../host/files/atomic-write';
import { loadRuntimeVnicsFile } from '../../host/vnic-store';
import { Values } from '../options';

/**
 * `edgenet init --from-agent FILE`: the reference agent's runtime_vnics.json as an edgenet
 * config (YAML) on stdout or in --out. Bad input writes nothing; an existing --out is left
 * as it is (it may be an operator's config).
 */
export async function initCommand(values: Values): Promise<number> {
  const source = values['from-agent'];
  if (source === undefined) throw new EdgenetError("init: --from-agent FILE is required (the reference agent's runtime_vnics.json)");
  if (values.out !== undefined && existsSync(values.out)) {
    throw new EdgenetError(`init: --out ${values.out} exists; nothing was written (remove it, or choose another file)`);
  }
  const config = configFromAgent(await loadRuntimeVnicsFile(source), { image: values.image });
  const text = `# edgenet config made by \`edgenet init --from-agent ${source}\`\n${YAML.stringify(config)}`;
  if (values.out === undefined) process.stdout.write(text);
  else await writeFileAtomic(values.out, text);
  return 0;
}
