import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { deploy, RefusedError } from '../../lib/app/deploy';
import { engineFor } from '../../lib/app/engine-for-stack';
import { synthesize } from '../../lib/app/synth';
import { Engine } from '../../lib/host/engine/engine';
import { config, lanFacts, runtime } from '../helpers';

jest.mock('../../lib/app/engine-for-stack');

const stack = synthesize(
  config([runtime('rt1', { vnics: [{ name: 'lan', parent_interface: 'eth0', network_mode: 'auto' }] })]),
  lanFacts(),
  mkdtempSync(path.join(tmpdir(), 'deploy-')),
);
const noNames = async () => ({ containers: new Set<string>(), networks: new Set<string>(), networkStacks: new Map<string, string>() });

/** An engine that records its steps; each plan answers with the next of `plans` (its show -json alike). */
function recordingEngine(plans: { output: string; json: unknown }[]): { steps: string[] } {
  const steps: string[] = [];
  let planned = -1;
  const engine = {
    init: async () => void steps.push('init'),
    statePull: async () => ({ version: 4, resources: [] }),
    plan: async (args: readonly string[]) => {
      planned += 1;
      steps.push(`plan ${args.join(' ')}`.trim());
      return { changes: !plans[planned].output.startsWith('No changes'), output: plans[planned].output };
    },
    showJson: async () => plans[planned].json,
    apply: async (args: readonly string[]) => {
      steps.push(`apply after plan ${planned + 1}`);
      return `applied ${args.join(' ')}`;
    },
  };
  jest.mocked(engineFor).mockReturnValue(engine as unknown as Engine);
  return { steps };
}

const MOVE = { output: 'Plan: 3 to add, 0 to change, 3 to destroy.', json: { plan: 1 } };
const ADOPT = { output: 'Plan: 3 to add, 0 to change, 0 to destroy.', json: { plan: 2 } };

describe('deploy with a move first', () => {
  test('fails when the apply after a move that changed the engine applies the plan made before it', async () => {
    const { steps } = recordingEngine([MOVE, ADOPT]);
    const said: string[] = [];
    await deploy(stack, { mode: 'apply', heal: false, engineNames: noNames, progress: (m) => said.push(m), moveFirst: async () => true });
    expect(steps).toEqual(['init', 'plan -out=edgenet.tfplan', 'plan -out=edgenet.tfplan', 'apply after plan 2']);
    expect(said).toContain('after the move first: Plan: 3 to add, 0 to change, 0 to destroy.');
  });

  test('fails when the move is made before the operator agreed to the plan', async () => {
    recordingEngine([MOVE, ADOPT]);
    const moved: string[] = [];
    const run = deploy(stack, {
      mode: 'apply',
      heal: false,
      engineNames: noNames,
      confirm: async () => (moved.push('asked'), false),
      moveFirst: async () => (moved.push('moved'), true),
    });
    await expect(run).rejects.toThrow(/cancelled: nothing was changed/);
    expect(moved).toEqual(['asked']);
  });

  test('fails when the plan made again after the move is not guarded', async () => {
    recordingEngine([MOVE, ADOPT]);
    const run = deploy(stack, {
      mode: 'apply',
      heal: false,
      engineNames: noNames,
      guard: (json: any) => (json.plan === 2 ? 'the second plan destroys every runtime' : undefined),
      moveFirst: async () => true,
    });
    await expect(run).rejects.toThrow(new RefusedError('refusing to apply: the second plan destroys every runtime'));
  });

  test('fails when a move first that left the engine as it was costs a second plan', async () => {
    const { steps } = recordingEngine([MOVE]);
    await deploy(stack, { mode: 'apply', heal: false, engineNames: noNames, moveFirst: async () => false });
    expect(steps).toEqual(['init', 'plan -out=edgenet.tfplan', 'apply after plan 1']);
  });

  test('fails when a plan made again that finds nothing left to do applies anyway', async () => {
    const { steps } = recordingEngine([MOVE, { output: 'No changes. Your infrastructure matches the configuration.', json: {} }]);
    const result = await deploy(stack, { mode: 'apply', heal: false, engineNames: noNames, moveFirst: async () => true });
    expect(steps).toEqual(['init', 'plan -out=edgenet.tfplan', 'plan -out=edgenet.tfplan']);
    expect(result.applyOutput).toBeUndefined();
  });
});
