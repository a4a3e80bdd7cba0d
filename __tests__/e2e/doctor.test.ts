import { mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { NamespacedLan } from '../../scripts/testbed/lan';
import { edgenet } from '../../scripts/testbed/env';

/**
 * `edgenet doctor` on this machine, for parents on the namespaced LAN: a healthy veth (exit 0),
 * the same link typed wifi by the facts (the kernel's ipvlan, as detected and as the kernel
 * really behaves), and a parent that does not exist. It asks the test bed's engine for its
 * version and nothing else.
 */
jest.setTimeout(120_000);

const lan = new NamespacedLan(`d${process.pid.toString(36).slice(-3)}`);
const work = mkdtempSync(path.join(tmpdir(), 'edgenet-e2e-doctor-'));
const factsFile = path.join(work, 'facts.json');

function configOn(parent: string): string {
  const file = path.join(work, `${parent}.yaml`);
  writeFileSync(
    file,
    `runtimes:\n  - { name: doctor-rt, image: local/busybox:latest, vnics: [{ name: lan, parent_interface: ${parent} }] }\n`,
  );
  return file;
}

beforeAll(async () => {
  await lan.down();
  await lan.up('10.97.0');
  const facts = await edgenet(['facts', '--json', '--out', factsFile]);
  expect(facts.exitCode).toBe(0);
});

afterAll(async () => {
  await lan.down();
});

describe('edgenet doctor on the test bed', () => {
  test("a healthy veth on the test bed's LAN: exit 0, the parent up with its address, the engine and both providers found", async () => {
    const run = await edgenet(['doctor', '--config', configOn(lan.parent), '--facts', factsFile]);
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines).toContain(`ok       parent      ${lan.parent}: up (${lan.hostAddress}/24)`);
    expect(lines.find((l) => l.includes(' engine '))).toMatch(/^ok +engine +\S+: Docker Engine /);
    expect(lines.filter((l) => /^ok +providers +(registry\.terraform\.io|edgenet\.dev)/.test(l))).toHaveLength(2);
    expect(lines[lines.length - 1]).toMatch(/^0 blocking, \d+ warning\(s\): nothing blocks$/);
  });

  test('the same link typed wifi by the facts: the kernel as detected is the kernel as it behaves, and a kernel without ipvlan is named', async () => {
    const facts = JSON.parse(readFileSync(factsFile, 'utf8'));
    facts.interfaces.find((i: { name: string }) => i.name === lan.parent).type = 'wifi';
    const wifiFacts = path.join(work, 'wifi-facts.json');
    writeFileSync(wifiFacts, JSON.stringify(facts));
    const hasIpvlan = await lan.kernelHasIpvlan();
    expect(facts.kernel?.ipvlan).toBe(hasIpvlan);

    const run = await edgenet(['doctor', '--config', configOn(lan.parent), '--facts', wifiFacts, '--json']);
    const wifi = JSON.parse(run.stdout).checks.find((c: { check: string }) => c.check === 'wifi');
    if (hasIpvlan) {
      expect(run.exitCode).toBe(0);
      expect(wifi).toMatchObject({ status: 'ok', subject: lan.parent });
    } else {
      // Without ipvlan the LAN is routed: nothing blocks, and the missing ipvlan is named.
      expect(run.exitCode).toBe(0);
      expect(wifi).toMatchObject({
        status: 'ok',
        subject: lan.parent,
        found: expect.stringContaining('this kernel has no ipvlan, and edgenet routes'),
      });
    }
  });

  test('a parent that does not exist: exit 1, naming it', async () => {
    const missing = `${lan.parent}x`;
    const run = await edgenet(['doctor', '--config', configOn(missing), '--facts', factsFile]);
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toContain(`blocking parent      ${missing}: no such link on this host`);
  });
});
