import { Testing } from 'cdktf';
import { EdgeStack } from '../../constructs/edge-stack';
import { model, runtime } from '../helpers';

const synth = (extra: Record<string, unknown>) =>
  JSON.parse(Testing.synth(new EdgeStack(Testing.app(), 'edge', { model: model([runtime('rt1')], undefined, extra) })));

describe('StateBackend', () => {
  test("writes the backend with Terraform's option names and no secret", () => {
    const json = synth({ state: { backend: 'pg', schema_name: 'site1' } });
    expect(json.terraform.backend).toEqual({ pg: { schema_name: 'site1' } });
    expect(JSON.stringify(json)).not.toMatch(/conn_str|password|secret/);
  });

  test('keeps the local state beside the out directory by default', () => {
    expect(synth({}).terraform.backend).toEqual({ local: { path: '../../../terraform.edge.tfstate' } });
  });

  test('an s3-compatible store keeps its endpoint and path style', () => {
    const json = synth({ state: { backend: 's3', bucket: 'tf', endpoint: 'http://127.0.0.1:9000', use_path_style: true } });
    expect(json.terraform.backend.s3).toEqual({
      bucket: 'tf',
      endpoint: 'http://127.0.0.1:9000',
      use_path_style: true,
      key: 'edgenet/edge.tfstate',
    });
  });
});

describe('EdgeStack provider block', () => {
  test("leaves the engine to DOCKER_HOST when the config names none (the same rule as edgenet's own client)", () => {
    expect(synth({}).provider.docker).toEqual([{}]);
  });

  test("writes the config's engine, certificates and ssh options", () => {
    const json = synth({ docker_host: 'ssh://edge@site1', ssh_opts: ['-i', '/keys/edge'], docker_cert_path: '/certs' });
    expect(json.provider.docker).toEqual([{ host: 'ssh://edge@site1', ssh_opts: ['-i', '/keys/edge'], cert_path: '/certs' }]);
  });
});
