import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { NamespacedLan } from '../scripts/testbed/lan';
import { edgenet, env } from '../scripts/testbed/env';
import { destroyStack } from './cleanup';
import { median, progress, ratio, table, timed } from './stats';
import { runtimesConfig } from './workload';

async function cli(args: string[]): Promise<number> {
  const { ms, value } = await timed(() => edgenet(args));
  if (value.exitCode !== 0) throw new Error(`edgenet ${args.join(' ')} failed:\n${value.stderr.slice(-3000)}`);
  return ms;
}

/**
 * Plan, apply and a no-op plan of N runtimes (1 vNIC each on the namespaced LAN,
 * plus their internal networks) through `edgenet`, against the real engine and dockerd.
 * `init` runs once per stack before the timed steps.
 */
export async function benchEngine(lan: NamespacedLan, sizes: readonly number[], rounds: number): Promise<string> {
  const work = mkdtempSync(path.join(tmpdir(), 'edgenet-bench-engine-'));
  const factsFile = path.join(work, 'facts.json');
  const steps = ['plan', 'apply', 'noop'] as const;
  const results = new Map(
    sizes.map((n) => [n, Object.fromEntries(steps.map((s) => [s, [] as number[]])) as Record<(typeof steps)[number], number[]>]),
  );
  try {
    await cli(['facts', '--json', '--out', factsFile]);
    for (let round = 1; round <= rounds; round += 1) {
      for (const n of sizes) {
        progress(`engine round ${round}/${rounds}, ${n} runtimes`);
        const configFile = path.join(work, `config-${n}.json`);
        writeFileSync(configFile, JSON.stringify(runtimesConfig(n, [lan.parent], { stack: `bench${n}`, docker_host: env.DOCKER_HOST })));
        const outParent = path.join(work, `out-${n}`);
        const args = ['--config', configFile, '--facts', factsFile, '--out', path.join(outParent, 'cdktf.out')];
        await cli(['plan', ...args]); // init + provider start-up, once per stack
        const r = results.get(n)!;
        r.plan.push(await cli(['plan', ...args]));
        r.apply.push(await cli(['apply', '--auto-approve', ...args]));
        r.noop.push(await cli(['plan', ...args]));
        await destroyStack(args, outParent); // not timed: see destroyStack
      }
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  const base = median(results.get(sizes[0])!.plan);
  const rows = sizes.map((n) => {
    const r = results.get(n)!;
    return [String(n), ...steps.map((s) => ratio(median(r[s]), base))];
  });
  return [
    `Engine via \`edgenet\` (synth + terraform), ${rounds} rounds, medians; first plan of 1 runtime = 1.00x.`,
    table(['runtimes', 'plan (empty state)', 'apply', 'no-op plan after apply'], rows),
  ].join('\n');
}
