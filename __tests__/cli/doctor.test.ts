import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { doctorCommand, DoctorMachine } from '../../lib/cli/commands/doctor';
import { DoctorReport } from '../../lib/core/doctor/finding';
import { FIXTURES } from '../paths';

/**
 * `edgenet doctor` against a machine made of fixture trees: its /sys, /lib/modules
 * (__tests__/fixtures/doctor/machine: macvlan, no ipvlan), a home with both providers mirrored
 * and their lock (doctor/home, doctor/lock.hcl), no engine, and a netmon that answers.
 */
const DOCTOR = path.join(FIXTURES, 'doctor');
const work = mkdtempSync(path.join(tmpdir(), 'edgenet-doctor-'));

const iface = (name: string, address: string, type = 'ethernet') => ({
  name,
  operstate: 'UP',
  type,
  mac: null,
  ipv4: [{ address, prefixlen: 24, subnet: `${address.split('.').slice(0, 3).join('.')}.0/24` }],
  gateway: null,
});
const factsFile = path.join(work, 'facts.json');
writeFileSync(
  factsFile,
  JSON.stringify({
    interfaces: [iface('ens5', '192.168.1.10'), iface('eth1', '10.1.0.10'), iface('wlan0', '10.2.0.10', 'wifi')],
    default_interface: 'ens5',
  }),
);

function configOn(parent: string): string {
  const file = path.join(work, `${parent}.yaml`);
  writeFileSync(file, `runtimes:\n  - { name: rt1, image: local/busybox:latest, vnics: [{ name: lan, parent_interface: ${parent} }] }\n`);
  return file;
}

async function doctor(args: { config?: string; json?: boolean }, machine: DoctorMachine = {}) {
  let out = '';
  const code = await doctorCommand(
    { facts: factsFile, ...args },
    {
      root: path.join(DOCTOR, 'machine'),
      home: path.join(DOCTOR, 'home'),
      lockFile: path.join(DOCTOR, 'lock.hcl'),
      machine: { platform: 'linux', arch: 'x64' },
      env: { DOCKER_HOST: `unix://${path.join(work, 'no-engine.sock')}` },
      engineTimeoutMs: 1000,
      netmonProbe: async () => 2,
      write: (text) => (out += text),
      ...machine,
    },
  );
  return { code, out, lines: out.trimEnd().split('\n') };
}

describe('edgenet doctor on a fixture machine', () => {
  test('a healthy wired parent: exit 0, one line per check, the engine and netmon warnings only', async () => {
    const { code, lines } = await doctor({ config: configOn('ens5') });
    expect(code).toBe(0);
    expect(lines.map((l) => l.split(/\s+/).slice(0, 3).join(' '))).toEqual([
      'ok parent ens5:',
      'ok parent-port ens5:',
      'ok wifi ens5:',
      'ok kernel macvlan:',
      'ok vswitch ens5:',
      `warning engine unix://${path.join(work, 'no-engine.sock')}:`,
      'warning host-access ens5:',
      'warning netmon /var/orchestrator/netmon.sock:',
      `ok providers ${path.join(DOCTOR, 'lock.hcl')}:`,
      'ok providers edgenet.dev/edgenet/edgenet',
      'ok providers registry.terraform.io/kreuzwerker/docker',
      '0 blocking, 3',
    ]);
    expect(lines[11]).toBe('0 blocking, 3 warning(s): nothing blocks');
    expect(lines[7]).toContain('no socket there');
  });

  test('a Wi-Fi parent on a kernel without ipvlan: blocking, naming the missing ipvlan', async () => {
    const { code, lines } = await doctor({ config: configOn('wlan0') });
    expect(code).toBe(1);
    expect(lines.find((l) => l.includes(' wifi '))).toMatch(/^blocking wifi +wlan0: Wi-Fi: .*this kernel has no ipvlan/);
  });

  test('a parent that does not exist: blocking, naming it', async () => {
    const { code, lines } = await doctor({ config: configOn('eth9') });
    expect(code).toBe(1);
    expect(lines[0]).toBe(
      'blocking parent      eth9: no such link on this host; name an interface that exists here as parent_interface (with IPv4 here: ens5, eth1, wlan0)',
    );
  });

  test('a bridge port: blocking, saying to use the bridge', async () => {
    const { code, lines } = await doctor({ config: configOn('eth1') });
    expect(code).toBe(1);
    expect(lines.find((l) => l.startsWith('blocking parent-port'))).toContain(
      'use the bridge itself as the parent (parent_interface: br0)',
    );
  });

  test("without a config: the facts' default interface, as JSON", async () => {
    const { code, out } = await doctor({ json: true }, { env: { DOCKER_HOST: `unix://${path.join(work, 'none.sock')}` } });
    const report = JSON.parse(out) as DoctorReport;
    expect(code).toBe(0);
    expect(report.blocking).toBe(0);
    expect(report.checks[0]).toEqual({ check: 'parent', status: 'ok', subject: 'ens5', found: 'up (192.168.1.10/24)', todo: '' });
    expect(Object.keys(report)).toEqual(['checks', 'blocking']);
  });

  test('a mirror without the builds and a netmon that does not answer: the providers block, netmon warns', async () => {
    const { code, lines } = await doctor(
      { config: configOn('ens5') },
      {
        home: work,
        netmonProbe: async (socket) => {
          throw new Error(`netmon at ${socket} is not healthy: no discovery within 5000 ms`);
        },
      },
    );
    expect(code).toBe(1);
    expect(lines.filter((l) => l.startsWith('blocking providers'))).toHaveLength(2);
    // The default socket is not there on a test machine: missing, not silent; --socket names one that is.
    expect(lines.find((l) => l.includes(' netmon '))).toContain('no socket there');
  });

  test('--socket names the netmon socket; one that exists but stays silent is a warning', async () => {
    const net = await import('net');
    const socket = path.join(work, 'netmon.sock');
    const server = net.createServer(() => undefined);
    await new Promise<void>((resolve) => server.listen(socket, resolve));
    try {
      let out = '';
      await doctorCommand(
        { facts: factsFile, config: configOn('ens5'), socket },
        {
          root: path.join(DOCTOR, 'machine'),
          home: path.join(DOCTOR, 'home'),
          lockFile: path.join(DOCTOR, 'lock.hcl'),
          env: {},
          engineTimeoutMs: 200,
          netmonProbe: async () => {
            throw new Error('no discovery within 5000 ms');
          },
          write: (text) => (out += text),
        },
      );
      expect(out).toContain(`warning  netmon      ${socket}: a socket, but no discovery: no discovery within 5000 ms`);
    } finally {
      server.close();
    }
  });
});
