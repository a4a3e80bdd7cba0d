import { execFileSync } from 'child_process';
import { readFileSync } from 'fs';
import * as path from 'path';
import { daemonNodeOptions } from '../../lib/core/daemon-flags';
import { ROOT } from '../paths';

describe("the watcher's V8 flags", () => {
  test('fails when the watcher runs with a young generation V8 grows to 16 MiB', () => {
    expect(daemonNodeOptions('watch')).toBe('--max-semi-space-size=1');
  });

  test('fails when a one-shot command, or netmon (whose daemon is not Node), gets heap flags', () => {
    for (const command of ['plan', 'apply', 'synth', 'netmon', undefined, 'toString']) expect(daemonNodeOptions(command)).toBe('');
  });

  test('fails when a flag node refuses in NODE_OPTIONS goes there', () => {
    const ran = execFileSync('node', ['-e', 'process.stdout.write("ran")'], {
      env: { ...process.env, NODE_OPTIONS: daemonNodeOptions('watch') },
    });
    expect(ran.toString()).toBe('ran');
  });

  test('fails when the systemd unit runs the watcher without its flags', () => {
    const unit = readFileSync(path.join(ROOT, 'scripts', 'systemd', 'edgenet-watch.service'), 'utf8');
    expect(unit).toContain(`Environment=NODE_OPTIONS="${daemonNodeOptions('watch')}"`);
  });

  test.each(['Dockerfile', 'scripts/testbed/image.sh'])('fails when the image %s builds gives the watcher other heap flags', (file) => {
    expect(readFileSync(path.join(ROOT, file), 'utf8')).toMatch(new RegExp(`ENV NODE_OPTIONS=${daemonNodeOptions('watch')}\\b`));
  });
});
