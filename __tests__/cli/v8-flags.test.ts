import { v8FlagsFor } from '../../lib/cli/v8-flags';

describe('v8FlagsFor', () => {
  test('fails when netmon runs with the optimizing compiler it has no use for', () => {
    expect(v8FlagsFor('netmon')).toEqual(['--lite-mode']);
  });

  test('fails when the watcher or the one-shot commands lose the optimizing compiler their synth runs on', () => {
    for (const command of ['watch', 'plan', 'apply', 'synth', undefined, 'toString']) expect(v8FlagsFor(command)).toEqual([]);
  });
});
