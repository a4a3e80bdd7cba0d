import execa from 'execa';
import { readFileSync } from 'fs';
import * as path from 'path';
import { ROOT } from '../../scripts/testbed/env';

/**
 * The README's first command, as written (but for its leading `npm ci`, which CI has just run):
 * it must plan the example on this host with nothing set up beyond `scripts/testbed.sh tools`.
 */
describe("the README's first command", () => {
  test('synthesizes the example and shows the plan, with no engine or mirror configured by hand', async () => {
    const first = readFileSync(path.join(ROOT, 'README.md'), 'utf8').split('\n')[1];
    expect(first.startsWith('npm ci && ')).toBe(true);
    const env: NodeJS.ProcessEnv = { ...process.env };
    for (const name of ['TF_CLI_CONFIG_FILE', 'TERRAFORM_BINARY_NAME', 'EDGENET_CONFIG', 'EDGENET_FACTS', 'DOCKER_HOST']) delete env[name];
    const run = await execa('bash', ['-c', first.slice('npm ci && '.length)], { cwd: ROOT, env, reject: false, extendEnv: false });
    expect(`${run.stderr}`).not.toMatch(/error/i);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toMatch(/Plan: \d+ to add, 0 to change, 0 to destroy/);
  }, 300_000);
});
