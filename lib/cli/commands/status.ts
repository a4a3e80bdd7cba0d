import { HostAccessState, InternalState, stackStates, VnicState } from '../../app/status';
import { Values } from '../options';
import { hostHeading, synthFromOptions } from '../stack';

/**
 * `edgenet status`: each runtime's vNICs, the address and the MAC each holds now, and where the address came from;
 * then each runtime's internal network, with the runtime's and the control plane's addresses;
 * then the host's own links on LANs with host access, as the host shows them.
 */
export async function statusCommand(values: Values): Promise<number> {
  const stacks = await synthFromOptions(values);
  const hosts: { host: string; stack: string; vnics: VnicState[]; internal: InternalState[]; hostAccess: HostAccessState[] }[] = [];
  for (const stack of stacks) hosts.push({ host: stack.model.host.name, stack: stack.model.stack, ...(await stackStates(stack)) });
  if (values.json) {
    process.stdout.write(`${JSON.stringify({ hosts }, null, 2)}\n`);
    return 0;
  }
  for (const [i, host] of hosts.entries()) {
    process.stdout.write(hostHeading(stacks, stacks[i]));
    writeTable(
      ['RUNTIME', 'VNIC', 'NETWORK', 'ADDRESS', 'MAC', 'FROM'],
      host.vnics.map((v) => [v.runtime, v.vnic, v.network, v.address ?? '-', v.mac ?? '-', describeSource(v)]),
    );
    if (host.internal.length > 0) {
      process.stdout.write('\n');
      writeTable(
        ['RUNTIME', 'INTERNAL NETWORK', 'ADDRESS', 'MANAGER', 'FROM'],
        host.internal.map((n) => [n.runtime, n.network, n.address ?? '-', n.manager ?? '-', n.source]),
      );
    }
    if (host.hostAccess.length > 0) {
      process.stdout.write('\n');
      writeTable(
        ['HOST ACCESS', 'LAN', 'ADDRESS', 'PLANNED', 'ROUTES TO'],
        host.hostAccess.map((a) => [
          a.interface,
          a.lan,
          a.addresses.join(',') || (a.state === 'unknown' ? 'its container is not running' : '-'),
          a.planned,
          a.routes.join(' ') || '-',
        ]),
      );
    }
  }
  return 0;
}

/** Columns padded to their widest cell; the last one is left as it is. */
function writeTable(header: readonly string[], rows: readonly (readonly string[])[]): void {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  for (const row of [header, ...rows])
    process.stdout.write(`${row.map((cell, c) => (c === row.length - 1 ? cell : cell.padEnd(widths[c]))).join('  ')}\n`);
}

function describeSource(v: VnicState): string {
  if (v.source === 'lease' && v.lease) return `lease from ${v.lease.server} until ${v.lease.until}`;
  if (v.source === 'stranded') return 'stranded: detached until its LAN comes back';
  if (v.source === 'none') return v.mode === 'dhcp' ? 'no lease yet' : 'not attached';
  return v.source;
}
