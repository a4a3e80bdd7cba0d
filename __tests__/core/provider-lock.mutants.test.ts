import { lockMismatches, parseProviderLock } from '../../lib/core/provider-lock';

const DOCKER = {
  address: 'registry.terraform.io/kreuzwerker/docker',
  version: '4.6.0',
  constraints: '4.6.0',
  hashes: ['h1:NHoqAiafLYwpKt/FZ10ves9ESnGm2aSAJXKEgSlwpCc=', 'zh:TIhLDQ7XXaNyBg3qQ5AGYHqMOkHeOqnIvdDKaGn0AXk='],
};

/** The docker provider's block, one string a line, as Terraform writes it. */
const LINES = [
  'provider "registry.terraform.io/kreuzwerker/docker" {',
  '  version     = "4.6.0"',
  '  constraints = "4.6.0"',
  '  hashes = [',
  '    "h1:NHoqAiafLYwpKt/FZ10ves9ESnGm2aSAJXKEgSlwpCc=",',
  '    "zh:TIhLDQ7XXaNyBg3qQ5AGYHqMOkHeOqnIvdDKaGn0AXk=",',
  '  ]',
  '}',
];

/** The lock with line `n` (1-based) of LINES replaced. */
const withLine = (n: number, line: string) => LINES.map((l, i) => (i === n - 1 ? line : l)).join('\n');

describe('parseProviderLock: the spacing Terraform may write', () => {
  test.each([
    ['several spaces after provider', 1, 'provider   "registry.terraform.io/kreuzwerker/docker" {'],
    ['no space before {', 1, 'provider "registry.terraform.io/kreuzwerker/docker"{'],
    ['no space around = of an attribute', 2, 'version="4.6.0"'],
    ['several spaces after = of an attribute', 3, 'constraints =   "4.6.0"'],
    ['no space before = of hashes', 4, 'hashes= ['],
    ['no space after = of hashes', 4, 'hashes =['],
    ['no comma after the last hash', 6, '"zh:TIhLDQ7XXaNyBg3qQ5AGYHqMOkHeOqnIvdDKaGn0AXk="'],
  ])('fails when a lock with %s is refused', (_what, n, line) => {
    expect(parseProviderLock(withLine(n, line))).toEqual([DOCKER]);
  });
});

describe('parseProviderLock: lines Terraform does not write', () => {
  test.each([
    ['text before provider', 1, 'my provider "registry.terraform.io/kreuzwerker/docker" {', 'line 1: expected a provider block, got '],
    ['text after {', 1, 'provider "registry.terraform.io/kreuzwerker/docker" { x', 'line 1: expected a provider block, got '],
    ['text before an attribute', 2, 'myversion = "4.6.0"', 'line 2: unexpected '],
    ['text after an attribute', 3, 'constraints = "4.6.0" x', 'line 3: unexpected '],
    ['text before hashes', 4, 'myhashes = [', 'line 4: unexpected '],
    ['hashes on one line', 4, 'hashes = [ "h1:x" ]', 'line 4: unexpected '],
    ['text after a hash', 5, '"h1:NHoqAiafLYwpKt/FZ10ves9ESnGm2aSAJXKEgSlwpCc=", x', 'line 5: expected a hash or ], got '],
  ])('refuses a line with %s, naming the line', (_what, n, line, message) => {
    expect(() => parseProviderLock(withLine(n, line))).toThrow(`${message}${JSON.stringify(line.trim())}`);
  });

  test('fails when a block without a version is not refused at its closing line', () => {
    expect(() => parseProviderLock(LINES.filter((l) => !l.includes('version')).join('\n'))).toThrow(
      'line 7: provider "registry.terraform.io/kreuzwerker/docker" has no version',
    );
  });
});

describe('lockMismatches', () => {
  test('fails when a stack that names no version is not said to require any version', () => {
    expect(lockMismatches([DOCKER], { docker: { source: 'kreuzwerker/docker' } })).toEqual([
      'registry.terraform.io/kreuzwerker/docker: locked at 4.6.0 (constraints 4.6.0), the stack requires any version',
    ]);
  });
});
