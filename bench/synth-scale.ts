import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { validateConfig } from '../lib/config/validate';
import { HostFacts } from '../lib/facts/types';
import { synthesize } from '../lib/synth';

/**
 * Synth time for 1 vs 200 runtimes x 2 vNICs, measured alternately in one run and
 * reported as medians and their ratio (never a single absolute timing as a fact).
 */
const facts: HostFacts = {
  interfaces: [
    { name: 'eth0', operstate: 'UP', mac: null, ipv4: [{ address: '10.10.0.2', prefixlen: 16, subnet: '10.10.0.0/16' }], gateway: '10.10.0.1' },
    { name: 'eth1', operstate: 'UP', mac: null, ipv4: [{ address: '10.20.0.2', prefixlen: 16, subnet: '10.20.0.0/16' }], gateway: '10.20.0.1' },
  ],
  default_interface: 'eth0', source: 'bench', detected_at: '',
};

function configOf(n: number) {
  return validateConfig({
    runtimes: Array.from({ length: n }, (_, i) => ({
      name: `rt${i}`, image: 'local/busybox:latest',
      vnics: [{ name: 'lan', parent_interface: 'eth0' }, { name: 'ot', parent_interface: 'eth1' }],
    })),
  });
}

function time(n: number): number {
  const config = configOf(n);
  const out = mkdtempSync(path.join(tmpdir(), 'edgenet-bench-'));
  const start = process.hrtime.bigint();
  synthesize(config, facts, out);
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  rmSync(out, { recursive: true, force: true });
  return ms;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const rounds = Number(process.env.BENCH_ROUNDS ?? 7);
time(1); // warm-up: module loading and JIT
const small: number[] = [];
const large: number[] = [];
for (let r = 0; r < rounds; r++) {
  small.push(time(1));
  large.push(time(200));
}
process.stdout.write(`synth, ${rounds} alternating rounds, medians:\n`);
process.stdout.write(`  1 runtime   x 2 vNICs: ${median(small).toFixed(1)} ms\n`);
process.stdout.write(`  200 runtimes x 2 vNICs: ${median(large).toFixed(1)} ms\n`);
process.stdout.write(`  ratio 200/1: ${(median(large) / median(small)).toFixed(1)}x\n`);
