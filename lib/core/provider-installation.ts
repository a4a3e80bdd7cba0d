/**
 * How the engine installs edgenet's providers from a filesystem mirror: the registry names a
 * provider is asked for by, and the CLI config block that sends the engine to the mirror.
 */

/** tofu asks for the docker provider under its own registry's name; a mirror holds it under both. */
const REGISTRY_ALIASES: Readonly<Record<string, readonly string[]>> = {
  'registry.terraform.io': ['registry.terraform.io', 'registry.opentofu.org'],
};

/** `address` (`host/namespace/type`) under every registry name an engine may ask for it by. */
export function addressAliases(address: string): string[] {
  const [host, ...rest] = address.split('/');
  return (REGISTRY_ALIASES[host] ?? [host]).map((h) => [h, ...rest].join('/'));
}

/**
 * A CLI config that installs `addresses` (under each of their names) only from `mirror`,
 * and any other provider as the engine would without it.
 */
export function mirrorCliConfig(mirror: string, addresses: readonly string[]): string {
  const names = `[${addresses
    .flatMap(addressAliases)
    .map((a) => JSON.stringify(a))
    .join(', ')}]`;
  return [
    'provider_installation {',
    '  filesystem_mirror {',
    `    path    = ${JSON.stringify(mirror)}`,
    `    include = ${names}`,
    '  }',
    '  direct {',
    `    exclude = ${names}`,
    '  }',
    '}',
    '',
  ].join('\n');
}
