import { existsSync } from 'fs';
import * as YAML from 'yaml';
import { EdgenetError } from '../../core/errors';
import { DEFAULT_DHCP_CLIENT_IMAGE } from '../../core/config/defaults';
import { configFromAgent } from '../../core/from-agent';
import { configFromEngine } from '../../core/from-engine';
import { readAgentRuntimes } from '../../host/docker/agent-runtimes';
import { DockerApi } from '../../host/docker/docker-api';
import { namespacesOf } from '../../host/docker/link-macs';
import { writeFileAtomic } from '../../host/files/atomic-write';
import { loadRuntimeVnicsFile } from '../../host/vnic-store';
import { Values } from '../options';

/**
 * `edgenet init --from-agent FILE [--docker-host URL]`: the reference agent's runtime_vnics.json
 * as an edgenet config (YAML) on stdout or in --out; with --docker-host, each runtime as that
 * engine runs it (image, command, environment, restart, ports, DNS, each vNIC's address and MAC
 * on the wire), runtimes it lacks left out and containers the file does not name reported. Bad
 * input writes nothing; an existing --out is left as it is (it may be an operator's config).
 */
export async function initCommand(values: Values): Promise<number> {
  const source = values['from-agent'];
  if (source === undefined) throw new EdgenetError("init: --from-agent FILE is required (the reference agent's runtime_vnics.json)");
  if (values.out !== undefined && existsSync(values.out)) {
    throw new EdgenetError(`init: --out ${values.out} exists; nothing was written (remove it, or choose another file)`);
  }
  let config = configFromAgent(await loadRuntimeVnicsFile(source), { image: values.image });
  const dockerHost = values['docker-host'];
  if (dockerHost !== undefined) {
    // As the engine runs them, so that `edgenet adopt` takes them over without a difference.
    const api = new DockerApi(dockerHost);
    const names = config.runtimes.map((r) => r.name);
    const made = configFromEngine(config, await readAgentRuntimes(api, names, namespacesOf(api, DEFAULT_DHCP_CLIENT_IMAGE)));
    for (const line of made.reports) process.stderr.write(`edgenet init: ${line}\n`);
    config = made.config;
  }
  const from = dockerHost === undefined ? source : `${source} --docker-host ${dockerHost}`;
  const text = `# edgenet config made by \`edgenet init --from-agent ${from}\`\n${YAML.stringify(config)}`;
  if (values.out === undefined) process.stdout.write(text);
  else await writeFileAtomic(values.out, text);
  return 0;
}
