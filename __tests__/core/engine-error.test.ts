import { EngineError } from '../../lib/core/errors';

describe('EngineError.summary', () => {
  test("carries the engine's own reason: each Error: line with the line after it", () => {
    const output = `
Error: Required plugins are not installed

The installed provider plugins are not consistent with the packages selected
in the dependency lock file:
╷
│ Error: creating network: Conflict
│ 
│   with docker_network.Lan,
╵`;
    expect(new EngineError('terraform plan failed with exit code 1 after 0.2 s', output).summary).toBe(
      'terraform plan failed with exit code 1 after 0.2 s: Error: Required plugins are not installed The installed provider plugins are not consistent with the packages selected; Error: creating network: Conflict with docker_network.Lan,',
    );
  });

  test('without Error: lines, the last lines; without output, the message alone', () => {
    expect(new EngineError('m', 'a\nb\n\nc\nd\n').summary).toBe('m: b c d');
    expect(new EngineError('m').summary).toBe('m');
  });
});
