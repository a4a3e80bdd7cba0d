import { mkdtempSync, mkdirSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { gzipSync } from 'zlib';
import { detectFacts } from '../../../lib/host/facts/detect';
import { detectKernel, kernelPathsUnder } from '../../../lib/host/facts/kernel-modules';
import { FIXTURES } from '../../paths';

/** The kernel's LAN drivers as lib/host/facts detects them, from fixture trees standing in for the machine. */
const fixture = (name: string) => path.join(FIXTURES, 'doctor', name);

describe('detectKernel', () => {
  test('macvlan from /sys/module, ipvlan ruled out by modules.dep of the running release', async () => {
    expect(await detectKernel(await kernelPathsUnder(fixture('machine')))).toEqual({ macvlan: true, ipvlan: false });
  });

  test("the distribution's /boot/config-<release> where /sys and /lib/modules say nothing", async () => {
    expect(await detectKernel(await kernelPathsUnder(fixture('kernel-config')))).toEqual({ macvlan: true, ipvlan: false });
  });

  test('/proc/config.gz, the kernel built without modules (no /lib/modules at all)', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'edgenet-kernel-'));
    mkdirSync(path.join(root, 'proc'));
    writeFileSync(path.join(root, 'proc', 'config.gz'), gzipSync('CONFIG_MACVLAN=y\n# CONFIG_IPVLAN is not set\nCONFIG_IPVLAN_L3S=y\n'));
    expect(await detectKernel(await kernelPathsUnder(root))).toEqual({ macvlan: true, ipvlan: false });
  });

  test('nothing readable: left out, never an error', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'edgenet-kernel-'));
    expect(await detectKernel(await kernelPathsUnder(root))).toBeUndefined();
    writeFileSync(path.join(root, 'not-a-dir'), '');
    expect(await detectKernel(await kernelPathsUnder(path.join(root, 'not-a-dir')))).toBeUndefined();
  });
});

describe("detectFacts' kernel field", () => {
  test('a --proc-root with sys/module: both drivers loaded', async () => {
    const facts = await detectFacts({ procRoot: fixture('proc-kernel'), env: {} });
    expect(facts.kernel).toEqual({ macvlan: true, ipvlan: true });
  });

  test('a --proc-root without the kernel files leaves the field out', async () => {
    const facts = await detectFacts({ procRoot: path.join(FIXTURES, 'proc-multi'), env: {} });
    expect(facts).not.toHaveProperty('kernel');
  });
});
