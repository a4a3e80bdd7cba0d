import { engineCheck, kernelCheck, netmonCheck, netmonSocketOf } from '../../../lib/core/doctor/machine-checks';
import { ParentUse } from '../../../lib/core/doctor/parents';

const use = (driver: 'macvlan' | 'ipvlan'): ParentUse => ({ iface: 'eth0', driver, driverReason: '', hostAccess: false });

describe('kernelCheck (4: the kernel has macvlan)', () => {
  test('fails when a kernel without macvlan under a macvlan LAN is not blocking', () => {
    expect(kernelCheck([use('macvlan')], { macvlan: false, ipvlan: true })).toMatchObject({
      check: 'kernel',
      status: 'blocking',
      subject: 'macvlan',
      todo: 'load the module (modprobe macvlan), or use a kernel built with CONFIG_MACVLAN',
    });
  });

  test('fails when a kernel without macvlan blocks a host whose LANs are all ipvlan', () => {
    expect(kernelCheck([use('ipvlan')], { macvlan: false, ipvlan: true })).toMatchObject({ status: 'ok' });
  });

  test('fails when a kernel with macvlan is not ok, saying whether it has ipvlan too', () => {
    expect(kernelCheck([use('macvlan')], { macvlan: true, ipvlan: false })).toMatchObject({
      status: 'ok',
      found: 'the kernel has macvlan (ipvlan: no)',
    });
  });

  test('fails when a kernel that cannot be told is taken for either answer', () => {
    expect(kernelCheck([use('macvlan')], undefined)).toMatchObject({ status: 'warning' });
  });
});

describe('engineCheck (6: the Docker engine)', () => {
  const at = { url: 'unix:///var/run/docker.sock', addressedBy: 'the default' } as const;

  test('fails when Engine 20.10 is not said to take one LAN network per parent and pick its own MAC', () => {
    const finding = engineCheck({ ...at, reachable: true, version: '20.10.24', apiVersion: '1.41' });
    expect(finding).toEqual({
      check: 'engine',
      status: 'ok',
      subject: 'unix:///var/run/docker.sock',
      found:
        'Docker Engine 20.10.24, API 1.41 (addressed by the default): one LAN network per parent (a move removes the old network first); picks its own MAC on connect (edgenet puts the declared one on the link after)',
      todo: '',
    });
  });

  test('fails when Engine 29 is not said to take several LAN networks per parent and the MAC on connect', () => {
    const { found } = engineCheck({ ...at, reachable: true, version: '29.1.0', apiVersion: '1.56' });
    expect(found).toContain('several LAN networks on a parent');
    expect(found).toContain('takes the declared MAC on connect');
  });

  test('fails when an engine that does not answer blocks, or hides how it was addressed', () => {
    const finding = engineCheck({
      url: 'tcp://10.0.0.9:2376',
      addressedBy: 'DOCKER_HOST',
      reachable: false,
      error: 'connect ECONNREFUSED',
    });
    expect(finding).toMatchObject({ status: 'warning', found: 'no answer (addressed by DOCKER_HOST): connect ECONNREFUSED' });
    expect(finding.todo).toContain('docker_host');
  });
});

describe('netmonCheck (8: netmon answers)', () => {
  const socket = '/var/orchestrator/netmon.sock';
  test('fails when a netmon that answers is not ok', () => {
    expect(netmonCheck({ socket, state: 'answering', interfaces: 2 })).toMatchObject({
      status: 'ok',
      found: 'answers with a discovery of 2 interface(s)',
    });
  });

  test.each([
    [{ socket, state: 'missing' } as const, 'no socket there'],
    [{ socket, state: 'not a socket' } as const, 'a file that is not a socket'],
    [{ socket, state: 'silent', error: 'no discovery within 5000 ms' } as const, 'a socket, but no discovery: no discovery within 5000 ms'],
  ])('fails when %j is not a warning', (netmon, found) => {
    expect(netmonCheck(netmon)).toMatchObject({
      check: 'netmon',
      status: 'warning',
      subject: socket,
      found: expect.stringContaining(found),
    });
  });
});

describe('netmonSocketOf', () => {
  test("fails when the socket is not netmon.sock in the config's socket_dir, else in /var/orchestrator", () => {
    expect([netmonSocketOf('/run/edge/'), netmonSocketOf()]).toEqual(['/run/edge/netmon.sock', '/var/orchestrator/netmon.sock']);
  });
});
