import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { writeStaged } from '../../../lib/host/files/staged-directory';

const tmp = () => mkdtempSync(path.join(tmpdir(), 'edgenet-staged-'));
const fill = (files: Record<string, string>) => (staging: string) => {
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(staging, name)), { recursive: true });
    writeFileSync(path.join(staging, name), text);
  }
  return Object.keys(files).length;
};

describe('a staged directory', () => {
  test('a new target appears whole, its parents made at the end; nothing else is left beside it', () => {
    const root = tmp();
    const target = path.join(root, 'a', 'b', 'out');
    expect(writeStaged(target, '--out', fill({ 'manifest.json': '{}', 'stacks/edge/cdk.tf.json': '{"x":1}' }))).toBe(2);
    expect(readFileSync(path.join(target, 'stacks', 'edge', 'cdk.tf.json'), 'utf8')).toBe('{"x":1}');
    expect(readdirSync(root)).toEqual(['a']);
    expect(readdirSync(path.join(root, 'a', 'b'))).toEqual(['out']);
  });

  test('an existing target gets the new files and keeps the others (the engine plugins, the watcher status)', () => {
    const target = tmp();
    mkdirSync(path.join(target, 'stacks', 'edge', '.terraform'), { recursive: true });
    writeFileSync(path.join(target, 'watch-status.json'), 'kept');
    writeFileSync(path.join(target, 'stacks', 'edge', 'cdk.tf.json'), 'old');
    writeStaged(target, '--out', fill({ 'stacks/edge/cdk.tf.json': 'new' }));
    expect(readFileSync(path.join(target, 'stacks', 'edge', 'cdk.tf.json'), 'utf8')).toBe('new');
    expect(readFileSync(path.join(target, 'watch-status.json'), 'utf8')).toBe('kept');
    expect(readdirSync(target).sort()).toEqual(['stacks', 'watch-status.json']);
    expect(existsSync(path.join(target, 'stacks', 'edge', '.terraform'))).toBe(true);
  });

  test('fails without a trace: when writing throws, neither the target nor its parents nor a staging directory exist', () => {
    const root = tmp();
    const target = path.join(root, 'a', 'out');
    expect(() =>
      writeStaged(target, '--out', (staging) => {
        fill({ 'stacks/edge/cdk.tf.json': 'half' })(staging);
        throw new Error('refused half-way');
      }),
    ).toThrow('refused half-way');
    expect(readdirSync(root)).toEqual([]);
  });

  test('fails without touching an existing target when writing throws', () => {
    const target = tmp();
    writeFileSync(path.join(target, 'manifest.json'), 'old');
    expect(() =>
      writeStaged(target, '--out', (staging) => {
        fill({ 'manifest.json': 'new' })(staging);
        throw new Error('refused');
      }),
    ).toThrow('refused');
    expect(readdirSync(target)).toEqual(['manifest.json']);
    expect(readFileSync(path.join(target, 'manifest.json'), 'utf8')).toBe('old');
  });
});
