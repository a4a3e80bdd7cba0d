import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { findNameConflicts } from '../../lib/app/name-conflicts';
import { synthesize } from '../../lib/app/synth';
import { Engine } from '../../lib/host/engine/engine';
import { config, lanFacts, runtime } from '../helpers';

const stack = synthesize(
  config([runtime('rt1', { vnics: [{ name: 'lan', parent_interface: 'eth0', network_mode: 'auto' }] })]),
  lanFacts(),
  mkdtempSync(path.join(tmpdir(), 'name-conflicts-')),
);
const lan = Object.values<any>(stack.tfJson.resource.docker_network).find((n) => n.driver === 'macvlan').name as string;
/** An engine whose state is empty: every name on the Docker engine is someone else's, unless labelled. */
const emptyState = { statePull: async () => ({ version: 4, resources: [] }) } as unknown as Engine;
const dockerHas = (networkStacks: Map<string, string>) => async () => ({
  containers: new Set<string>(),
  networks: new Set([lan]),
  networkStacks,
});

describe('findNameConflicts', () => {
  it("reports the stack's LAN network made by someone else", async () => {
    expect(await findNameConflicts(stack, emptyState, dockerHas(new Map()))).toEqual([
      expect.objectContaining({ kind: 'network', name: lan }),
    ]);
  });

  it("fails when the stack's own name is not what it compares labels with", async () => {
    expect(await findNameConflicts(stack, emptyState, dockerHas(new Map([[lan, stack.model.stack]])))).toEqual([]);
  });
});
