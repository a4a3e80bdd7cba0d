import { readFileSync } from 'fs';
import * as path from 'path';
import { daemonNodeOptions, v8FlagsFor } from '../../lib/core/daemon-flags';
import { ROOT } from '../paths';

describe('the daemons V8 flags', () => {
  test('fails when netmon runs with the optimizing compiler, or either daemon with a young generation V8 grows to 16 MiB', () => {
    expect(daemonNodeOptions('netmon')).toBe('--max-semi-space-size=1');
    expect(daemonNodeOptions('watch')).toBe('--max-semi-space-size=1');
    expect(v8FlagsFor('netmon')).toEqual(['--lite-mode']);
  });

  test('fails when the one-shot commands or the watcher lose the optimizing compiler their synth runs on', () => {
    for (const command of ['plan', 'apply', 'synth', undefined, 'toString']) expect(daemonNodeOptions(command)).toBe('');
    for (const command of ['watch', 'plan', 'synth', undefined, 'toString']) expect(v8FlagsFor(command)).toEqual([]);
  });

  test('fails when a flag node refuses in NODE_OPTIONS goes there', async () => {
    const { execFileSync } = await import('child_process');
    for (const daemon of ['netmon', 'watch']) {
      expect(
        execFileSync('node', ['-e', 'process.stdout.write("ran")'], {
          env: { ...process.env, NODE_OPTIONS: daemonNodeOptions(daemon) },
        }).toString(),
      ).toBe('ran');
    }
  });

  test.each(['netmon', 'watch'])('fails when the %s systemd unit runs it without its flags', (daemon) => {
    const unit = readFileSync(path.join(ROOT, 'scripts', 'systemd', `edgenet-${daemon}.service`), 'utf8');
    expect(unit).toContain(`Environment=NODE_OPTIONS="${daemonNodeOptions(daemon)}"`);
  });

  test.each(['Dockerfile', 'scripts/testbed/image.sh'])('fails when the image %s builds gives the daemons other heap flags', (file) => {
    expect(readFileSync(path.join(ROOT, file), 'utf8')).toMatch(new RegExp(`ENV NODE_OPTIONS=${daemonNodeOptions('netmon')}\\b`));
    expect(daemonNodeOptions('watch')).toBe(daemonNodeOptions('netmon'));
  });
});
