import { addressAliases, mirrorCliConfig } from '../../lib/core/provider-installation';

describe('provider installation from a mirror', () => {
  test('fails when tofu cannot find kreuzwerker/docker: its registry name is an alias of the Terraform registry', () => {
    expect(addressAliases('registry.terraform.io/kreuzwerker/docker')).toEqual([
      'registry.terraform.io/kreuzwerker/docker',
      'registry.opentofu.org/kreuzwerker/docker',
    ]);
    expect(addressAliases('edgenet.dev/edgenet/edgenet')).toEqual(['edgenet.dev/edgenet/edgenet']);
  });

  test('fails when the mirrored providers could still be fetched from a registry, or others could not', () => {
    expect(mirrorCliConfig('/m', ['edgenet.dev/edgenet/edgenet'])).toBe(
      [
        'provider_installation {',
        '  filesystem_mirror {',
        '    path    = "/m"',
        '    include = ["edgenet.dev/edgenet/edgenet"]',
        '  }',
        '  direct {',
        '    exclude = ["edgenet.dev/edgenet/edgenet"]',
        '  }',
        '}',
        '',
      ].join('\n'),
    );
  });
});
