import { mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { EMPTY_LOCK, withAllocations } from '../../lib/core/allocation-lock';
import { lockFileFor, readAllocationLock, writeAllocationLock } from '../../lib/host/allocation-lock-file';
import { problemsOf } from '../helpers';

describe('the allocation lock file', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'edgenet-lock-'));

  test('sits beside the config', () => {
    expect(lockFileFor('/repo/sites/edge.yaml')).toBe('/repo/sites/edge.lock.json');
  });

  test('none yet reads as empty; written when it changes, stable, other stacks kept', async () => {
    const file = path.join(dir, 'a.lock.json');
    expect(await readAllocationLock(file)).toEqual(EMPTY_LOCK);
    const one = withAllocations(EMPTY_LOCK, { edge: { 'rt2/lan': { lan: 'eth0', host: 196 } } });
    expect(await writeAllocationLock(file, EMPTY_LOCK, one)).toBe(true);
    expect(await writeAllocationLock(file, one, withAllocations(one, { edge: { 'rt2/lan': { lan: 'eth0', host: 196 } } }))).toBe(false);
    const two = withAllocations(await readAllocationLock(file), { lab: {} });
    expect(Object.keys(two.stacks)).toEqual(['edge', 'lab']);
    expect(JSON.parse(readFileSync(file, 'utf8')).stacks.edge['rt2/lan']).toEqual({ lan: 'eth0', host: 196 });
  });

  test('fails when the lock is damaged, naming the file and the place', async () => {
    const file = path.join(dir, 'bad.lock.json');
    writeFileSync(file, JSON.stringify({ version: 1, stacks: { edge: { 'rt2/lan': { lan: 'eth0', host: -3 } } } }));
    await expect(readAllocationLock(file)).rejects.toThrow(`${file}.stacks.edge.rt2/lan.host`);
    writeFileSync(file, '{');
    await expect(readAllocationLock(file)).rejects.toThrow(`${file}: is not valid JSON`);
    writeFileSync(file, JSON.stringify({ version: 2, stacks: {} }));
    const error = await readAllocationLock(file).catch((e: unknown) => e);
    expect(
      problemsOf(() => {
        throw error;
      }),
    ).toEqual([`${file}.version: is not a version this edgenet reads, got 2; expected 1`]);
  });

  test('fails when the lock is not a file edgenet could have written: too large, too deep', async () => {
    const file = path.join(dir, 'hostile.lock.json');
    writeFileSync(file, ' '.repeat(5 * 1024 * 1024));
    await expect(readAllocationLock(file)).rejects.toThrow(`${file}: is too large, got 5242880 bytes; expected at most 4 MiB`);
    writeFileSync(file, `{"version": 1, "stacks": ${'['.repeat(50_000)}${']'.repeat(50_000)}}`);
    await expect(readAllocationLock(file)).rejects.toThrow(/stacks(\[0\]){31}: nests too deeply/);
  });
});
