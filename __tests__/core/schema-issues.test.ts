import { jsonPath } from '../../lib/core/json-path';
import { editDistance, unknownFieldMessage } from '../../lib/core/schema-issues';

describe('schema issues', () => {
  test('paths are JSON paths from the root', () => {
    expect(jsonPath('$', ['runtimes', 0, 'vnics', 1, 'ip'])).toBe('$.runtimes[0].vnics[1].ip');
    expect(jsonPath('facts', [])).toBe('facts');
  });

  test('fails to break a line: an empty key or one with a control character is quoted', () => {
    expect(jsonPath('$', ['env', ''])).toBe('$.env[""]');
    expect(jsonPath('$', ['a\nb', 'c'])).toBe('$["a\\nb"].c');
    expect(jsonPath('$', ['env', 'A=B'])).toBe('$.env.A=B');
  });

  test('counts edits between words', () => {
    expect(editDistance('parent_interfce', 'parent_interface')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });

  test('suggests a field for a typo or a shortened name, and lists what is allowed', () => {
    expect(unknownFieldMessage('imgae', ['image', 'command'])).toBe(
      'is not a known field, got "imgae"; expected did you mean "image"? one of image, command',
    );
    expect(unknownFieldMessage('schema', ['schema_name'])).toContain('did you mean "schema_name"?');
    expect(unknownFieldMessage('zzz', ['image'])).toBe('is not a known field, got "zzz"; expected one of image');
  });
});
