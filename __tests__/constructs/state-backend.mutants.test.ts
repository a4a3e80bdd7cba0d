import { Testing, TerraformOutput, TerraformStack } from 'cdktf';
import { DockerProvider } from '@cdktf/provider-docker/lib/provider';
import { InternalNetwork } from '../../constructs/internal-network';
import { StateBackend } from '../../constructs/state-backend';
import { StateTarget } from '../../lib/core/config/targets';

const pg = (schema: string): StateTarget => ({ backend: 'pg', options: { schema_name: schema } });

describe('StateBackend', () => {
  test('fails when the HCL form of the stack does not carry the backend options as written', () => {
    const s = new TerraformStack(Testing.app(), 'edge');
    new StateBackend(s, { state: pg('site1') });
    expect(Testing.synthHcl(s)).toMatch(/backend "pg" \{\s*schema_name = "site1"\s*\}/);
  });

  test("fails when another stack does not read this stack's outputs through the same backend, with the same options", () => {
    const app = Testing.app();
    const edge = new TerraformStack(app, 'edge');
    new DockerProvider(edge, 'docker', {});
    new StateBackend(edge, { state: pg('site1') });
    const internal = new InternalNetwork(edge, 'Internal', { runtimeName: 'rt1' });
    const ops = new TerraformStack(app, 'ops');
    new StateBackend(ops, { state: pg('ops') });
    new TerraformOutput(ops, 'network', { value: internal.networkId });
    // What app.synth() does before writing each stack: cross-stack references become remote state.
    ops.prepareStack();
    const json = JSON.parse(Testing.synth(ops));
    expect(Object.values<any>(json.data.terraform_remote_state)).toEqual([{ backend: 'pg', config: { schema_name: 'site1' } }]);
    expect(json.terraform.backend).toEqual({ pg: { schema_name: 'ops' } });
  });
});
