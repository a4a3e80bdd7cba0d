import { vnicStates, VnicState } from '../../app/status';
import { Values } from '../options';
import { hostHeading, synthFromOptions } from '../stack';

/** `edgenet status`: each runtime's vNICs, the address each holds now and where it came from. */
export async function statusCommand(values: Values): Promise<number> {
  const stacks = await synthFromOptions(values);
  const hosts: { host: string; stack: string; vnics: VnicState[] }[] = [];
  for (const stack of stacks) hosts.push({ host: stack.model.host.name, stack: stack.model.stack, vnics: await vnicStates(stack) });
  if (values.json) {
    process.stdout.write(`${JSON.stringify({ hosts }, null, 2)}\n`);
    return 0;
  }
  for (const [i, host] of hosts.entries()) {
    process.stdout.write(hostHeading(stacks, stacks[i]));
    const rows = host.vnics.map((v) => [v.runtime, v.vnic, v.network, v.address ?? '-', describeSource(v)]);
    const header = ['RUNTIME', 'VNIC', 'NETWORK', 'ADDRESS', 'FROM'];
    const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
    for (const row of [header, ...rows])
      process.stdout.write(`${row.map((cell, c) => (c === row.length - 1 ? cell : cell.padEnd(widths[c]))).join('  ')}\n`);
  }
  return 0;
}

function describeSource(v: VnicState): string {
  if (v.source === 'lease' && v.lease) return `lease from ${v.lease.server} until ${v.lease.until}`;
  if (v.source === 'stranded') return 'stranded: detached until its LAN comes back';
  if (v.source === 'none') return v.mode === 'dhcp' ? 'no lease yet' : 'not attached';
  return v.source;
}
