import { ProvidersObservation } from '../../../lib/core/doctor/observations';
import { cliConfigMirrors, linuxPlatform, mirrorBuildDirs, packageHashV1, providerChecks } from '../../../lib/core/doctor/provider-checks';

const DOCKER = {
  address: 'registry.terraform.io/kreuzwerker/docker',
  version: '4.6.0',
  constraints: '4.6.0',
  hashes: ['h1:amd', 'h1:arm'],
};
const EDGENET = { address: 'edgenet.dev/edgenet/edgenet', version: '0.1.0', constraints: '0.1.0', hashes: ['h1:e-amd', 'h1:e-arm'] };
const MIRROR = '/root/.terraform.d/plugins';

function observed(extra: Partial<ProvidersObservation> = {}): ProvidersObservation {
  return {
    lock: { file: '/pkg/.terraform.lock.hcl', state: 'read', providers: [DOCKER, EDGENET] },
    platform: 'linux_amd64',
    machine: 'linux x64',
    mirrors: [MIRROR],
    mirrorsFrom: 'the implied local mirror',
    builds: [
      { address: DOCKER.address, version: '4.6.0', found: { dir: `${MIRROR}/d`, hash: 'h1:amd' } },
      { address: EDGENET.address, version: '0.1.0', found: { dir: `${MIRROR}/e`, hash: 'h1:e-amd' } },
    ],
    ...extra,
  };
}

describe('providerChecks (9: the lock and the mirror)', () => {
  test('fails when a lock with both builds in the mirror, as locked, is not ok throughout', () => {
    const findings = providerChecks(observed());
    expect(findings.map((f) => [f.subject, f.status])).toEqual([
      ['/pkg/.terraform.lock.hcl', 'ok'],
      ['registry.terraform.io/kreuzwerker/docker 4.6.0', 'ok'],
      ['edgenet.dev/edgenet/edgenet 0.1.0', 'ok'],
    ]);
    expect(findings[0].found).toBe('pins registry.terraform.io/kreuzwerker/docker 4.6.0, edgenet.dev/edgenet/edgenet 0.1.0');
  });

  test('fails when a missing lock is not blocking, saying how to restore it', () => {
    expect(providerChecks(observed({ lock: { file: '/pkg/.terraform.lock.hcl', state: 'missing' } }))).toEqual([
      expect.objectContaining({
        status: 'blocking',
        found: expect.stringContaining('no provider lock'),
        todo: expect.stringContaining('git checkout .terraform.lock.hcl'),
      }),
    ]);
  });

  test('fails when a damaged lock is not blocking with its error', () => {
    const [finding] = providerChecks(observed({ lock: { file: '/l', state: 'damaged', error: '/l: line 3: unexpected "x"' } }));
    expect(finding).toMatchObject({ status: 'blocking', found: '/l: line 3: unexpected "x"' });
  });

  test("fails when a provider with no build for this machine's platform is not blocking, naming the mirror and how to fill it", () => {
    const findings = providerChecks(observed({ builds: [{ address: DOCKER.address, version: '4.6.0' }] }));
    expect(findings[1]).toMatchObject({
      status: 'blocking',
      subject: 'registry.terraform.io/kreuzwerker/docker 4.6.0',
      found: `no linux_amd64 build in ${MIRROR} (the implied local mirror): plan and apply will fail at init`,
    });
    expect(findings[1].todo).toContain('scripts/testbed.sh tools');
  });

  test('fails when a build whose hash the lock does not pin (another build) is not blocking', () => {
    const findings = providerChecks(
      observed({ builds: [{ address: EDGENET.address, version: '0.1.0', found: { dir: '/m/e', hash: 'h1:other' } }] }),
    );
    expect(findings[1]).toMatchObject({
      status: 'blocking',
      found: expect.stringContaining('another build than the lock pins (h1:other)'),
    });
  });

  test('fails when a machine no provider is built for is not blocking', () => {
    const findings = providerChecks(observed({ platform: undefined, machine: 'linux riscv64', builds: [] }));
    expect(findings[1]).toMatchObject({ status: 'blocking', subject: 'linux riscv64' });
  });
});

describe('the rules the reader follows', () => {
  test.each([
    ['linux', 'x64', 'linux_amd64'],
    ['linux', 'arm64', 'linux_arm64'],
    ['linux', 'riscv64', undefined],
    ['darwin', 'arm64', undefined],
  ])('fails when %s %s is not platform %s', (system, arch, platform) => {
    expect(linuxPlatform(system, arch)).toBe(platform);
  });

  test("fails when the docker provider is not looked for under tofu's registry too, in the unpacked layout", () => {
    expect(mirrorBuildDirs('/m/', DOCKER.address, '4.6.0', 'linux_arm64')).toEqual([
      '/m/registry.terraform.io/kreuzwerker/docker/4.6.0/linux_arm64',
      '/m/registry.opentofu.org/kreuzwerker/docker/4.6.0/linux_arm64',
    ]);
    expect(mirrorBuildDirs('/m', EDGENET.address, '0.1.0', 'linux_amd64')).toEqual(['/m/edgenet.dev/edgenet/edgenet/0.1.0/linux_amd64']);
  });

  test("fails when the h1 hash is not Terraform's (dirhash Hash1 of the files in name order)", () => {
    // The files' sha256 are those of "a" and "b"; the expected hash is
    // `printf '<sha a>  a\n<sha b>  b\n' | sha256sum | xxd -r -p | base64`, as Go's dirhash sums the lines.
    const files = [
      { name: 'b', sha256: '3e23e8160039594a33894f6564e1b1348bbd7a0088d42c4acb73eeaed59c009d' },
      { name: 'a', sha256: 'ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb' },
    ];
    expect(packageHashV1(files)).toBe('h1:yxP0ANy2GOQA0PfVT3zbMw03oHJyy5mhAWzaWDChBVY=');
  });

  test('fails when a CLI config without provider_installation is not left to the implied mirror, or its filesystem mirrors are not read', () => {
    expect(cliConfigMirrors('plugin_cache_dir = "/x"\n')).toBeUndefined();
    const rc = `# provider_installation { filesystem_mirror { path = "/commented" } }
provider_installation {
  filesystem_mirror {
    path    = "/srv/mirror"
    include = ["edgenet.dev/*/*"]
  }
  filesystem_mirror { path = "/opt/other" }
  direct {}
}
`;
    expect(cliConfigMirrors(rc)).toEqual(['/srv/mirror', '/opt/other']);
  });
});
