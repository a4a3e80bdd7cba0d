import { detectDrift } from '../../app/drift';
import { DriftReport } from '../../core/drift/findings';
import { Engine } from '../../host/engine/engine';
import { progress, Values } from '../options';
import { synthFromOptions } from '../stack';

/** `edgenet drift`: exit 0 clean, 2 drift; a table, or JSON with --json. */
export async function driftCommand(values: Values): Promise<number> {
  const stack = await synthFromOptions(values);
  const report = await detectDrift(new Engine({ cwd: stack.dir, progress }), stack);
  process.stdout.write(values.json ? `${JSON.stringify(report, null, 2)}\n` : `${formatDriftTable(report)}\n`);
  return report.drifted ? 2 : 0;
}

export function formatDriftTable(report: DriftReport): string {
  if (!report.drifted) return 'No drift: the engine matches the state and the synthesized intent.';
  const rows = report.findings.map((f) => [f.address, f.source, f.action, f.detail]);
  const header = ['RESOURCE', 'SEEN BY', 'ACTION', 'DETAIL'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cols: string[]) => cols.map((c, i) => (i === cols.length - 1 ? c : c.padEnd(widths[i]))).join('  ');
  return [line(header), ...rows.map(line)].join('\n');
}
