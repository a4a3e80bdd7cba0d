import { resolveModel } from '../../../lib/core/model/resolve';
import { AllocationRecord } from '../../../lib/core/model/types';
import { config, lanFacts, plain, problemsOf, runtime } from '../../helpers';

const managed = (names: string[], pool = '172.31.0.0/16') =>
  config(
    names.map((n) => runtime(n)),
    { manager: { container: 'agent', internal_pool: pool } },
  );
const internalOf = (model: ReturnType<typeof resolveModel>, name: string) => plain(model.runtimes.find((r) => r.name === name)?.internal);
const slotOf = (model: ReturnType<typeof resolveModel>, name: string) => Number(internalOf(model, name).subnet.split('.')[2]);

describe('internal subnets from the manager pool', () => {
  test('fails when a runtime does not get a /24 of the pool with the bridge at .1, itself at .2 and the manager at .3', () => {
    const model = resolveModel(managed(['rt1']), lanFacts());
    const internal = internalOf(model, 'rt1');
    const slot = slotOf(model, 'rt1');
    expect(internal).toEqual({
      subnet: `172.31.${slot}.0/24`,
      gateway: `172.31.${slot}.1`,
      runtime: `172.31.${slot}.2`,
      manager: `172.31.${slot}.3`,
    });
    expect(model.allocations).toEqual({ rt1: { lan: 'internal 172.31.0.0/16', host: slot } });
  });

  test('fails when runtimes share a /24, or one lies outside the pool', () => {
    const names = Array.from({ length: 40 }, (_, i) => `rt${i}`);
    const model = resolveModel(managed(names, '10.200.0.0/18'), lanFacts());
    const subnets = names.map((n) => internalOf(model, n).subnet as string);
    expect(new Set(subnets).size).toBe(names.length);
    for (const s of subnets) expect(s).toMatch(/^10\.200\.([0-9]|[1-5][0-9]|6[0-3])\.0\/24$/);
  });

  test('fails when a /24 once given moves because runtimes are added (whatever their names)', () => {
    const first = resolveModel(managed(['mm']), lanFacts());
    const crowd = [...Array.from({ length: 60 }, (_, i) => `a${i}`), 'mm'];
    const later = resolveModel(managed(crowd), lanFacts(), undefined, first.allocations);
    expect(internalOf(later, 'mm')).toEqual(internalOf(first, 'mm'));
  });

  test('fails when the record does not decide: a recorded /24 is kept, and a newcomer never takes it', () => {
    const first = resolveModel(managed(['mm']), lanFacts());
    const slot = slotOf(first, 'mm');
    const recorded: AllocationRecord = { zz: { lan: 'internal 172.31.0.0/16', host: slot } };
    const later = resolveModel(managed(['mm', 'zz']), lanFacts(), undefined, recorded);
    expect(slotOf(later, 'zz')).toBe(slot);
    expect(slotOf(later, 'mm')).not.toBe(slot);
  });

  test('fails when a record of another pool, or of a vNIC, is taken for this pool', () => {
    const first = resolveModel(managed(['mm']), lanFacts());
    const slot = slotOf(first, 'mm');
    const other = (slot + 1) % 256;
    const recorded: AllocationRecord = {
      mm: { lan: 'internal 10.9.0.0/16', host: other },
      'mm/lan': { lan: 'eth0', host: other },
    };
    expect(slotOf(resolveModel(managed(['mm']), lanFacts(), undefined, recorded), 'mm')).toBe(slot);
  });

  test('fails when a record past the end of a narrower pool is kept', () => {
    const recorded: AllocationRecord = { mm: { lan: 'internal 172.31.0.0/23', host: 5 } };
    const model = resolveModel(managed(['mm'], '172.31.0.0/23'), lanFacts(), undefined, recorded);
    expect(internalOf(model, 'mm').subnet).toMatch(/^172\.31\.[01]\.0\/24$/);
  });

  test('fails when the pool is not refused for overlapping a LAN of the host, or for having fewer /24s than runtimes', () => {
    expect(problemsOf(() => resolveModel(managed(['rt1'], '192.168.0.0/16'), lanFacts()))).toEqual([
      '$.manager.internal_pool: overlaps the subnet of eth0 (192.168.1.0/24), got "192.168.0.0/16"; expected a pool clear of every LAN and host subnet',
    ]);
    expect(problemsOf(() => resolveModel(managed(['rt1', 'rt2', 'rt3'], '172.31.0.0/23'), lanFacts()))).toEqual([
      '$.manager.internal_pool: has 2 /24 subnets for 3 runtimes, got "172.31.0.0/23"; expected a wider pool',
    ]);
  });

  test('fails when a LAN network the host does not carry is not checked too', () => {
    const vnic = { name: 'lan', parent_interface: 'eth0', parent_subnet: '10.50.0.0/24', network_mode: 'static', ip: '10.50.0.9' };
    const raw = config([runtime('rt1', { vnics: [vnic] })], { manager: { container: 'agent', internal_pool: '10.50.0.0/16' } });
    expect(problemsOf(() => resolveModel(raw, lanFacts()))).toEqual([
      expect.stringMatching(/^\$\.manager\.internal_pool: overlaps the LAN macvlan_eth0_10\.50\.0\.0_24 \(10\.50\.0\.0\/24\), got /),
    ]);
  });

  test('fails when runtimes get internal subnets without a pool, or the model carries the pool to the constructs', () => {
    const model = resolveModel(config([runtime('rt1')], { manager: { container: 'agent' } }), lanFacts());
    expect(model.runtimes[0]).not.toHaveProperty('internal');
    expect(model.allocations).toEqual({});
    expect(plain(resolveModel(managed(['rt1']), lanFacts()).manager)).toEqual({ container: 'agent' });
  });
});

describe('internal subnets: edges of the pool', () => {
  test('fails when a pool with exactly one /24 per runtime is refused, or a runtime is left out of it', () => {
    const one = resolveModel(managed(['rt1'], '172.31.5.0/24'), lanFacts());
    expect(internalOf(one, 'rt1').subnet).toBe('172.31.5.0/24');
    const names = ['ra', 'rb', 'rc', 'rd'];
    const full = resolveModel(managed(names, '172.31.4.0/22'), lanFacts());
    expect(names.map((n) => internalOf(full, n).subnet).sort()).toEqual([
      '172.31.4.0/24',
      '172.31.5.0/24',
      '172.31.6.0/24',
      '172.31.7.0/24',
    ]);
  });

  test('fails when a record just past the end of the pool is kept', () => {
    const recorded: AllocationRecord = { mm: { lan: 'internal 172.31.0.0/23', host: 2 } };
    const model = resolveModel(managed(['mm'], '172.31.0.0/23'), lanFacts(), undefined, recorded);
    expect(internalOf(model, 'mm').subnet).toMatch(/^172\.31\.[01]\.0\/24$/);
  });

  test('fails when the /24s given depend on the order runtimes are listed in', () => {
    const names = Array.from({ length: 12 }, (_, i) => `r${i}`);
    const forward = resolveModel(managed(names, '10.9.0.0/20'), lanFacts());
    const backward = resolveModel(managed([...names].reverse(), '10.9.0.0/20'), lanFacts());
    for (const n of names) expect(internalOf(backward, n)).toEqual(internalOf(forward, n));
  });
});
