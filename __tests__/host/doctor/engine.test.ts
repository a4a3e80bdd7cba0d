import * as http from 'http';
import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { engineAddressedBy, observeEngine } from '../../../lib/host/doctor/engine';

/** A stand-in engine on a unix socket: answers /version, or nothing at all. */
async function fakeEngine(answer: boolean): Promise<{ url: string; close: () => Promise<void> }> {
  const socket = path.join(mkdtempSync(path.join(tmpdir(), 'edgenet-engine-')), 'docker.sock');
  const server = http.createServer((req, res) => {
    if (!answer) return;
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(req.url?.startsWith('/version') ? { Version: '20.10.24+dfsg1', ApiVersion: '1.41' } : {}));
  });
  await new Promise<void>((resolve) => server.listen(socket, resolve));
  return {
    url: `unix://${socket}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

describe('observeEngine', () => {
  test("an engine that answers: its version and API version, addressed by the config's docker_host", async () => {
    const engine = await fakeEngine(true);
    try {
      expect(await observeEngine({ dockerHost: engine.url }, { DOCKER_HOST: 'unix:///elsewhere' })).toEqual({
        url: engine.url,
        addressedBy: 'docker_host in the config',
        reachable: true,
        version: '20.10.24+dfsg1',
        apiVersion: '1.41',
      });
    } finally {
      await engine.close();
    }
  });

  test('no engine at DOCKER_HOST: unreachable with the reason, never thrown', async () => {
    const url = `unix://${path.join(tmpdir(), 'edgenet-no-such-engine.sock')}`;
    expect(await observeEngine({}, { DOCKER_HOST: url })).toMatchObject({
      url,
      addressedBy: 'DOCKER_HOST',
      reachable: false,
      error: expect.stringContaining('ENOENT'),
    });
  });

  test('an engine that never answers: unreachable after the timeout', async () => {
    const engine = await fakeEngine(false);
    try {
      expect(await observeEngine({ dockerHost: engine.url }, {}, 200)).toMatchObject({
        reachable: false,
        error: 'no answer within 200 ms',
      });
    } finally {
      await engine.close();
    }
  });
});

describe('engineAddressedBy', () => {
  test('fails when the engine rule (docker_host, else DOCKER_HOST, else the default) is not what is reported', () => {
    expect([
      engineAddressedBy({ dockerHost: 'ssh://edge' }, { DOCKER_HOST: 'unix:///x' }),
      engineAddressedBy({}, { DOCKER_HOST: 'unix:///x' }),
      engineAddressedBy({}, { DOCKER_HOST: '' }),
    ]).toEqual(['docker_host in the config', 'DOCKER_HOST', 'the default']);
  });
});
