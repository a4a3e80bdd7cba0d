import { Testing, TerraformStack } from 'cdktf';
import { EdgeStack } from '../../constructs/edge-stack';
import { ValidationError } from '../../lib/core/errors';
import { model, runtime } from '../helpers';

const synthJson = (s: TerraformStack) => JSON.parse(Testing.synth(s, true));

describe('EdgeStack imports (what already runs, taken over by edgenet adopt)', () => {
  const containerAddress = (s: EdgeStack) => `docker_container.${Object.keys(synthJson(s).resource.docker_container)[0]}`;

  test('fails when an import does not become an import block for that resource, and only then', () => {
    const plain = new EdgeStack(Testing.app(), 'edge', { model: model([runtime('rt1', { vnics: [{ name: 'lan' }] })]) });
    expect(synthJson(plain).import).toBeUndefined();
    const address = containerAddress(plain);
    const s = new EdgeStack(Testing.app(), 'edge', {
      model: model([runtime('rt1', { vnics: [{ name: 'lan' }] })]),
      imports: [{ to: address, id: 'c0ffee' }],
    });
    expect(synthJson(s).import).toEqual([expect.objectContaining({ to: address, id: 'c0ffee' })]);
  });

  test('fails when an import of an address the stack does not declare is accepted', () => {
    expect(
      () => new EdgeStack(Testing.app(), 'edge', { model: model([runtime('rt1')]), imports: [{ to: 'docker_container.Nope', id: 'x' }] }),
    ).toThrow(ValidationError);
  });

  test('fails when the LAN and internal networks would be replaced for their labels (a network adopted from another tool has none)', () => {
    const s = new EdgeStack(Testing.app(), 'edge', { model: model([runtime('rt1', { vnics: [{ name: 'lan' }] })]) });
    for (const network of Object.values<any>(synthJson(s).resource.docker_network)) {
      expect(network.lifecycle).toEqual({ ignore_changes: ['labels'] });
    }
  });
});
