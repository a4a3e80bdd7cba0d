import { mkdtempSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import execa from 'execa';
import { Testing } from 'cdktf';
import { EdgeStack } from '../constructs/edge-stack';
import { vnicsFromSynth } from '../lib/vnic-store';
import { InterfaceCache } from '../watcher/interface-cache';
import { destroysEveryRuntime } from '../watcher/plan-guard';
import { InterfaceReport } from '../watcher/protocol';
import { relevantInterfaces } from '../watcher/relevance';
import { config, lanFacts, runtime } from './helpers';

const CLI = path.resolve(__dirname, '..', 'bin', 'edgenet.js');
const report = (name: string, index: number, address: string | null, gateway: string | null, operstate = 'UP'): InterfaceReport => ({
  interface: name, index, operstate, gateway, timestamp: 't',
  ipv4_addresses: address ? [{ address, prefixlen: 24, subnet: address.replace(/\.\d+$/, '.0/24'), network_address: address.replace(/\.\d+$/, '.0') }] : [],
});

describe('InterfaceCache', () => {
  test('facts from discovery: interfaces by index, default interface by seed 001 rules, source netmon', () => {
    const cache = new InterfaceCache();
    cache.replaceAll([report('wlan0', 3, '192.168.50.4', null), report('eth0', 2, '100.64.0.5', '100.64.0.1'), report('eth1', 4, '10.1.1.5', '10.1.1.1')]);
    const facts = cache.toFacts('2026-11-22T00:00:00.000Z');
    expect(facts.interfaces.map((i) => i.name)).toEqual(['eth0', 'wlan0', 'eth1']);
    // eth0's gateway is public (CGNAT is not RFC 1918): the first private one with a gateway wins.
    expect(facts.default_interface).toBe('eth1');
    expect(facts).toMatchObject({ source: 'netmon', detected_at: '2026-11-22T00:00:00.000Z' });
    expect(facts.interfaces[2]).toEqual({ name: 'eth1', operstate: 'UP', mac: null, ipv4: [{ address: '10.1.1.5', prefixlen: 24, subnet: '10.1.1.0/24' }], gateway: '10.1.1.1' });
  });

  test('a change replaces one interface; a link that went down contributes no subnet', () => {
    const cache = new InterfaceCache();
    cache.replaceAll([report('eth0', 2, '192.168.1.10', '192.168.1.1')]);
    cache.update(report('eth0', 2, '192.168.1.10', '192.168.1.1', 'DOWN'));
    expect(cache.toFacts('t').interfaces[0]).toMatchObject({ operstate: 'DOWN', ipv4: [], gateway: null });
    expect(cache.toFacts('t').default_interface).toBeNull();
  });

  test('discovery replaces everything known before', () => {
    const cache = new InterfaceCache();
    cache.replaceAll([report('eth0', 2, '192.168.1.10', null)]);
    cache.replaceAll([report('eth1', 3, '10.0.0.5', null)]);
    expect(cache.toFacts('t').interfaces.map((i) => i.name)).toEqual(['eth1']);
  });
});

describe('relevance', () => {
  test('only the parents of vNICs matter', () => {
    const relevant = relevantInterfaces(config([runtime('rt1', { vnics: [{ name: 'lan', parent_interface: 'eth0', network_mode: 'auto' }] }), runtime('w', { isolated: true })]));
    expect(relevant('eth0')).toBe(true);
    expect(relevant('wlan0')).toBe(false);
  });

  test('a vNIC without parent_interface follows the default interface, so every change matters', () => {
    const relevant = relevantInterfaces(config([runtime('rt1', { vnics: [{ name: 'lan', network_mode: 'auto' }] })]));
    expect(relevant('wlan0')).toBe(true);
  });
});

describe('plan guard', () => {
  const change = (name: string, actions: string[], before: unknown = { name }) => ({ address: `docker_container.${name}`, type: 'docker_container', change: { actions, before } });

  test('refuses a plan that deletes every existing container and creates none', () => {
    expect(destroysEveryRuntime({ resource_changes: [change('a', ['delete']), change('b', ['delete'])] })).toBe(
      'the plan would destroy every runtime container (docker_container.a, docker_container.b) and create none',
    );
  });

  test.each([
    ['replacements (a subnet move)', [change('a', ['delete', 'create']), change('b', ['create', 'delete'])]],
    ['deleting some but not all', [change('a', ['delete']), change('b', ['no-op'])]],
    ['a first apply (nothing exists yet)', [change('a', ['create'], null)]],
    ['no containers at all', [{ address: 'docker_network.n', type: 'docker_network', change: { actions: ['delete'], before: {} } }]],
  ])('allows %s', (_what, resourceChanges) => {
    expect(destroysEveryRuntime({ resource_changes: resourceChanges })).toBeUndefined();
  });
});

describe('runtime_vnics.json', () => {
  test('records each runtime\'s vNICs as synthesized, with seed 000 fields; the netmon sidecar is not a runtime', () => {
    const cfg = config(
      [
        runtime('rt1', { vnics: [{ name: 'lan', parent_interface: 'eth0', network_mode: 'static', ip: '192.168.1.50', dns: ['192.168.1.1'] }] }),
        runtime('worker', { isolated: true }),
      ],
      { netmon: { image: 'local/edgenet:latest' } },
    );
    const tfJson = JSON.parse(Testing.synth(new EdgeStack(Testing.app(), 'edge', { config: cfg, facts: lanFacts() })));
    expect(vnicsFromSynth(tfJson)).toEqual({
      rt1: {
        vnics: [{
          name: 'lan', network: 'macvlan_eth0_192.168.1.0_24', parent_interface: 'eth0', parent_subnet: '192.168.1.0/24', parent_gateway: '192.168.1.1',
          network_mode: 'static', ip: '192.168.1.50', subnet: '192.168.1.0/24', gateway: '192.168.1.1', dns: ['192.168.1.1'],
          mac_address: expect.stringMatching(/^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/),
        }],
      },
      worker: { vnics: [] },
    });
  });
});

describe('edgenet watch options', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'edgenet-watch-cli-'));
  const run = (args: string[]) => execa('node', [CLI, 'watch', '--config', path.resolve(__dirname, '..', 'examples', 'edge.yaml'), '--out', dir, ...args], { reject: false });

  test.each([
    ['--settle', 'later', '--settle: "later" is not a number of seconds; allowed: a number >= 0, e.g. 3 or 0.5'],
    ['--step-timeout', '0', '--step-timeout: "0" is not a number of seconds; allowed: a number >= 1, e.g. 3 or 0.5'],
    ['--retry-max', '-5', '--retry-max: "-5" is not a number of seconds; allowed: a number >= 1, e.g. 3 or 0.5'],
  ])('fails when %s is %s', async (flag, value, message) => {
    const result = await run([`${flag}=${value}`]);
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain(message);
  });

  test('fails when the config does not exist, naming it', async () => {
    const result = await execa('node', [CLI, 'watch', '--config', path.join(dir, 'missing.yaml'), '--once'], { reject: false });
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain(`${path.join(dir, 'missing.yaml')}`);
  });
});
