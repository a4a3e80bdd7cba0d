import fc from 'fast-check';
import { existsSync, mkdtempSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { synthesize } from '../../lib/app/synth';
import { parseConfigText } from '../../lib/core/config/parse-text';
import { validateConfig } from '../../lib/core/config/validate';
import { Problem, ValidationError } from '../../lib/core/errors';
import { checkFacts } from '../../lib/core/facts/check';
import { HostFacts } from '../../lib/core/facts/types';
import { resolveModel } from '../../lib/core/model/resolve';
import { mutate, paths, renameKey } from '../mutate';
import { ROOT } from '../paths';

/**
 * Configs and facts are untrusted: generated ones, and ones mutated from them, either
 * synthesize or come back as a list of problems, each on one line with a path, the value
 * received and what is allowed. Nothing else is thrown, nothing hangs, and a refusal writes
 * nothing.
 */

/** What each problem's message must be: `<what>, got <value>; expected <allowed>`, on one line. */
const MESSAGE = /^[^\n]+, got [^\n]+; expected [^\n]+$/;

const octet = fc.integer({ min: 0, max: 255 });
const lanAddress = octet.map((o) => `192.168.1.${o}`);
const mac = fc
  .tuple(fc.constantFrom('02', '52', '0a'), fc.array(octet, { minLength: 5, maxLength: 5 }))
  .map(([first, rest]) => [first, ...rest.map((o) => o.toString(16).padStart(2, '0'))].join(':'));

const vnic = fc
  .record(
    {
      name: fc.constantFrom('lan', 'wan', 'l.n', 'l-n'),
      parent_interface: fc.constantFrom('eth0', 'eth1', 'eth0.1'),
      parent_subnet: fc.constantFrom('192.168.1.0/24', '10.0.0.0/24', '192.168.0.0/23'),
      parent_gateway: fc.constantFrom('192.168.1.1', '10.0.0.1'),
      network_mode: fc.constantFrom('static', 'auto', 'dhcp'),
      mac_address: mac,
      dns: fc.array(lanAddress, { maxLength: 2 }),
    },
    { requiredKeys: ['name'] },
  )
  .chain((v) => (v.network_mode === 'static' ? lanAddress.map((ip) => ({ ...v, ip })) : fc.constant(v)));

const settings = {
  image: fc.constantFrom('local/busybox:latest', 'openplc/runtime:3', 'registry.local:5000/a/b@sha256:' + 'a'.repeat(64)),
  command: fc.array(fc.constantFrom('sleep', 'infinity', '-c'), { maxLength: 3 }),
  env: fc.dictionary(fc.constantFrom('TZ', 'MODE', 'A_B'), fc.string({ maxLength: 8 }), { maxKeys: 2 }),
  ports: fc.array(fc.record({ internal: fc.integer({ min: 1, max: 65535 }) }), { maxLength: 1 }),
  restart: fc.constantFrom('no', 'always', 'unless-stopped'),
};

const config = fc
  .tuple(
    fc.array(fc.record({ ...settings, vnics: fc.array(vnic, { maxLength: 2 }) }, { requiredKeys: ['image'] }), { maxLength: 4 }),
    fc.option(fc.record({ image: settings.image, vnic_defaults: fc.record({ network_mode: fc.constantFrom('auto', 'dhcp') }) }), {
      nil: undefined,
    }),
    fc.option(
      fc.record(
        { container: fc.constantFrom('agent', 'rt1'), internal_pool: fc.constantFrom('172.31.0.0/16') },
        { requiredKeys: ['container'] },
      ),
      {
        nil: undefined,
      },
    ),
    fc.boolean(),
  )
  .map(([runtimes, profile, manager, withLans]) => ({
    ...(profile ? { profiles: { plc: profile } } : {}),
    ...(manager ? { manager } : {}),
    ...(withLans ? { lans: { eth0: { exclude: ['192.168.1.200-192.168.1.210'] } } } : {}),
    runtimes: runtimes.map((rt, i) => ({ name: `rt${i}`, ...(profile && i % 2 === 0 ? { profile: 'plc' } : {}), ...rt })),
  }));

const facts = fc
  .record({
    subnet: fc.constantFrom('192.168.1.0/24', '10.0.0.0/24'),
    mac: fc.constantFrom('52:54:00:12:34:56', null),
    withSecond: fc.boolean(),
  })
  .map(({ subnet, mac: hostMac, withSecond }) => ({
    interfaces: [
      {
        name: 'eth0',
        operstate: 'UP',
        mac: hostMac,
        ipv4: [{ address: subnet.replace('.0/24', '.10'), prefixlen: 24, subnet }],
        gateway: subnet.replace('.0/24', '.1'),
      },
      ...(withSecond
        ? [{ name: 'eth1', operstate: 'UP', ipv4: [{ address: '10.9.0.2', prefixlen: 24, subnet: '10.9.0.0/24' }], gateway: null }]
        : []),
    ],
    default_interface: 'eth0',
    source: 'test',
    detected_at: '',
  }));

/** Values a careless or hostile hand puts where a field was. */
const replacement = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constant(undefined),
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.constantFrom('__proto__', 'constructor', 'toString', '', 'lo', 'eth0:1', 'Local/Busybox', 'a=b', '0.0.0.0/0', '10.0.0.0/31'),
  fc.constantFrom(
    '192.168.1.0',
    '192.168.1.255',
    'ff:ff:ff:ff:ff:ff',
    '52:54:00:12:34:56',
    'edgenet_netmon',
    'rt0_dhcp_lan',
    'x'.repeat(300),
  ),
  fc.constant(JSON.parse('{"__proto__": {"image": "a/b"}}') as unknown),
);

/** A key a careless or hostile hand writes instead of the one that was there. */
const hostileKey = fc.oneof(
  fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty', '', 'a\nb', 'ïmage'),
  fc.string({ unit: 'binary', maxLength: 6 }),
);

/** A valid raw value with one place replaced, deleted or renamed. */
function mutated<T>(valid: fc.Arbitrary<T>): fc.Arbitrary<unknown> {
  return fc.tuple(valid, fc.nat(), fc.boolean(), replacement, hostileKey).map(([value, pick, rename, by, key]) => {
    const all = paths(value);
    const at = all[pick % all.length];
    return rename ? renameKey(value, at, key) : mutate(value, at, by);
  });
}

/** The problems of a refusal; fails the test for anything thrown that is not one. */
function refusal(err: unknown): readonly Problem[] {
  if (!(err instanceof ValidationError)) throw err;
  return err.problems;
}

function expectProblems(problems: readonly Problem[]): void {
  expect(problems.length).toBeGreaterThan(0);
  for (const p of problems) {
    expect(p.path).toMatch(/^[^\n]+$/);
    expect(p.message).toMatch(MESSAGE);
  }
}

/** config + facts -> the model, or the problems; the facts are checked as a facts file would be. */
function outcome(rawConfig: unknown, rawFacts: unknown): 'ok' | readonly Problem[] {
  try {
    const valid = validateConfig(rawConfig);
    resolveModel(valid, checkFacts(rawFacts), valid.hosts[0].name);
    return 'ok';
  } catch (err) {
    return refusal(err);
  }
}

describe('configs and facts, property-based', () => {
  test('generated configs on generated facts resolve or come back as problems', () => {
    fc.assert(
      fc.property(config, facts, (raw, host) => {
        const result = outcome(raw, host);
        if (result !== 'ok') expectProblems(result);
      }),
      { numRuns: 200 },
    );
  });

  test('mutated configs and facts resolve or come back as problems, one line each; nothing else is thrown', () => {
    fc.assert(
      fc.property(fc.oneof(mutated(config), config), fc.oneof(facts, mutated(facts)), (raw, host) => {
        const result = outcome(raw, host);
        if (result !== 'ok') expectProblems(result);
      }),
      { numRuns: 600 },
    );
  });

  test('mutated configs synthesize, or are refused leaving nothing behind', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'edgenet-property-'));
    let run = 0;
    fc.assert(
      fc.property(fc.oneof(mutated(config), config), facts, (raw, host) => {
        const out = path.join(dir, `out-${run++}`, 'cdktf.out');
        let file: string;
        try {
          file = synthesize(validateConfig(raw), host as HostFacts, out).file;
        } catch (err) {
          expectProblems(refusal(err));
          expect(existsSync(path.dirname(out))).toBe(false);
          return;
        }
        expect(JSON.parse(readFileSync(file, 'utf8')).terraform).toBeDefined();
      }),
      { numRuns: 40 },
    );
  });

  test('damaged config text is read or refused, one line per problem, each naming the file', () => {
    const text = readFileSync(path.join(ROOT, 'examples', 'edge.yaml'), 'utf8');
    const damaged = fc.oneof(
      fc.tuple(fc.nat(text.length), fc.nat(40)).map(([at, n]) => text.slice(0, at) + text.slice(at + n)),
      fc
        .tuple(fc.nat(text.length), fc.string({ unit: 'binary', maxLength: 8 }))
        .map(([at, junk]) => text.slice(0, at) + junk + text.slice(at)),
      fc
        .tuple(fc.nat(text.length), fc.constantFrom('&a ', '*a', '<<: *a', '? ', '---\n', '[', '{', '!!binary ', '\t'))
        .map(([at, junk]) => text.slice(0, at) + junk + text.slice(at)),
    );
    fc.assert(
      fc.property(damaged, (yaml) => {
        try {
          validateConfig(parseConfigText(yaml, 'edge.yaml'));
        } catch (err) {
          for (const p of refusal(err)) {
            expect(p.path).toMatch(/^(edge\.yaml(:\d+:\d+)?|\$.*)$/);
            expect(p.message).toMatch(/^[^\n]+$/);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
