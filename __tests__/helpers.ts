import { validateConfig, ValidConfig } from '../lib/core/config/validate';
import { ValidationError } from '../lib/core/errors';
import { HostFacts } from '../lib/core/facts/types';
import { resolveModel } from '../lib/core/model/resolve';
import { EdgeModel } from '../lib/core/model/types';
import { Ipv4Address, MacAddress, Subnet } from '../lib/core/values';

/** Facts of a host on 192.168.1.0/24 via eth0, as detection would produce them. */
export function lanFacts(overrides: Partial<HostFacts> = {}): HostFacts {
  return {
    interfaces: [
      {
        name: 'eth0',
        operstate: 'UP',
        mac: '52:54:00:12:34:56',
        ipv4: [{ address: '192.168.1.10', prefixlen: 24, subnet: '192.168.1.0/24' }],
        gateway: '192.168.1.1',
      },
    ],
    default_interface: 'eth0',
    source: 'test',
    detected_at: '2026-11-22T00:00:00.000Z',
    ...overrides,
  };
}

/** The host of `lanFacts` after a move: eth0 on 10.0.5.0/24 (same size, another subnet). */
export function movedFacts(): HostFacts {
  return lanFacts({
    interfaces: [
      {
        name: 'eth0',
        operstate: 'UP',
        mac: null,
        ipv4: [{ address: '10.0.5.10', prefixlen: 24, subnet: '10.0.5.0/24' }],
        gateway: '10.0.5.1',
      },
    ],
  });
}

export function runtime(name: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { name, image: 'local/busybox:latest', command: ['sleep', 'infinity'], ...extra };
}

export function config(runtimes: unknown[], extra: Record<string, unknown> = {}): ValidConfig {
  return validateConfig({ runtimes, ...extra });
}

/** The `path: message` lines of the ValidationError `fn` throws; fails the test if it does not throw one. */
export function problemsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (err) {
    if (err instanceof ValidationError) return err.problems.map((p) => `${p.path}: ${p.message}`);
    throw err;
  }
  throw new Error('expected a ValidationError, nothing was thrown');
}

/** The model of `runtimes` on `facts` (default: the 192.168.1.0/24 LAN). */
export function model(runtimes: unknown[], facts: HostFacts = lanFacts(), extra: Record<string, unknown> = {}): EdgeModel {
  return resolveModel(config(runtimes, extra), facts);
}

/** Value types from text, for tests that build constructs by hand. */
export const subnet = (text: string): Subnet => Subnet.parse(text) as Subnet;
export const ip = (text: string): Ipv4Address => Ipv4Address.parse(text) as Ipv4Address;
export const mac = (text: string): MacAddress => MacAddress.parse(text) as MacAddress;

/** The model as JSON (value types print as text), for matching against literals. */
export const plain = <T>(value: T): any => JSON.parse(JSON.stringify(value));
