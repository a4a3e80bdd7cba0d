import execa from 'execa';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { CLI, FIXTURES, ROOT } from '../paths';

/**
 * What a user sees for bad input, end to end: exit 1, one line per problem naming where it is,
 * no stack trace, nothing written, and no wait (the bound here catches a hang, not a slow run).
 */

const EXAMPLE = ['--config', 'examples/edge.yaml', '--facts', 'examples/facts.json'];
const PROC = path.join(ROOT, '__tests__', 'fixtures', 'proc-multi');

async function run(args: string[], env: NodeJS.ProcessEnv = {}) {
  const started = Date.now();
  const result = await execa('node', [CLI, ...args], {
    cwd: ROOT,
    reject: false,
    timeout: 10_000,
    env: { NETWORK_INTERFACE: '', NETWORK_SUBNET: '', NETWORK_GATEWAY: '', ...env },
  });
  return { ...result, ms: Date.now() - started };
}

/** One refusal: exit 1 and one line that contains `expected`; no stack trace. */
function expectRefused(result: Awaited<ReturnType<typeof run>>, expected: string): void {
  expect({ exitCode: result.exitCode, stderr: result.stderr }).toEqual({ exitCode: 1, stderr: expect.stringContaining(expected) });
  expect(result.stderr.trim().split('\n')).toHaveLength(1);
  expect(result.stderr).not.toMatch(/^\s+at /m);
  expect(result.ms).toBeLessThan(5000);
}

describe('edgenet CLI: outputs that cannot be written', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'edgenet-outputs-'));
  const file = path.join(dir, 'a-file');
  writeFileSync(file, '');
  const readOnly = path.join(dir, 'read-only');
  mkdirSync(readOnly);
  chmodSync(readOnly, 0o555);

  test.each([
    [['synth', ...EXAMPLE, '--out', '/proc/edgenet-out'], '--out /proc/edgenet-out: cannot be written: /proc is on the proc filesystem'],
    [['synth', ...EXAMPLE, '--out', '/proc/self'], '--out /proc/self: cannot be written: /proc/self is on the proc filesystem'],
    [['synth', ...EXAMPLE, '--out', '/sys/edgenet-out'], '--out /sys/edgenet-out: cannot be written: /sys is on the sysfs filesystem'],
    [['plan', ...EXAMPLE, '--out', file], `--out ${file}: cannot be written: is a file, not a directory`],
    [
      ['drift', ...EXAMPLE, '--out', path.join(file, 'out')],
      `--out ${path.join(file, 'out')}: cannot be written: ${file} is a file, not a directory`,
    ],
    [['synth', ...EXAMPLE, '--out', path.join(readOnly, 'out')], `--out ${path.join(readOnly, 'out')}: cannot be written: ${readOnly} is `],
    [['facts', '--proc-root', PROC, '--out', dir], `--out ${dir}: cannot be written: is a directory, not a file`],
    [
      ['facts', '--proc-root', PROC, '--out', '/proc/x/facts.json'],
      '--out /proc/x/facts.json: cannot be written: /proc is on the proc filesystem',
    ],
    [
      ['facts', '--proc-root', PROC, '--out', path.join(readOnly, 'f.json')],
      `--out ${path.join(readOnly, 'f.json')}: cannot be written: ${readOnly} is `,
    ],
    [['watch', '--once', ...EXAMPLE.slice(0, 2), '--out', '/proc/x'], '--out /proc/x: cannot be written: /proc is on the proc filesystem'],
    [
      ['watch', '--once', ...EXAMPLE.slice(0, 2), '--out', path.join(dir, 'w'), '--status', dir],
      `--status ${dir}: cannot be written: is a directory`,
    ],
    [
      ['watch', '--once', ...EXAMPLE.slice(0, 2), '--out', path.join(dir, 'w'), '--vnics', '/sys/v.json'],
      '--vnics /sys/v.json: cannot be written',
    ],
    [['netmon', '--socket', '/proc/x/netmon.sock'], '--socket /proc/x: cannot be written: /proc is on the proc filesystem'],
  ])('fails at once, naming the path: %j', async (args, expected) => {
    expectRefused(await run(args), expected);
    expect(readdirSync(dir).sort()).toEqual(['a-file', 'read-only']);
    expect(readdirSync(readOnly)).toEqual([]);
  });
});

describe('edgenet CLI: hostile config files', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'edgenet-hostile-'));
  const write = (name: string, text: string) => {
    writeFileSync(path.join(dir, name), text);
    return path.join(dir, name);
  };

  test.each([
    ['an alias bomb', () => path.join(FIXTURES, 'alias-bomb.yaml'), 'alias-bomb.yaml: expands its aliases too often'],
    [
      '2 MB with 60 000 keys',
      () => write('big.yaml', `runtimes: []\nx:\n${'  k: 1\n'.repeat(60_000)}`.padEnd(2_000_000, '#')),
      'big.yaml: is too large, got 2000000 bytes',
    ],
    [
      'deep nesting',
      () => write('deep.yaml', `runtimes: ${'['.repeat(20_000)}${']'.repeat(20_000)}\n`),
      'deep.yaml:1:42: nests too deeply',
    ],
    ['a repeated key', () => write('dup.json', '{"runtimes": [], "runtimes": []}'), 'dup.json:1:18: repeats the key of'],
    [
      'a __proto__ profile',
      () => write('proto.json', '{"profiles": {"__proto__": {"image": "a/b"}}, "runtimes": []}'),
      '$.profiles.__proto__: is a name JavaScript reserves',
    ],
    ['an endless device', () => '/dev/zero', '/dev/zero: is too large, got more than 65536 bytes'],
    ['a directory', () => dir, `${dir}: cannot read config file: is a directory`],
  ])('fails on %s: one line, exit 1, nothing written', async (_what, config, expected) => {
    const out = path.join(dir, 'out');
    expectRefused(await run(['synth', '--config', config(), '--facts', 'examples/facts.json', '--out', out]), expected);
    expect(existsSync(out)).toBe(false);
  });
});

describe('edgenet CLI: hostile facts files', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'edgenet-hostile-facts-'));
  const write = (name: string, text: string) => {
    writeFileSync(path.join(dir, name), text);
    return path.join(dir, name);
  };

  test.each([
    ['JSON broken across lines', () => write('broken.json', '{\n  "interfaces": [\n}\n'), 'broken.json: facts file is not valid JSON: '],
    ['nesting past the limit', () => write('deep.json', `{"interfaces": ${'['.repeat(20_000)}${']'.repeat(20_000)}}`), 'nests too deeply'],
    ['a directory', () => dir, `${dir}: cannot read facts file: is a directory`],
  ])('fails on %s: one line, exit 1, nothing written', async (_what, facts, expected) => {
    const out = path.join(dir, 'out');
    expectRefused(await run(['synth', '--config', 'examples/edge.yaml', '--facts', facts(), '--out', out]), expected);
    expect(existsSync(out)).toBe(false);
  });
});

describe('edgenet CLI: an error edgenet did not expect', () => {
  /** The CLI with one command replaced by `body`, as a bug in it would behave. */
  const withBug = (body: string, env: NodeJS.ProcessEnv = {}) =>
    execa(
      'node',
      [
        '-e',
        `const v = require('./dist/lib/cli/commands/validate.js'); v.validateCommand = async () => { ${body} };
         require('./dist/lib/cli/main.js').main(['validate']).then((code) => process.exit(code));`,
      ],
      { cwd: ROOT, reject: false, env },
    );

  test('is one line asking for a report, exit 1; EDGENET_DEBUG=1 shows the stack trace', async () => {
    const plain = await withBug("throw new TypeError('x is undefined');");
    expect({ exitCode: plain.exitCode, stderr: plain.stderr }).toEqual({
      exitCode: 1,
      stderr:
        'edgenet: unexpected error: TypeError: x is undefined; this is a bug, please report it (EDGENET_DEBUG=1 shows where it happened)',
    });
    const debug = await withBug("throw new TypeError('x is undefined');", { EDGENET_DEBUG: '1' });
    expect(debug.exitCode).toBe(1);
    expect(debug.stderr).toMatch(/^TypeError: x is undefined\n\s+at /);
  });

  test('thrown later, in a callback of a running daemon, ends the same way', async () => {
    const late = await withBug("setTimeout(() => { throw new RangeError('late'); }, 10); return new Promise(() => undefined);");
    expect({ exitCode: late.exitCode, stderr: late.stderr }).toEqual({
      exitCode: 1,
      stderr: 'edgenet: unexpected error: RangeError: late; this is a bug, please report it (EDGENET_DEBUG=1 shows where it happened)',
    });
  });
});
