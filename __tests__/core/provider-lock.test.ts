import { parse } from '@cdktf/hcl2json';
import { LockedProvider, lockMismatches, parseProviderLock, providerAddress } from '../../lib/core/provider-lock';

const LOCK = `# This file is maintained automatically by "terraform init".
# Manual edits may be lost in future updates.

provider "edgenet.dev/edgenet/edgenet" {
  version     = "0.1.0"
  constraints = "0.1.0"
  hashes = [
    "h1:Tm0c1qeumC+lF1DLuN0jC8x6XiF5F2ZBLfSgZ86kI2A=",
    "h1:mpzbY31ZUFuPAK+T0iLi+TdRSsntupGbuAHbBxOUL1E=",
  ]
}

provider "registry.terraform.io/kreuzwerker/docker" {
  version     = "4.6.0"
  constraints = "4.6.0"
  hashes = [
    "h1:NHoqAiafLYwpKt/FZ10ves9ESnGm2aSAJXKEgSlwpCc=",
    "zh:TIhLDQ7XXaNyBg3qQ5AGYHqMOkHeOqnIvdDKaGn0AXk=",
  ]
}
`;

const STACK = {
  docker: { source: 'kreuzwerker/docker', version: '4.6.0' },
  edgenet: { source: 'edgenet.dev/edgenet/edgenet', version: '0.1.0' },
};

const docker = (overrides: Partial<LockedProvider>): LockedProvider[] => [
  ...parseProviderLock(LOCK).filter((p) => p.address !== 'registry.terraform.io/kreuzwerker/docker'),
  { address: 'registry.terraform.io/kreuzwerker/docker', version: '4.6.0', constraints: '4.6.0', hashes: [], ...overrides },
];

describe('parseProviderLock', () => {
  test('reads what an HCL parser reads: addresses, versions, constraints and hashes', async () => {
    const hcl: any = await parse('.terraform.lock.hcl', LOCK);
    const expected = Object.entries<any[]>(hcl.provider).map(([address, [block]]) => ({ address, ...block }));
    expect(parseProviderLock(LOCK)).toEqual(expected);
  });

  test('fails when a line is not one Terraform writes, naming the line', () => {
    expect(() => parseProviderLock(LOCK.replace('  constraints = "4.6.0"', '  constraints = 4.6.0'))).toThrow(
      /line 15: unexpected "constraints = 4.6.0"/,
    );
  });

  test('fails when a provider block has no version', () => {
    expect(() => parseProviderLock(LOCK.replace('  version     = "0.1.0"\n', ''))).toThrow(
      'provider "edgenet.dev/edgenet/edgenet" has no version',
    );
  });

  test('fails when a block is not closed, or text stands outside a block', () => {
    expect(() => parseProviderLock(LOCK.slice(0, LOCK.lastIndexOf('}')))).toThrow('is not closed');
    expect(() => parseProviderLock(`version = "1"\n${LOCK}`)).toThrow(/line 1: expected a provider block/);
    expect(() => parseProviderLock(LOCK.replace('"zh:', 'zh:"'))).toThrow(/expected a hash or \]/);
  });
});

describe('providerAddress', () => {
  test('gives a two-part source the default registry, and keeps a full address (lower case)', () => {
    expect(providerAddress('kreuzwerker/docker')).toBe('registry.terraform.io/kreuzwerker/docker');
    expect(providerAddress('edgenet.dev/edgenet/edgenet')).toBe('edgenet.dev/edgenet/edgenet');
    expect(providerAddress('Kreuzwerker/Docker')).toBe('registry.terraform.io/kreuzwerker/docker');
  });
});

describe('lockMismatches', () => {
  test('is empty when every provider the stack requires is locked at its version', () => {
    expect(lockMismatches(parseProviderLock(LOCK), STACK)).toEqual([]);
  });

  test('fails when the stack requires a provider the lock does not have', () => {
    expect(lockMismatches(docker({}), { ...STACK, random: { source: 'hashicorp/random', version: '3.6.0' } })).toEqual([
      'registry.terraform.io/hashicorp/random: not in the lock file',
    ]);
  });

  test('fails when the locked version is not the one the stack requires', () => {
    expect(lockMismatches(docker({ version: '4.5.0' }), STACK)).toEqual([
      'registry.terraform.io/kreuzwerker/docker: locked at 4.5.0 (constraints 4.6.0), the stack requires 4.6.0',
    ]);
  });

  test("fails when the lock's constraints are not the stack's (cdktf would run `providers lock`)", () => {
    expect(lockMismatches(docker({ constraints: '>= 4.0.0' }), STACK)).toHaveLength(1);
    expect(lockMismatches(docker({ constraints: undefined }), STACK)).toEqual([
      'registry.terraform.io/kreuzwerker/docker: locked at 4.6.0 (constraints none), the stack requires 4.6.0',
    ]);
  });

  test('fails when the stack names no version: a lock pins one, so it cannot be said to match', () => {
    expect(lockMismatches(parseProviderLock(LOCK), { docker: { source: 'kreuzwerker/docker' } })).toHaveLength(1);
  });
});
