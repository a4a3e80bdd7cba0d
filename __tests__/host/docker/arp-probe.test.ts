import { readArping } from '../../../lib/host/docker/arp-probe';

describe("busybox arping's answer (duplicate address detection)", () => {
  test('fails when a reply is not read as the MAC that holds the address', () => {
    const output =
      'ARPING 10.88.0.77 from 0.0.0.0 vethA\nUnicast reply from 10.88.0.77 [2A:BB:CC:DD:EE:01] 0.041ms\nSent 1 probe(s) (1 broadcast(s))\nReceived 1 response(s)\n';
    expect(readArping(1, output)?.toString()).toBe('2a:bb:cc:dd:ee:01');
  });

  test('fails when silence is not read as a free address', () => {
    expect(
      readArping(0, 'ARPING 10.88.0.78 from 0.0.0.0 vethA\nSent 2 probe(s) (2 broadcast(s))\nReceived 0 response(s)\n'),
    ).toBeUndefined();
  });

  test('fails when arping failing (no such interface) is taken for a free address', () => {
    expect(() => readArping(1, 'arping: interface eth9 not found\n')).toThrow('arping failed (exit 1): arping: interface eth9 not found');
    expect(() => readArping(127, '')).toThrow('arping failed (exit 127): no output');
  });
});
