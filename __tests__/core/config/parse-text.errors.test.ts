import { readFileSync } from 'fs';
import * as path from 'path';
import { parseConfigText } from '../../../lib/core/config/parse-text';
import { INPUT_LIMITS } from '../../../lib/core/input-limits';
import { problemsOf } from '../../helpers';
import { FIXTURES } from '../../paths';

/** Hostile config texts: each refused with one line per problem, in time linear in its size. */
describe('config text', () => {
  const timed = (fn: () => unknown): { lines: string[]; ms: number } => {
    const started = process.hrtime.bigint();
    const lines = problemsOf(fn);
    return { lines, ms: Number(process.hrtime.bigint() - started) / 1e6 };
  };
  /**
   * Runaway (super-linear) parsing shows as a hostile text taking many times as long as a
   * plain one of the same size, measured side by side, so a busy machine slows both alike.
   */
  const LINEAR_FACTOR = 10;
  const SLACK_MS = 100;
  const elapsedMs = (fn: () => unknown): number => {
    const started = process.hrtime.bigint();
    fn();
    return Number(process.hrtime.bigint() - started) / 1e6;
  };

  test('fails when a control character quoted from the file reaches the message as one', () => {
    const lines = [
      ...problemsOf(() => parseConfigText('x: |\rhidden\n', 'cr.yaml')),
      ...problemsOf(() => parseConfigText('{"a": \u001b[2J}', 'esc.json')),
    ];
    expect(lines).toHaveLength(2);
    // eslint-disable-next-line no-control-regex
    for (const line of lines) expect(line).not.toMatch(/[\u0000-\u001f\u007f]/);
    expect(lines[1]).toContain('\\u001b');
  });

  test('reads YAML and JSON alike', () => {
    expect(parseConfigText('runtimes: [{ name: rt1 }]\n', 'a.yaml')).toEqual({ runtimes: [{ name: 'rt1' }] });
    expect(parseConfigText('{"runtimes": [{"name": "rt1"}]}', 'a.json')).toEqual({ runtimes: [{ name: 'rt1' }] });
  });

  test('fails when the text is larger than the limit, before reading it', () => {
    const text = `runtimes: []\n${'x'.repeat(INPUT_LIMITS.configBytes)}`;
    expect(problemsOf(() => parseConfigText(text, 'big.yaml'))).toEqual([
      `big.yaml: is too large, got ${INPUT_LIMITS.configBytes + 13} bytes; expected at most 64 KiB (65536 bytes)`,
    ]);
  });

  test('fails when YAML aliases expand without bound (an alias bomb), naming the file', () => {
    const bomb = readFileSync(path.join(FIXTURES, 'alias-bomb.yaml'), 'utf8');
    expect(problemsOf(() => parseConfigText(bomb, 'bomb.yaml'))).toEqual([
      'bomb.yaml: expands its aliases too often (an alias bomb?), got more than 100 expansions; expected anchors used at most 100 times',
    ]);
  });

  test('fails when flow collections nest deeper than the limit, at the place', () => {
    const depth = INPUT_LIMITS.depth + 1;
    expect(problemsOf(() => parseConfigText(`runtimes: ${'['.repeat(depth)}${']'.repeat(depth)}\n`, 'deep.yaml'))).toEqual([
      `deep.yaml:1:${11 + INPUT_LIMITS.depth - 1}: nests too deeply, got more than 32 levels; expected at most 32 levels of lists and mappings`,
    ]);
  });

  test('fails when block mappings nest deeper than the limit; the limit itself is allowed', () => {
    const nested = (levels: number) => Array.from({ length: levels }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n');
    expect(parseConfigText(nested(INPUT_LIMITS.depth), 'ok.yaml')).toBeDefined();
    expect(problemsOf(() => parseConfigText(nested(INPUT_LIMITS.depth + 1), 'deep.yaml'))).toEqual([
      `deep.yaml:${INPUT_LIMITS.depth + 1}:${INPUT_LIMITS.depth + 1}: nests too deeply, got more than 32 levels; expected at most 32 levels of lists and mappings`,
    ]);
  });

  test('fails when a JSON file nests deeper than the limit', () => {
    expect(problemsOf(() => parseConfigText(`{"runtimes": ${'['.repeat(5000)}${']'.repeat(5000)}}`, 'deep.json'))[0]).toMatch(
      /^deep\.json:1:\d+: nests too deeply/,
    );
  });

  test('fails when a key repeats in one mapping, YAML or JSON, naming both places', () => {
    expect(problemsOf(() => parseConfigText('runtimes: []\nstack: a\nstack: b\n', 'dup.yaml'))).toEqual([
      'dup.yaml:3:1: repeats the key of dup.yaml:2:1, got "stack"; expected each key once in a mapping',
    ]);
    expect(problemsOf(() => parseConfigText('{"runtimes": [], "runtimes": [{"name": "x"}]}', 'dup.json'))).toEqual([
      'dup.json:1:18: repeats the key of dup.json:1:2, got "runtimes"; expected each key once in a mapping',
    ]);
  });

  test('fails when a key is a list or a mapping', () => {
    expect(problemsOf(() => parseConfigText('? [a, b]\n: 1\nruntimes: []\n', 'key.yaml'))).toEqual([
      'key.yaml:1:3: is not a plain key, got a list, mapping or alias; expected a name',
    ]);
  });

  test('fails when the file holds two YAML documents', () => {
    expect(problemsOf(() => parseConfigText('runtimes: []\n---\nruntimes: []\n', 'two.yaml'))).toEqual([
      'two.yaml:2:1: starts a second YAML document, got "---"; expected one document',
    ]);
  });

  test('fails on YAML and JSON syntax errors, one line each', () => {
    expect(problemsOf(() => parseConfigText('runtimes: [\n', 'bad.yaml'))[0]).toMatch(/^bad\.yaml:\d+:\d+: not valid YAML: /);
    expect(problemsOf(() => parseConfigText('{\n"runtimes": [\n}\n', 'bad.json'))).toEqual([
      expect.stringMatching(/^bad\.json: not valid JSON: [^\n]+$/),
    ]);
  });

  test('finds repeated keys in time linear in their number: 6000 keys, every one repeated, as fast as 6000 distinct ones', () => {
    const text = `runtimes: []\nx:\n${Array.from({ length: 3000 }, (_, i) => `  k${i}: 1\n  k${i}: 2\n`).join('')}`;
    const plain = `runtimes: []\nx:\n${Array.from({ length: 3000 }, (_, i) => `  k${i}: 1\n  j${i}: 2\n`).join('')}`;
    const baselineMs = elapsedMs(() => parseConfigText(plain, 'plain.yaml'));
    const { lines, ms } = timed(() => parseConfigText(text, 'dups.yaml'));
    expect(lines).toHaveLength(3000);
    expect(ms).toBeLessThan(LINEAR_FACTOR * baselineMs + SLACK_MS);
  });

  test('reads a file at the size limit, whatever its shape, about as fast as a plain one of that size', () => {
    const fill = (line: string) => `runtimes: []\nx:\n${line.repeat(Math.floor((INPUT_LIMITS.configBytes - 20) / line.length))}`;
    const baselineMs = elapsedMs(() => parseConfigText(fill('  - plain text here\n'), 'plain.yaml'));
    for (const text of [fill('  - - - - - - - - - - x\n'), fill('  - [1, 2, 3, 4, 5, 6, 7, 8]\n'), fill('  k: {a: {b: {c: 1}}}\n')]) {
      const ms = elapsedMs(() => {
        try {
          parseConfigText(text, 'full.yaml');
        } catch {
          // Refused or read: either way, in time.
        }
      });
      expect(ms).toBeLessThan(LINEAR_FACTOR * baselineMs + SLACK_MS);
    }
  });
});
