import fc from 'fast-check';
import { readFileSync } from 'fs';
import * as path from 'path';
import { EdgenetError, ValidationError } from '../../../lib/core/errors';
import { checkFacts } from '../../../lib/core/facts/check';
import { buildFacts } from '../../../lib/core/facts/proc';
import { mutate, paths } from '../../mutate';
import { FIXTURES } from '../../paths';

/**
 * Facts files and detection input are untrusted: whatever they hold, the answer is facts or a
 * list of problems (path, value received, what is allowed), never a TypeError and never a hang.
 */

/** `facts.<path>: <what>, got <value>; expected <allowed>`, on one line. */
// Known fields and list indexes, then at most one unknown field: any text, quoted when empty or
// holding a control character.
const PROBLEM = /^facts(?:\.[a-z_0-9]+|\[\d+\])*(?:\.[^\n]+?|\["[^\n]*"\])?: [^\n]+, got [^\n]+; expected [^\n]+$/;

const octet = fc.integer({ min: 0, max: 255 });
const address = fc.tuple(octet, octet, octet, octet).map((o) => o.join('.'));
const ipv4 = fc.record({ address, prefixlen: fc.constant(24), subnet: fc.constant('192.168.1.0/24') }, { requiredKeys: ['subnet'] });
const iface = fc.record(
  {
    name: fc.constantFrom('eth0', 'eth1', 'wlan0', 'ens37'),
    operstate: fc.constantFrom('UP', 'DOWN', 'UNKNOWN'),
    type: fc.constantFrom('ethernet', 'wifi'),
    mac: fc.option(fc.constant('52:54:00:12:34:56')),
    ipv4: fc.array(ipv4, { maxLength: 3 }),
    gateway: fc.option(address),
  },
  { requiredKeys: ['name'] },
);
const network = fc.record({
  name: fc.constant('macvlan_eth0_192.168.1.0_24'),
  driver: fc.constant('macvlan'),
  parent: fc.option(fc.constant('eth0')),
  subnet: fc.option(fc.constant('192.168.1.0/24')),
  gateway: fc.option(address),
  managed_by: fc.option(fc.constant('edge')),
});
const validFacts = fc.record(
  {
    interfaces: fc.array(iface, { maxLength: 4 }),
    default_interface: fc.option(fc.constant('eth0')),
    source: fc.constantFrom('proc', 'file', 'netmon'),
    detected_at: fc.constant('2026-11-22T00:00:00.000Z'),
    docker_networks: fc.array(network, { maxLength: 2 }),
  },
  { requiredKeys: ['interfaces'] },
);

const mutatedFacts = fc
  .tuple(validFacts, fc.nat(), fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constant(null), fc.constant(undefined), fc.string()))
  .map(([facts, pick, replacement]) => {
    const all = paths(facts);
    return mutate(facts, all[pick % all.length], replacement);
  });

function outcome(raw: unknown): 'ok' | string[] {
  try {
    checkFacts(raw);
    return 'ok';
  } catch (err) {
    if (err instanceof ValidationError) return err.problems.map((p) => `${p.path}: ${p.message}`);
    throw err;
  }
}

describe('facts checks, property-based', () => {
  test('generated facts pass, keeping their interfaces', () => {
    fc.assert(
      fc.property(validFacts, (facts) => {
        expect(checkFacts(facts).interfaces.map((i) => i.name)).toEqual(facts.interfaces.map((i) => i.name));
      }),
      { numRuns: 300 },
    );
  });

  test('mutated facts pass or come back as problems with a path, the value and what is allowed; nothing else is thrown', () => {
    fc.assert(
      fc.property(mutatedFacts, (raw) => {
        const result = outcome(raw);
        if (result === 'ok') return;
        expect(result.length).toBeGreaterThan(0);
        for (const line of result) expect(line).toMatch(PROBLEM);
      }),
      { numRuns: 3000 },
    );
  });

  test('any JSON value at all passes or comes back as problems', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), (raw) => {
        const result = outcome(raw);
        if (result !== 'ok') for (const line of result) expect(line).toMatch(PROBLEM);
      }),
      { numRuns: 1000 },
    );
  });

  test.each([
    ['null where an interface should be', { interfaces: [null] }, 'facts.interfaces[0]: is not an object, got null'],
    ['null operstate', { interfaces: [{ name: 'eth0', operstate: null }] }, 'facts.interfaces[0].operstate: is not a string, got null'],
    ['a numeric gateway', { interfaces: [{ name: 'eth0', gateway: 7 }] }, 'facts.interfaces[0].gateway: is not an IPv4 address, got 7'],
    [
      'a string prefixlen',
      { interfaces: [{ name: 'eth0', ipv4: [{ subnet: '10.0.0.0/8', prefixlen: '8' }] }] },
      'facts.interfaces[0].ipv4[0].prefixlen: is not a prefix length, got "8"',
    ],
    [
      'a prefixlen of 40.5',
      { interfaces: [{ name: 'eth0', ipv4: [{ subnet: '10.0.0.0/8', prefixlen: 40.5 }] }] },
      'facts.interfaces[0].ipv4[0].prefixlen: is not a prefix length, got 40.5',
    ],
    ['a numeric mac', { interfaces: [{ name: 'eth0', mac: 5 }] }, 'facts.interfaces[0].mac: is not a string, got 5'],
    ['a list as source', { interfaces: [], source: [] }, 'facts.source: is not a string, got []'],
    ['a number as default_interface', { interfaces: [], default_interface: 3 }, 'facts.default_interface: is not a string, got 3'],
    [
      'a docker network without driver',
      { interfaces: [], docker_networks: [{ name: 'n', parent: null, subnet: null, gateway: null, managed_by: null }] },
      'facts.docker_networks[0].driver: is not a string, got nothing',
    ],
  ])('fails when a facts file has %s: one line naming path and value', (_what, raw, expected) => {
    const result = outcome(raw);
    expect(result).not.toBe('ok');
    expect(result).toHaveLength(1);
    expect((result as string[])[0]).toContain(expected);
    expect((result as string[])[0]).toMatch(PROBLEM);
  });
});

describe('detection input, property-based', () => {
  const read = (name: string) => readFileSync(path.join(FIXTURES, 'proc-multi', name), 'utf8');
  const real = { procNetRoute: read('net/route'), procNetDev: read('net/dev'), ipAddrJson: read('ip-addr.json') };
  const sources = { procNetRoute: 'ROUTE', procNetDev: 'DEV', ipAddrJson: 'ADDR' };

  /** A text with a slice cut out, or junk put in: truncations, garbled bytes, stray characters. */
  const damaged = (text: string) =>
    fc.oneof(
      fc.tuple(fc.nat(text.length), fc.nat(40)).map(([at, n]) => text.slice(0, at) + text.slice(at + n)),
      fc
        .tuple(fc.nat(text.length), fc.string({ unit: 'binary', maxLength: 8 }))
        .map(([at, junk]) => text.slice(0, at) + junk + text.slice(at)),
      fc.nat(text.length).map((at) => text.slice(0, at)),
      fc.string({ unit: 'binary', maxLength: 100 }),
    );

  test('damaged /proc/net/route, /proc/net/dev or ip -j addr give facts or one line naming the file; nothing else is thrown', () => {
    const inputs = fc
      .constantFrom<keyof typeof real>('procNetRoute', 'procNetDev', 'ipAddrJson')
      .chain((which) => damaged(real[which]).map((text) => ({ which, text })));
    fc.assert(
      fc.property(inputs, ({ which, text }) => {
        try {
          buildFacts({ ...real, [which]: text, wirelessInterfaces: [], detectedAt: '', sources });
        } catch (err) {
          expect(err).toBeInstanceOf(EdgenetError);
          const message = (err as Error).message;
          expect(message.startsWith(`${sources[which]}: `)).toBe(true);
          expect(message).not.toContain('\n');
        }
      }),
      { numRuns: 1000 },
    );
  });

  test('damaged ip -j addr JSON (entries and fields replaced by anything) gives facts or one line naming the file', () => {
    const links = JSON.parse(real.ipAddrJson) as unknown[];
    fc.assert(
      fc.property(fc.nat(), fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constant(undefined)), (pick, replacement) => {
        const all = paths(links);
        const text = JSON.stringify(mutate(links, all[pick % all.length], replacement)) ?? '';
        try {
          buildFacts({ ...real, ipAddrJson: text, wirelessInterfaces: [], detectedAt: '', sources });
        } catch (err) {
          expect(err).toBeInstanceOf(EdgenetError);
          expect((err as Error).message).toMatch(/^ADDR: [^\n]+$/);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
