import { Testing, TerraformStack } from 'cdktf';
import { DockerProvider } from '@cdktf/provider-docker/lib/provider';
import { NetworkMonitor, NetworkMonitorProps } from '../../constructs/network-monitor';
import { problemsOf } from '../helpers';

function stack(): TerraformStack {
  const s = new TerraformStack(Testing.app(), 'test');
  new DockerProvider(s, 'docker', {});
  return s;
}

/** The monitor and its synthesized container. */
function netmon(props: Partial<NetworkMonitorProps> = {}): { monitor: NetworkMonitor; container: any } {
  const s = stack();
  const monitor = new NetworkMonitor(s, 'Netmon', { image: 'edgenet:1', ...props });
  return { monitor, container: Object.values<any>(JSON.parse(Testing.synth(s, true)).resource.docker_container)[0] };
}

describe('NetworkMonitor', () => {
  test('fails when the container is not named edgenet_netmon by default, or not by the name given', () => {
    expect(netmon().container.name).toBe('edgenet_netmon');
    const named = netmon({ containerName: 'site1_netmon' });
    expect(named.container.name).toBe('site1_netmon');
    expect(named.monitor.containerName).toBe('site1_netmon');
  });

  test('fails when a socket directory written with a trailing slash gives a socket path with a doubled or mangled separator', () => {
    const { monitor, container } = netmon({ socketDir: '/run/edgenet/' });
    expect(monitor.socketPath).toBe('/run/edgenet/netmon.sock');
    expect(container.command).toEqual(['edgenet', 'netmon', '--socket', '/run/edgenet/netmon.sock']);
    expect(netmon({ socketDir: '/run/edgenet' }).monitor.socketPath).toBe('/run/edgenet/netmon.sock');
  });

  test('fails when the sidecar is not restarted unless stopped, or not required to be running', () => {
    expect(netmon().container).toMatchObject({ restart: 'unless-stopped', must_run: true });
  });

  test('fails when the stack label is not written as io.edgenet.stack=<stack>', () => {
    expect(netmon({ managedBy: 'edge' }).container.labels).toEqual([{ label: 'io.edgenet.stack', value: 'edge' }]);
    expect(netmon().container.labels).toBeUndefined();
  });

  test('fails when a relative socket directory is refused without the value and an example of what is allowed', () => {
    expect(problemsOf(() => new NetworkMonitor(stack(), 'Netmon', { image: 'x', socketDir: 'var/run' }))).toEqual([
      'test/Netmon.socketDir: is not an absolute path, got "var/run"; expected an absolute directory, e.g. /var/orchestrator',
    ]);
  });

  test.each([0, -5, 1.5])('fails when a health interval of %p seconds is taken', (seconds) => {
    expect(problemsOf(() => new NetworkMonitor(stack(), 'Netmon', { image: 'x', healthIntervalSeconds: seconds }))).toEqual([
      `test/Netmon.healthIntervalSeconds: is not a positive whole number, got ${JSON.stringify(seconds)}; expected an integer >= 1`,
    ]);
  });

  test('fails when a health interval of one second, the smallest allowed, is refused', () => {
    expect(netmon({ healthIntervalSeconds: 1 }).container.healthcheck.interval).toBe('1s');
  });
});
