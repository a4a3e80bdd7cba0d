import { chmodSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { checkOutput, ensureDirectory, outputProblem } from '../../../lib/host/files/output-path';

const tmp = () => mkdtempSync(path.join(tmpdir(), 'edgenet-out-'));

describe('output paths', () => {
  test('a new directory under a writable one, an existing directory and a new file are fine', () => {
    const dir = tmp();
    expect(outputProblem(path.join(dir, 'a', 'b'), 'directory')).toBeUndefined();
    expect(outputProblem(dir, 'directory')).toBeUndefined();
    expect(outputProblem(path.join(dir, 'a', 'facts.json'), 'file')).toBeUndefined();
  });

  test('fails when an out directory is a file', () => {
    const file = path.join(tmp(), 'f');
    writeFileSync(file, '');
    expect(() => checkOutput(file, 'directory', '--out')).toThrow(
      `--out ${file}: cannot be written: is a file, not a directory; expected a directory edgenet may create or write, on a disk`,
    );
  });

  test('fails when the path is empty, rather than writing into the working directory', () => {
    expect(outputProblem('', 'directory')).toBe('is empty');
    expect(() => checkOutput(' ', 'file', '--out')).toThrow('--out  : cannot be written: is empty; expected a file path');
  });

  test('fails when a file would go where a directory is', () => {
    const dir = tmp();
    expect(outputProblem(dir, 'file')).toBe('is a directory, not a file');
  });

  test('fails when a parent on the way is a file', () => {
    const file = path.join(tmp(), 'f');
    writeFileSync(file, '');
    expect(outputProblem(path.join(file, 'a', 'b'), 'directory')).toBe(`${file} is a file, not a directory`);
  });

  test.each([
    ['/proc/edgenet-out', '/proc is on the proc filesystem'],
    ['/proc/self', '/proc/self is on the proc filesystem'],
    ['/sys/edgenet/out', '/sys is on the sysfs filesystem'],
  ])('fails when the path is on a kernel filesystem: %s', (target, problem) => {
    expect(outputProblem(target, 'directory')).toBe(problem);
  });

  test('fails when the directory that would hold it is read-only, even for root', () => {
    const dir = tmp();
    const ro = path.join(dir, 'ro');
    mkdirSync(ro, 0o555);
    chmodSync(ro, 0o555);
    expect(outputProblem(path.join(ro, 'out'), 'directory')).toMatch(
      new RegExp(`^${ro} is (read-only \\(mode 0555\\)|not writable \\(EACCES\\))$`),
    );
    expect(outputProblem(path.join(ro, 'facts.json'), 'file')).toMatch(new RegExp(`^${ro} is `));
  });

  test('ensureDirectory makes the missing parents one by one and refuses /proc at once', () => {
    const dir = path.join(tmp(), 'a', 'b', 'c');
    ensureDirectory(dir);
    expect(existsSync(dir)).toBe(true);
    const started = Date.now();
    expect(() => ensureDirectory('/proc/edgenet/x', '--socket')).toThrow(
      '--socket /proc/edgenet/x: cannot be written: /proc is on the proc filesystem',
    );
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
