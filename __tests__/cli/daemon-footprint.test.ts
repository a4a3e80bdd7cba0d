import execa from 'execa';
import * as path from 'path';
import { ROOT } from '../paths';

/**
 * What the netmon command loads, in a fresh node: its footprint on an edge host is its
 * budget (docs/performance.md), so neither the schema library, the process library, cdktf
 * nor the provider bindings may come in with it.
 */
async function packagesLoadedBy(modulePath: string): Promise<string[]> {
  const script = `require(${JSON.stringify(modulePath)});
const names = new Set(Object.keys(require.cache).map((f) => /node_modules\\/((@[^/]+\\/)?[^/]+)/.exec(f)?.[1]).filter(Boolean));
console.log(JSON.stringify([...names].sort()));`;
  const result = await execa('node', ['-e', script], { cwd: ROOT });
  return JSON.parse(result.stdout);
}

describe('the daemons load only what they need', () => {
  test('fails when netmon loads more than ipaddr.js of our dependencies (zod, execa, cdktf, the provider bindings)', async () => {
    expect(await packagesLoadedBy(path.join(ROOT, 'dist', 'lib', 'cli', 'commands', 'netmon.js'))).toEqual(['ipaddr.js']);
  });

  test('fails when the watcher holds the PostgreSQL client before a pg state lock refuses it', async () => {
    expect(await packagesLoadedBy(path.join(ROOT, 'dist', 'lib', 'cli', 'commands', 'watch.js'))).not.toContain('pg');
  });
});
