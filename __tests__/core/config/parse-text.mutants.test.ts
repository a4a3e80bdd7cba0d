import * as YAML from 'yaml';
import { parseConfigText } from '../../../lib/core/config/parse-text';
import { INPUT_LIMITS } from '../../../lib/core/input-limits';
import { problemsOf } from '../../helpers';

describe('empty documents', () => {
  test.each([
    ['an empty file', ''],
    ['a file of comments', '# nothing here yet\n'],
    ['a lone document start', '---\n'],
  ])('fails when %s is not read as null (the schema then says what is missing)', (_, text) => {
    expect(parseConfigText(text, 'empty.yaml')).toBeNull();
  });
});

describe('YAML problems', () => {
  test('fails when a syntax error does not carry the parser’s whole reason', () => {
    expect(problemsOf(() => parseConfigText('runtimes: [\n', 'bad.yaml'))).toEqual([
      'bad.yaml:2:1: not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]',
    ]);
  });

  test('fails when repeated keys are reported beside a problem that stops the reading (a second document)', () => {
    expect(problemsOf(() => parseConfigText('stack: a\nstack: b\n---\nstack: c\n', 'two.yaml'))).toEqual([
      'two.yaml:3:1: starts a second YAML document, got "---"; expected one document',
    ]);
  });

  test('fails when a number key and the same key quoted are not one repeated key, as they are once read', () => {
    expect(problemsOf(() => parseConfigText('env:\n  1: a\n  "1": b\nruntimes: []\n', 'keys.yaml'))).toEqual([
      'keys.yaml:3:3: repeats the key of keys.yaml:2:3, got "1"; expected each key once in a mapping',
    ]);
  });

  test('fails when an unexpected error while building the data is disguised as an alias bomb', () => {
    const toJS = jest.spyOn(YAML.Document.prototype, 'toJS').mockImplementation(() => {
      throw new TypeError('a bug in the reader');
    });
    try {
      expect(() => parseConfigText('runtimes: []\n', 'a.yaml')).toThrow(new TypeError('a bug in the reader'));
    } finally {
      toJS.mockRestore();
    }
  });
});

describe('depth of keys', () => {
  const nestedKey = (levels: number) => `? ${'['.repeat(levels)}${']'.repeat(levels)}\n: 1\nruntimes: []\n`;

  test('fails when a key nesting deeper than the limit is not refused as too deep, at its place', () => {
    // The mapping is level 0, its key level 1: the innermost of `limit` brackets is one too many.
    expect(problemsOf(() => parseConfigText(nestedKey(INPUT_LIMITS.depth), 'deep.yaml'))).toEqual([
      `deep.yaml:1:${2 + INPUT_LIMITS.depth}: nests too deeply, got more than 32 levels; expected at most 32 levels of lists and mappings`,
    ]);
  });

  test('a key at the limit is measured like a value: refused as a key, not as too deep', () => {
    expect(problemsOf(() => parseConfigText(nestedKey(INPUT_LIMITS.depth - 1), 'key.yaml'))).toEqual([
      'key.yaml:1:3: is not a plain key, got a list, mapping or alias; expected a name',
    ]);
  });
});
