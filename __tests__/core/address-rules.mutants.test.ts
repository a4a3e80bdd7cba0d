import { hostAddressProblem } from '../../lib/core/address-rules';
import { ip, subnet } from '../helpers';

describe('hostAddressProblem', () => {
  test('fails when the message does not name every reserved address of the subnet, the gateway last', () => {
    expect(hostAddressProblem(ip('192.168.1.1'), subnet('192.168.1.0/24'), ip('192.168.1.1'), '$.runtimes[0].vnics[0].ip')).toEqual({
      path: '$.runtimes[0].vnics[0].ip',
      message:
        'is the gateway address, got "192.168.1.1"; expected a host address in 192.168.1.0/24 other than 192.168.1.0, 192.168.1.255, 192.168.1.1',
    });
  });

  test('fails when, with no gateway, the message names anything but the network and broadcast addresses', () => {
    expect(hostAddressProblem(ip('10.0.0.255'), subnet('10.0.0.0/24'), undefined, 'ip')?.message).toBe(
      'is the broadcast address of 10.0.0.0/24, got "10.0.0.255"; expected a host address in 10.0.0.0/24 other than 10.0.0.0, 10.0.0.255',
    );
  });

  test.each(['10.0.0.0', '10.0.0.1'])(
    'fails when %s, one of the two host addresses of a point-to-point /31 (RFC 3021), is refused as network or broadcast',
    (address) => {
      expect(hostAddressProblem(ip(address), subnet('10.0.0.0/31'), undefined, 'ip')).toBeUndefined();
    },
  );

  test('fails when the network address of a /30 is allowed', () => {
    expect(hostAddressProblem(ip('10.0.0.0'), subnet('10.0.0.0/30'), undefined, 'ip')?.message).toBe(
      'is the network address of 10.0.0.0/30, got "10.0.0.0"; expected a host address in 10.0.0.0/30 other than 10.0.0.0, 10.0.0.3',
    );
  });
});
