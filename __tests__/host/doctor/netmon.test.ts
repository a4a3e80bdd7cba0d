import { mkdtempSync, writeFileSync } from 'fs';
import * as net from 'net';
import { tmpdir } from 'os';
import * as path from 'path';
import { observeNetmon } from '../../../lib/host/doctor/netmon';

const dir = () => mkdtempSync(path.join(tmpdir(), 'edgenet-netmon-'));

describe('observeNetmon', () => {
  test('no socket: missing, the probe never asked', async () => {
    const probe = jest.fn();
    const socket = path.join(dir(), 'netmon.sock');
    expect(await observeNetmon(socket, probe)).toEqual({ socket, state: 'missing' });
    expect(probe).not.toHaveBeenCalled();
  });

  test('a regular file: not a socket', async () => {
    const socket = path.join(dir(), 'netmon.sock');
    writeFileSync(socket, '');
    expect(await observeNetmon(socket, jest.fn())).toEqual({ socket, state: 'not a socket' });
  });

  test("a socket: the probe's count, or its complaint as silent", async () => {
    const socket = path.join(dir(), 'netmon.sock');
    const server = net.createServer(() => undefined);
    await new Promise<void>((resolve) => server.listen(socket, resolve));
    try {
      expect(await observeNetmon(socket, async () => 3)).toEqual({ socket, state: 'answering', interfaces: 3 });
      const silent = await observeNetmon(socket, async () => {
        throw new Error(`netmon at ${socket} is not healthy: no discovery within 5000 ms`);
      });
      expect(silent).toEqual({ socket, state: 'silent', error: `netmon at ${socket} is not healthy: no discovery within 5000 ms` });
    } finally {
      server.close();
    }
  });
});
