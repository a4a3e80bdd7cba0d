import { EngineError } from '../../../lib/core/errors';
import { arpAnswer, readArping } from '../../../lib/host/docker/arp-probe';
import { DockerApi } from '../../../lib/host/docker/docker-api';
import { ip } from '../../helpers';

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

describe('the probe container', () => {
  // An engine that refuses the create: the refusal is all these tests look at (the probe itself runs in e2e).
  const refusing = (error: Error) => ({ post: () => Promise.reject(error) }) as unknown as DockerApi;

  test('fails when a missing image is not named with how to get it', async () => {
    const engine = refusing(new EngineError('docker POST /containers/create: HTTP 404: No such image: busybox:1.36', '', 404));
    await expect(arpAnswer(engine, 'busybox:1.36', 'eth0', ip('192.168.1.200'))).rejects.toThrow(
      'arp_probe: image busybox:1.36 is not on the host; pull it there (docker pull busybox:1.36) or set dhcp_client_image',
    );
  });

  test("fails when another refusal is not passed on as the engine's", async () => {
    const refusal = new EngineError('docker POST /containers/create: HTTP 500: server error', '', 500);
    await expect(arpAnswer(refusing(refusal), 'busybox:1.36', 'eth0', ip('192.168.1.200'))).rejects.toBe(refusal);
  });
});
