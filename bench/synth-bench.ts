import execa from 'execa';
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { synthesize } from '../lib/app/synth';
import { median, progress, ratio, table, timed } from './stats';
import { runtimesConfig, TWO_LAN_FACTS, validRuntimes } from './workload';

const ROOT = path.resolve(__dirname, '..', '..');

/**
 * Synth of N runtimes x 2 vNICs three ways, interleaved in each round: in-process
 * (what the watcher does), the app as a process (`node dist/main.js`), and `cdktf synth`
 * (which also runs the app's build step, as cdktf.json says).
 */
export async function benchSynth(sizes: readonly number[], rounds: number): Promise<string> {
  const work = mkdtempSync(path.join(tmpdir(), 'edgenet-bench-synth-'));
  const factsFile = path.join(work, 'facts.json');
  writeFileSync(factsFile, JSON.stringify(TWO_LAN_FACTS));
  const results = new Map(sizes.map((n) => [n, { direct: [] as number[], app: [] as number[], cdktf: [] as number[] }]));
  try {
    synthesize(validRuntimes(1, ['eth0', 'eth1']), TWO_LAN_FACTS, path.join(work, 'warm')); // module load and JIT
    for (let round = 1; round <= rounds; round += 1) {
      for (const n of sizes) {
        progress(`synth round ${round}/${rounds}, ${n} runtimes`);
        const configFile = path.join(work, `config-${n}.json`);
        writeFileSync(configFile, JSON.stringify(runtimesConfig(n, ['eth0', 'eth1'])));
        const config = validRuntimes(n, ['eth0', 'eth1']);
        const r = results.get(n)!;
        r.direct.push((await timed(() => synthesize(config, TWO_LAN_FACTS, path.join(work, `direct-${n}`)))).ms);
        const env = { ...process.env, EDGENET_CONFIG: configFile, EDGENET_FACTS: factsFile, CHECKPOINT_DISABLE: '1' };
        r.app.push(
          (
            await timed(() =>
              execa('node', [path.join(ROOT, 'dist', 'main.js')], {
                cwd: work,
                env: { ...env, CDKTF_OUTDIR: path.join(work, `app-${n}`) },
              }),
            )
          ).ms,
        );
        r.cdktf.push(
          (await timed(() => execa('npx', ['cdktf', 'synth', '--output', path.join(work, `cdktf-${n}`)], { cwd: ROOT, env }))).ms,
        );
      }
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  const base = median(results.get(sizes[0])!.direct);
  const rows = sizes.map((n) => {
    const r = results.get(n)!;
    const [direct, app, cdktf] = [median(r.direct), median(r.app), median(r.cdktf)];
    return [String(n), ratio(direct, base), ratio(app, direct), ratio(cdktf, direct)];
  });
  return [
    `Synth, ${rounds} interleaved rounds, medians; in-process synth of 1 runtime = 1.00x.`,
    table(['runtimes (x2 vNICs)', 'in-process vs 1 runtime', 'node dist/main.js / in-process', 'cdktf synth / in-process'], rows),
  ].join('\n');
}
