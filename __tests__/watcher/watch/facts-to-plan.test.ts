import { factsToPlan } from '../../../watcher/watch/stack-reconcile';
import { lanFacts } from '../../helpers';

describe('factsToPlan', () => {
  const networks = [
    { name: 'theirs', driver: 'macvlan', parent: 'eth0', subnet: '192.168.1.0/24', gateway: '192.168.1.1', managed_by: null },
  ];

  test("fails when the watcher plans without the kernel's LAN drivers, which netmon does not report", () => {
    const kernel = { macvlan: true, ipvlan: false };
    expect(factsToPlan(lanFacts(), networks, kernel)).toMatchObject({ kernel, docker_networks: networks });
  });

  test('leaves the kernel out when it cannot be told', () => {
    expect('kernel' in factsToPlan(lanFacts(), [], undefined)).toBe(false);
  });
});
