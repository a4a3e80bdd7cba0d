import { describeUnexpected, EngineError, ProblemList, show, ValidationError } from '../../lib/core/errors';

describe('ValidationError', () => {
  test('fails when the message is not one `path: problem` line per problem', () => {
    const err = new ValidationError([
      { path: '$.a', message: 'is not valid' },
      { path: '$.b', message: 'is required' },
    ]);
    expect(err.message).toBe('$.a: is not valid\n$.b: is required');
  });
});

describe('EngineError.summary', () => {
  test('fails when the last lines keep the blanks they end with', () => {
    expect(new EngineError('m', 'a  \nb\t\n').summary).toBe('m: a b');
  });

  test('fails when the box drawing of indented engine output is not stripped, hiding its Error: line', () => {
    expect(new EngineError('m', '  │ Error: creating network: Conflict\n  │ \n  │   with docker_network.Lan\n  ╵').summary).toBe(
      'm: Error: creating network: Conflict with docker_network.Lan',
    );
  });

  test('fails when an Error: line with nothing after it is not carried alone, as written', () => {
    expect(new EngineError('m', 'Error: boom\n\n').summary).toBe('m: Error: boom');
  });
});

describe('describeUnexpected', () => {
  test('fails when, with debug, an error without a stack trace does not fall back to the one line', () => {
    const bug = new TypeError('x is undefined');
    bug.stack = undefined;
    expect(describeUnexpected(bug, true)).toBe(
      'edgenet: unexpected error: TypeError: x is undefined; this is a bug, please report it (EDGENET_DEBUG=1 shows where it happened)',
    );
  });
});

describe('show', () => {
  test('fails when a value of exactly 80 characters as JSON is shortened', () => {
    const text = 'x'.repeat(78);
    expect(show(text)).toBe(`"${text}"`);
  });

  test('fails when a value of 81 characters as JSON is not shortened to 77 and an ellipsis', () => {
    expect(show('x'.repeat(79))).toBe(`"${'x'.repeat(76)}...`);
  });
});

describe('ProblemList', () => {
  test('fails when its length does not count the problems added, leaving out what is undefined', () => {
    const problems = new ProblemList();
    expect(problems.length).toBe(0);
    problems.add({ path: '$.a', message: 'is not valid' });
    problems.add(undefined);
    problems.addAll([
      { path: '$.b', message: 'is required' },
      { path: '$.c', message: 'is required' },
    ]);
    expect(problems.length).toBe(3);
  });
});
