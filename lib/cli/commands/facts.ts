import { factsFor, loadConfig } from '../../app/inputs';
import { HostTarget, selectHost } from '../../core/config/targets';
import { DEFAULT_INTERFACE_TYPE } from '../../core/facts/interface-type';
import { HostFacts } from '../../core/facts/types';
import { DockerApi } from '../../host/docker/docker-api';
import { listLanNetworks } from '../../host/docker/lan-networks';
import { detectFacts } from '../../host/facts/detect';
import { saveFacts } from '../../host/facts/facts-file';
import { checkOutput } from '../../host/files/output-path';
import { Values } from '../options';

/**
 * `edgenet facts`: the host facts of the engine's host — this machine, or over ssh the host
 * an `ssh://` engine runs on (--docker-host, else the config's host with --config, else
 * DOCKER_HOST). With --docker-host it also lists the engine's macvlan and ipvlan networks (for reuse).
 */
export async function factsCommand(values: Values): Promise<number> {
  if (values.out !== undefined) checkOutput(values.out, 'file', '--out');
  const facts = await detect(values);
  if (values.out !== undefined) await saveFacts(values.out, facts, '--out');
  process.stdout.write(values.json ? `${JSON.stringify(facts, null, 2)}\n` : `${describeFacts(facts)}\n`);
  return 0;
}

async function detect(values: Values): Promise<HostFacts> {
  if (values['proc-root'] !== undefined) return detectFacts({ procRoot: values['proc-root'] });
  const dockerHost = values['docker-host'];
  const host: HostTarget =
    dockerHost !== undefined
      ? { name: dockerHost, stack: 'facts', connection: { dockerHost, sshOpts: [] }, state: { backend: 'local', options: {} } }
      : values.config !== undefined
        ? selectHost((await loadConfig(values.config)).hosts, values.host)
        : { name: 'this host', stack: 'facts', connection: { sshOpts: [] }, state: { backend: 'local', options: {} } };
  const facts = await factsFor({ ...host, factsFile: undefined }, undefined);
  if (dockerHost === undefined) return facts;
  return { ...facts, docker_networks: await listLanNetworks(new DockerApi(host.connection)) };
}

export function describeFacts(facts: HostFacts): string {
  const lines = [`source ${facts.source}, detected ${facts.detected_at}, default interface ${facts.default_interface ?? '(none)'}`];
  for (const i of facts.interfaces) {
    const addrs = i.ipv4.map((a) => `${a.address ?? '?'} in ${a.subnet}`).join(', ') || 'no IPv4';
    lines.push(
      `  ${i.name.padEnd(12)} ${(i.type ?? DEFAULT_INTERFACE_TYPE).padEnd(8)} ${i.operstate.padEnd(8)} ${addrs}; gateway ${i.gateway ?? '(none)'}`,
    );
  }
  return lines.join('\n');
}
