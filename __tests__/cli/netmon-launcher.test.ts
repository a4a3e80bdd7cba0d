import execa from 'execa';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ARGV_FD_VARIABLE } from '../../lib/cli/commands/netmon';
import { CLI } from '../paths';

/**
 * `edgenet netmon` as the bin shim runs it: Node checks the options and writes the daemon's
 * command line to the descriptor the shim names, one argument a line, and starts nothing.
 */
describe("netmon's launcher", () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(path.join(os.tmpdir(), 'edgenet-launcher-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** Runs the CLI with the shim's variable, fd 3 a pipe; resolves with the exit code and what fd 3 got. */
  async function launch(args: string[]): Promise<{ exitCode: number; argv: string[]; stderr: string }> {
    const child = execa('node', [CLI, 'netmon', ...args], {
      reject: false,
      env: { [ARGV_FD_VARIABLE]: '3' },
      stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
    });
    let written = '';
    child.stdio[3]!.on('data', (d: Buffer) => (written += d.toString()));
    const result = await child;
    return { exitCode: result.exitCode, argv: written === '' ? [] : written.split('\n'), stderr: result.stderr };
  }

  test('fails when the shim and the command name the descriptor differently', () => {
    expect(readFileSync(CLI, 'utf8')).toContain(`${ARGV_FD_VARIABLE}=3 node "$0" "$@" 3>&1`);
  });

  test("writes the daemon's path and every resolved value, creates the socket's directory, and starts nothing", async () => {
    const socket = path.join(dir, 'run', 'netmon.sock');
    const { exitCode, argv } = await launch(['--socket', socket, '--settle', '0.5', '--ignore', 'lo, wg']);
    expect(exitCode).toBe(0);
    expect(argv[0]).toMatch(/dist\/netmon\/linux_(amd64|arm64)\/edgenet-netmon$/);
    expect(argv.slice(1)).toEqual(['--socket', socket, '--debounce-ms', '3000', '--settle-ms', '500', '--ignore=lo,wg']);
    expect(existsSync(path.dirname(socket))).toBe(true);
    expect(existsSync(socket)).toBe(false);
  });

  test('fails when an option is bad: exit 1 with the reason, nothing written for the shim to run', async () => {
    const { exitCode, argv, stderr } = await launch(['--socket', path.join(dir, 's.sock'), '--settle', 'later']);
    expect(exitCode).toBe(1);
    expect(argv).toEqual([]);
    expect(stderr).toContain('--settle: "later" is not a number of seconds');
  });

  test('fails when a value holds a newline, which would split the command line the shim runs', async () => {
    const { exitCode, argv, stderr } = await launch(['--socket', path.join(dir, 'a\nb.sock')]);
    expect(exitCode).toBe(1);
    expect(argv).toEqual([]);
    expect(stderr).toContain('holds a newline');
  });
});
