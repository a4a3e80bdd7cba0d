import { DEFAULT_INTERFACE_TYPE } from '../../core/facts/interface-type';
import { HostFacts } from '../../core/facts/types';
import { detectFacts } from '../../host/facts/detect';
import { saveFacts } from '../../host/facts/facts-file';
import { Values } from '../options';

/** `edgenet facts`: what detection sees on this host, as a table or JSON. */
export async function factsCommand(values: Values): Promise<number> {
  const facts = await detectFacts({ procRoot: values['proc-root'], dockerHost: values['docker-host'] });
  if (values.out) await saveFacts(values.out, facts);
  process.stdout.write(values.json ? `${JSON.stringify(facts, null, 2)}\n` : `${describeFacts(facts)}\n`);
  return 0;
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
