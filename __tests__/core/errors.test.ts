import { describeUnexpected, oneLine, problem, show } from '../../lib/core/errors';

describe('problems', () => {
  test('show the value received as JSON, shortened past 80 characters', () => {
    expect(show('eth0')).toBe('"eth0"');
    expect(show(undefined)).toBe('nothing');
    expect(show('x'.repeat(200))).toHaveLength(80);
  });

  test('show a value that JSON cannot carry instead of failing the message', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 1_000_000; i++) deep = [deep];
    expect(show(deep)).toBe('a list that cannot be shown');
    expect(show(10n)).toBe('a bigint that cannot be shown');
  });

  test('read path: what is wrong, got value; expected allowed', () => {
    expect(problem('$.a', 'is not valid', 3, 'a name')).toEqual({ path: '$.a', message: 'is not valid, got 3; expected a name' });
  });

  test('an unexpected error is one line asking for a report; with debug, its stack trace', () => {
    const bug = new TypeError('x is undefined\nsecond line');
    expect(describeUnexpected(bug, false)).toBe(
      'edgenet: unexpected error: TypeError: x is undefined; this is a bug, please report it (EDGENET_DEBUG=1 shows where it happened)',
    );
    expect(describeUnexpected(bug, true)).toBe(bug.stack);
    expect(describeUnexpected('thrown text', true)).toBe(
      'edgenet: unexpected error: "thrown text"; this is a bug, please report it (EDGENET_DEBUG=1 shows where it happened)',
    );
  });

  test("a parser's message is folded onto one line", () => {
    expect(oneLine('Unexpected token, "{\n  "a": ]\r\n}" is not valid JSON')).toBe('Unexpected token, "{ "a": ] }" is not valid JSON');
  });
});
