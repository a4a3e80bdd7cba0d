import { Testing, TerraformStack } from 'cdktf';
import { DockerProvider } from '@cdktf/provider-docker/lib/provider';
import { NetworkMonitor } from '../../constructs/network-monitor';
import { problemsOf } from '../helpers';

function stack(): TerraformStack {
  const s = new TerraformStack(Testing.app(), 'test');
  new DockerProvider(s, 'docker', {});
  return s;
}

describe('NetworkMonitor', () => {
  test('host network, socket directory bound, healthcheck in canonical durations', () => {
    const s = stack();
    new NetworkMonitor(s, 'Netmon', { image: 'edgenet:1', healthIntervalSeconds: 60 });
    expect(Testing.synth(s, true)).toHaveResourceWithProperties(
      { tfResourceType: 'docker_container' },
      {
        network_mode: 'host',
        volumes: [{ host_path: '/var/orchestrator', container_path: '/var/orchestrator' }],
        healthcheck: {
          test: ['CMD', 'edgenet', 'netmon', '--check', '--socket', '/var/orchestrator/netmon.sock'],
          interval: '1m0s',
          timeout: '5s',
          start_period: '10s',
          retries: 3,
        },
      },
    );
  });

  test("gives netmon's container no Node flags: its daemon is not Node", () => {
    const s = stack();
    new NetworkMonitor(s, 'Netmon', { image: 'edgenet:1' });
    const container = Object.values<any>(JSON.parse(Testing.synth(s)).resource.docker_container)[0];
    expect(container.env).toBeUndefined();
  });

  test('passes a socket directory as written: a Terraform template in it is escaped, never evaluated', () => {
    const s = stack();
    new NetworkMonitor(s, 'Netmon', { image: 'edgenet:1', socketDir: '/run/${path.root}' });
    const container = Object.values<any>(JSON.parse(Testing.synth(s)).resource.docker_container)[0];
    expect(container.volumes).toEqual([{ host_path: '/run/$${path.root}', container_path: '/run/$${path.root}' }]);
    expect(container.command).toEqual(['edgenet', 'netmon', '--socket', '/run/$${path.root}/netmon.sock']);
  });

  test('fails when the socket directory is relative', () => {
    expect(problemsOf(() => new NetworkMonitor(stack(), 'Netmon', { image: 'x', socketDir: 'var/run' })).join()).toContain(
      'test/Netmon.socketDir: is not an absolute path',
    );
  });
});
