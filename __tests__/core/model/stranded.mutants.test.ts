import { resolveModel } from '../../../lib/core/model/resolve';
import { describeStranded } from '../../../lib/core/model/stranded';
import { config, ip, movedFacts, runtime } from '../../helpers';

describe('the line for a stranded vNIC', () => {
  test('fails when it does not name the runtime, the vNIC, its static address and why it is detached', () => {
    expect(describeStranded({ runtime: 'rt1', vnic: 'lan', ip: ip('192.168.1.50'), reason: 'is outside the subnet 10.0.5.0/24' })).toBe(
      'runtime rt1 vNIC lan: static 192.168.1.50 is outside the subnet 10.0.5.0/24; detached until its LAN comes back',
    );
  });

  test('fails when a vNIC stranded by a host move is not described by that line', () => {
    const runtimes = [runtime('rt1', { vnics: [{ name: 'lan', network_mode: 'static', ip: '192.168.1.50' }] })];
    expect(resolveModel(config(runtimes), movedFacts()).stranded.map(describeStranded)).toEqual([
      'runtime rt1 vNIC lan: static 192.168.1.50 is outside the subnet 10.0.5.0/24; detached until its LAN comes back',
    ]);
  });
});
