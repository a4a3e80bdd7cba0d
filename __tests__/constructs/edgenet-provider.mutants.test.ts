import { Testing, TerraformStack } from 'cdktf';
import { EdgenetProvider, EdgenetProviderProps } from '../../constructs/edgenet-provider';

/** The synthesized `provider.edgenet` block list of a stack holding only the provider. */
function providerBlocks(props?: EdgenetProviderProps): unknown[] {
  const s = new TerraformStack(Testing.app(), 'test');
  new EdgenetProvider(s, 'edgenet', props);
  return JSON.parse(Testing.synth(s)).provider.edgenet;
}

describe('EdgenetProvider', () => {
  test('fails when a provider given no connection settings writes any (the provider then reads DOCKER_HOST and DOCKER_CERT_PATH)', () => {
    expect(providerBlocks()).toEqual([{}]);
    expect(providerBlocks({ sshOpts: [] })).toEqual([{}]);
    expect(new EdgenetProvider(new TerraformStack(Testing.app(), 'test'), 'edgenet').sshOpts).toEqual([]);
  });

  test('fails when the certificate directory is not written as cert_path', () => {
    expect(providerBlocks({ host: 'tcp://edge:2376', certPath: '/certs' })).toEqual([{ host: 'tcp://edge:2376', cert_path: '/certs' }]);
    expect(providerBlocks({ certPath: '/certs' })).toEqual([{ cert_path: '/certs' }]);
  });

  test('fails when ssh options are not written as ssh_opts, in order', () => {
    expect(providerBlocks({ host: 'ssh://edge@site1', sshOpts: ['-p', '2222'] })).toEqual([
      { host: 'ssh://edge@site1', ssh_opts: ['-p', '2222'] },
    ]);
  });
});
