import { EngineLanNetwork } from '../../lib/core/lan-move';
import { resolveModel } from '../../lib/core/model/resolve';
import { DockerApi } from '../../lib/host/docker/docker-api';
import { NamespaceRunner } from '../../lib/host/docker/link-macs';
import { moveFirst } from '../../lib/app/move-first';
import { config, movedFacts, runtime } from '../helpers';

/** The stack's old LAN network on eth0, with rt1 and rt2 on it, before eth0 moved to 10.0.5.0/24. */
const OLD: EngineLanNetwork = {
  id: 'old-id',
  name: 'macvlan_eth0_192.168.1.0_24',
  driver: 'macvlan',
  options: { parent: 'eth0' },
  labels: { 'io.edgenet.stack': 'edge' },
  containers: ['rt1', 'rt2'],
};
const model = resolveModel(
  config(['rt1', 'rt2'].map((name) => runtime(name, { vnics: [{ name: 'lan', parent_interface: 'eth0', network_mode: 'auto' }] }))),
  movedFacts(),
);

/** Every call, in order: engine calls by method and path (a connect with its container), link changes by container. */
function recorder(): { calls: string[]; docker: DockerApi; namespaces: (cost: 'cheap' | 'costly') => NamespaceRunner } {
  const calls: string[] = [];
  const docker = {
    url: 'unix:///fake.sock',
    post: async (path: string, body?: any) => {
      calls.push(`POST ${path}${body?.Container ? ` ${body.Container}${body.EndpointConfig?.MacAddress ? ' with MAC' : ''}` : ''}`);
      return path === '/networks/create' ? { Id: 'new-id' } : undefined;
    },
    delete: async (path: string) => void calls.push(`DELETE ${path}`),
    getOrUndefined: async (path: string) => ({ Id: path.split('/')[2], State: { Running: true, Pid: 42 } }),
  } as unknown as DockerApi;
  const namespaces = (cost: 'cheap' | 'costly'): NamespaceRunner => ({
    cost,
    run: async (container, _script, args) => {
      calls.push(`link ${container.id} ${args[0]} -> ${args[1]}`);
      return '';
    },
    runEach: async (_script, each) => {
      for (const c of each) calls.push(`link ${c.container.id} ${c.args[0]} -> ${c.args[1]}`);
    },
  });
  return { calls, docker, namespaces };
}

const snapshot = (apiVersion: string) => ({ facts: [], networks: [OLD], running: new Set(['rt1', 'rt2']), apiVersion });
const mac = (name: string) => model.runtimes.find((r) => r.name === name)!.vnics[0].mac!.toString();

describe('moveFirst', () => {
  test("fails when Engine 20.10's move does not remove the old network before it makes the new one, or leaves the engine's MAC on a link", async () => {
    const { calls, docker, namespaces } = recorder();
    expect(await moveFirst(docker, model, () => undefined, { engine: snapshot('1.41'), namespaces: namespaces('cheap') })).toBe(true);
    expect(calls.filter((c) => c.startsWith('POST') || c.startsWith('DELETE'))).toEqual([
      'POST /networks/old-id/disconnect rt1',
      'POST /networks/old-id/disconnect rt2',
      'DELETE /networks/old-id',
      'POST /networks/create',
      'POST /networks/new-id/connect rt1 with MAC',
      'POST /networks/new-id/connect rt2 with MAC',
    ]);
    const address = (name: string) => model.runtimes.find((r) => r.name === name)!.vnics[0].ipv4!.toString();
    expect(calls.filter((c) => c.startsWith('link')).sort()).toEqual([
      `link rt1 ${address('rt1')} -> ${mac('rt1')}`,
      `link rt2 ${address('rt2')} -> ${mac('rt2')}`,
    ]);
    // Each link is changed after its own connect.
    for (const rt of ['rt1', 'rt2']) {
      expect(calls.findIndex((c) => c.startsWith(`link ${rt}`))).toBeGreaterThan(
        calls.indexOf(`POST /networks/new-id/connect ${rt} with MAC`),
      );
    }
  });

  test('fails when an engine that takes a second network does not make before it breaks, each old link stepping aside before its connect', async () => {
    const { calls, docker, namespaces } = recorder();
    await moveFirst(docker, model, () => undefined, { engine: snapshot('1.56'), namespaces: namespaces('cheap') });
    expect(calls.filter((c) => c.startsWith('POST') || c.startsWith('DELETE'))).toEqual([
      'POST /networks/create',
      'POST /networks/new-id/connect rt1 with MAC',
      'POST /networks/new-id/connect rt2 with MAC',
      'POST /networks/old-id/disconnect rt1',
      'POST /networks/old-id/disconnect rt2',
      'DELETE /networks/old-id',
    ]);
    for (const rt of ['rt1', 'rt2']) {
      const stepped = calls.findIndex((c) => c.startsWith(`link ${rt} ${mac(rt)} -> `));
      expect(stepped).toBeGreaterThanOrEqual(0);
      expect(stepped).toBeLessThan(calls.indexOf(`POST /networks/new-id/connect ${rt} with MAC`));
    }
    // Engine 29 applies the MAC on connect: nothing is put on the links after.
    expect(calls.filter((c) => c.startsWith('link')).length).toBe(2);
  });

  test('fails when MACs step aside through helper containers (costly): such a move keeps the old order', async () => {
    const { calls, docker, namespaces } = recorder();
    await moveFirst(docker, model, () => undefined, { engine: snapshot('1.56'), namespaces: namespaces('costly') });
    expect(calls[0]).toBe('POST /networks/old-id/disconnect rt1');
    expect(calls.filter((c) => c.startsWith('link'))).toEqual([]);
  });

  test('fails when a move in another order than the one asked for (`only`) is made: it is left to the plan', async () => {
    const { calls, docker, namespaces } = recorder();
    const run = (apiVersion: string) =>
      moveFirst(docker, model, () => undefined, {
        engine: snapshot(apiVersion),
        namespaces: namespaces('cheap'),
        only: 'make-before-break',
      });
    expect(await run('1.41')).toBe(false);
    expect(calls).toEqual([]);
    expect(await run('1.56')).toBe(true);
    expect(calls[0]).toBe('POST /networks/create');
  });

  test('fails when an engine that cannot be read ends the move with an error instead of leaving it to the plan, by name', async () => {
    const { calls, namespaces } = recorder();
    const unreachable = {
      url: 'unix:///gone.sock',
      get: async () => {
        throw new Error('connect ENOENT /gone.sock');
      },
    } as unknown as DockerApi;
    const said: string[] = [];
    expect(await moveFirst(unreachable, model, (m) => said.push(m), { namespaces: namespaces('cheap') })).toBe(false);
    expect(said).toEqual([expect.stringMatching(/^move first: could not read the engine, leaving the move to the plan: .*ENOENT/)]);
    expect(calls).toEqual([]);
  });
});
