import { NamespacedLan, removeLeftovers } from '../scripts/testbed/lan';
import { ENGINE, removeDockerLeftovers } from '../scripts/testbed/env';
import { removeOrRestart } from './cleanup';
import { benchEngine } from './engine-bench';
import { benchMemory } from './memory-bench';
import { benchMove } from './move-bench';
import { benchReact } from './react-bench';
import { progress } from './stats';
import { benchSynth } from './synth-bench';

/** BENCH_MOVE_SIZES: the runtime counts of the move benchmarks. */
const moveSizes = () => (process.env.BENCH_MOVE_SIZES ?? '1,10,25').split(',').map(Number);

/**
 * `npm run bench`: every benchmark, side by side in one run, on the real test bed.
 * BENCH_ROUNDS (default 3) sets the rounds / moves per size; BENCH_ONLY=synth|engine|move|memory
 * runs one part; BENCH_ENGINE=29 runs the engine parts on the test bed's Docker Engine 29
 * (default: Engine 20.10). BENCH_ONLY=react: the move with each system's own monitor.
 */
async function main(): Promise<void> {
  const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
  const only = process.env.BENCH_ONLY;
  const sections: string[] = [];
  if (!only || only === 'synth') sections.push(await benchSynth([1, 10, 50, 200], rounds));
  if (!only || only === 'engine' || only === 'move' || only === 'memory' || only === 'react') {
    await removeLeftovers();
    await removeOrRestart(removeDockerLeftovers);
    const lan = new NamespacedLan('bnch');
    await lan.up('10.91.0');
    await lan.defaultRoute();
    try {
      if (!only || only === 'engine') sections.push(await benchEngine(lan, [1, 10, 50], rounds));
      if (!only || only === 'move') {
        const move = await benchMove(lan, moveSizes(), rounds);
        sections.push(move.table, move.breakdown, move.memory);
      }
      if (!only || only === 'react') sections.push(await benchReact(lan, moveSizes(), rounds));
      if (!only || only === 'memory') sections.push(await benchMemory(lan));
    } finally {
      await lan.down();
    }
  }
  progress(`done (Docker Engine ${ENGINE})`);
  process.stdout.write(`${sections.join('\n\n')}\n`);
}

main().catch((err) => {
  process.stderr.write(`bench failed: ${(err as Error).stack}\n`);
  process.exit(1);
});
