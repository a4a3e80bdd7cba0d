import { NamespacedLan } from '../scripts/testbed/lan';
import { DEFAULT_DEBOUNCE_MS, DEFAULT_SETTLE_MS } from '../lib/cli/commands/netmon';
import { benchMove } from './move-bench';

/**
 * `BENCH_ONLY=react`: the subnet move end to end, each system with its own monitor. edgenet:
 * netmon with its defaults (a complete change once quiet for the settle) and the watcher;
 * the imperative agent: the same netmon with `--settle 3`, the reference's fixed 3 s
 * debounce. The machinery (LAN, contenders, probes, the engine's connects counted) is
 * move-bench's; moves start a debounce and a second apart, so that netmon's flap rule (an
 * interface that reported within the debounce waits the debounce) is not what is measured.
 */
export async function benchReact(lan: NamespacedLan, sizes: readonly number[], moves: number): Promise<string> {
  const settle = DEFAULT_SETTLE_MS / 1000;
  const debounce = DEFAULT_DEBOUNCE_MS / 1000;
  const results = await benchMove(lan, sizes, moves, {
    netmonArgs: { edgenet: [], imperative: ['--settle', String(debounce)] },
    monitors: `each contender's own netmon: edgenet's with its defaults (${settle} s settle, ${debounce} s debounce), the imperative agent's with --settle ${debounce} (the reference's fixed ${debounce} s debounce)`,
    minMoveGapMs: DEFAULT_DEBOUNCE_MS + 1000,
  });
  return [results.table, results.breakdown].join('\n\n');
}
