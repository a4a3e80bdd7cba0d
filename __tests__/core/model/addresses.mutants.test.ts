import * as allocate from '../../../lib/core/model/allocate';
import { resolveModel } from '../../../lib/core/model/resolve';
import { config, lanFacts, problemsOf, runtime } from '../../helpers';

const lan = (extra: Record<string, unknown> = {}) => ({ name: 'lan', ...extra });

describe('static addresses', () => {
  test("fails when a static ip that is the host's own address is allowed, or refused without the LAN it should come from", () => {
    // 192.168.1.10 is eth0's address in lanFacts.
    expect(
      problemsOf(() => resolveModel(config([runtime('ra', { vnics: [lan({ network_mode: 'static', ip: '192.168.1.10' })] })]), lanFacts())),
    ).toEqual([
      '$.runtimes[0].vnics[0].ip: is an address of the host itself, got "192.168.1.10"; expected a free address in 192.168.1.0/24',
    ]);
  });
});

describe('auto addresses', () => {
  test('fails when a LAN without room for its auto vNICs is not blamed on the first one, with its network_mode and what would help', () => {
    // A /30 holds two hosts: the gateway .1 and one free address, for two auto vNICs.
    const runtimes = ['ra', 'rb'].map((n) => runtime(n, { vnics: [lan({ parent_subnet: '10.9.0.0/30', network_mode: 'auto' })] }));
    expect(problemsOf(() => resolveModel(config(runtimes), lanFacts()))).toEqual([
      '$.runtimes[0].vnics[0].network_mode: cannot be satisfied: 10.9.0.0/30 has 1 free addresses for 2 auto vNICs, got "auto"; expected a larger subnet or auto_range, fewer auto vNICs or static addresses',
    ]);
  });

  test('fails when an error of the allocator other than an exhausted pool is turned into a config problem', () => {
    const broken = new Error('allocator bug');
    const spy = jest.spyOn(allocate, 'allocateAuto').mockImplementation(() => {
      throw broken;
    });
    try {
      expect(() => resolveModel(config([runtime('ra', { vnics: [lan({ network_mode: 'auto' })] })]), lanFacts())).toThrow(broken);
    } finally {
      spy.mockRestore();
    }
  });
});
