import execa from 'execa';
import * as path from 'path';
import { ROOT } from '../paths';

/**
 * What a command loads, in a fresh node: netmon's launcher runs before its daemon at every
 * start, and the watcher runs for the host's lifetime, so neither may bring in what it never
 * uses (docs/performance.md).
 */
async function packagesLoadedBy(modulePath: string, then = ''): Promise<string[]> {
  const script = `const loaded = require(${JSON.stringify(modulePath)}); ${then}
const names = new Set(Object.keys(require.cache).map((f) => /node_modules\\/((@[^/]+\\/)?[^/]+)/.exec(f)?.[1]).filter(Boolean));
console.log(JSON.stringify([...names].sort()));`;
  const result = await execa('node', ['-e', script], { cwd: ROOT });
  return JSON.parse(result.stdout);
}

describe('the daemons load only what they need', () => {
  test("fails when netmon's launcher, which runs before every start of the daemon, loads any of our dependencies (zod, execa, cdktf, the provider bindings)", async () => {
    expect(await packagesLoadedBy(path.join(ROOT, 'dist', 'lib', 'cli', 'commands', 'netmon.js'))).toEqual([]);
  });

  test("fails when a Docker client loads dockerode's BuildKit sessions (gRPC, protobuf) or docker-modem's ssh transport", async () => {
    const connect = path.join(ROOT, 'dist', 'lib', 'host', 'docker', 'connect.js');
    const packages = await packagesLoadedBy(connect, "loaded.connectDocker({ dockerHost: 'unix:///nonexistent.sock' });");
    expect(packages).toContain('dockerode');
    expect(packages.filter((p) => /grpc|protobuf|ssh2/.test(p))).toEqual([]);
  });

  test('a stand-in for a part of dockerode edgenet does not load refuses by name', async () => {
    const script = `require(${JSON.stringify(path.join(ROOT, 'dist', 'lib', 'host', 'docker', 'dockerode.js'))}).dockerode();
try { require(require.resolve('dockerode/lib/session', { paths: [require.resolve('dockerode')] }))(); } catch (err) { console.log(err.message); }`;
    expect((await execa('node', ['-e', script], { cwd: ROOT })).stdout).toBe(
      'edgenet does not load BuildKit sessions (image builds) of dockerode (' +
        require.resolve('dockerode/lib/session', { paths: [require.resolve('dockerode')] }) +
        '), and was asked to use it',
    );
  });

  test('fails when the watcher holds the PostgreSQL client before a pg state lock refuses it', async () => {
    expect(await packagesLoadedBy(path.join(ROOT, 'dist', 'lib', 'cli', 'commands', 'watch.js'))).not.toContain('pg');
  });
});
