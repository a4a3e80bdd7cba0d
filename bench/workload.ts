import { ValidConfig, validateConfig } from '../lib/core/config/validate';
import { HostFacts } from '../lib/core/facts/types';

/** The runtimes the benchmarks deploy: busybox sleeping, vNICs in auto mode. */

export function runtimesConfig(count: number, parents: readonly string[], extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    ...extra,
    runtimes: Array.from({ length: count }, (_, i) => ({
      name: `bench${i}`,
      image: 'local/busybox:latest',
      command: ['sleep', 'infinity'],
      vnics: parents.map((parent, n) => ({ name: `nic${n}`, parent_interface: parent, network_mode: 'auto' })),
    })),
  };
}

export function validRuntimes(count: number, parents: readonly string[]): ValidConfig {
  return validateConfig(runtimesConfig(count, parents));
}

/** Two interfaces on /16s: room for 200 runtimes x 2 auto vNICs. */
export const TWO_LAN_FACTS: HostFacts = {
  interfaces: [
    {
      name: 'eth0',
      operstate: 'UP',
      mac: null,
      ipv4: [{ address: '10.10.0.2', prefixlen: 16, subnet: '10.10.0.0/16' }],
      gateway: '10.10.0.1',
    },
    {
      name: 'eth1',
      operstate: 'UP',
      mac: null,
      ipv4: [{ address: '10.20.0.2', prefixlen: 16, subnet: '10.20.0.0/16' }],
      gateway: '10.20.0.1',
    },
  ],
  default_interface: 'eth0',
  source: 'bench',
  detected_at: '',
};
