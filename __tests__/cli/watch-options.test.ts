import { mkdtempSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import execa from 'execa';
import { CLI, ROOT } from '../paths';

describe('edgenet watch options', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'edgenet-watch-cli-'));
  const run = (args: string[]) =>
    execa('node', [CLI, 'watch', '--config', path.join(ROOT, 'examples', 'edge.yaml'), '--out', dir, ...args], { reject: false });

  test.each([
    ['--settle', 'later', '--settle: "later" is not a number of seconds; allowed: a number >= 0, e.g. 3 or 0.5'],
    ['--step-timeout', '0', '--step-timeout: "0" is not a number of seconds; allowed: a number >= 1, e.g. 3 or 0.5'],
    ['--retry-max', '-5', '--retry-max: "-5" is not a number of seconds; allowed: a number >= 1, e.g. 3 or 0.5'],
    ['--engine-nice', '20', '--engine-nice: "20" is not a niceness; allowed: an integer from 0 to 19, e.g. 10'],
    ['--engine-nice', '2.5', '--engine-nice: "2.5" is not a niceness; allowed: an integer from 0 to 19, e.g. 10'],
    ['--engine-nice', '-1', '--engine-nice: "-1" is not a niceness; allowed: an integer from 0 to 19, e.g. 10'],
  ])('fails when %s is %s', async (flag, value, message) => {
    const result = await run([`${flag}=${value}`]);
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain(message);
  });

  test('fails when the config does not exist, naming it', async () => {
    const result = await execa('node', [CLI, 'watch', '--config', path.join(dir, 'missing.yaml'), '--once'], { reject: false });
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain(`${path.join(dir, 'missing.yaml')}`);
  });
});
