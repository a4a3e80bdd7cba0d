import { detectDrift } from '../../app/drift';
import { driftExitCode, DriftReportJson, fleetDriftReport, HostDrift } from '../../core/drift/report-schema';
import { EdgenetError, EngineError } from '../../core/errors';
import { engineFor } from '../../app/engine-for-stack';
import { progress, Values } from '../options';
import { synthFromOptions } from '../stack';

/** `edgenet drift`: every selected host checked; exit 0 clean, 2 drift on any host, 1 when a host could not be checked. */
export async function driftCommand(values: Values): Promise<number> {
  const stacks = await synthFromOptions(values);
  const hosts: HostDrift[] = [];
  for (const stack of stacks) {
    const host = { host: stack.model.host.name, stack: stack.model.stack };
    try {
      const report = await detectDrift(engineFor(stack, { command: 'drift', progress }), stack);
      hosts.push({ ...host, drifted: report.drifted, findings: [...report.findings] });
    } catch (err) {
      if (!(err instanceof EdgenetError)) throw err;
      const detail = err instanceof EngineError ? err.summary : err.message;
      hosts.push({ ...host, drifted: false, findings: [], error: detail });
    }
  }
  const report = fleetDriftReport(hosts);
  process.stdout.write(values.json ? `${JSON.stringify(report, null, 2)}\n` : `${formatDriftTable(report)}\n`);
  return driftExitCode(report);
}

export function formatDriftTable(report: DriftReportJson): string {
  const lines: string[] = [];
  for (const host of report.hosts) {
    const name = report.hosts.length > 1 ? `host ${host.host}: ` : '';
    if (host.error !== undefined) lines.push(`${name}could not be checked: ${host.error}`);
    else if (!host.drifted) lines.push(`${name}No drift: the engine matches the state and the synthesized intent.`);
    else {
      if (name) lines.push(`${name}drift`);
      const rows = host.findings.map((f) => [f.address, f.source, f.action, f.detail]);
      const header = ['RESOURCE', 'SEEN BY', 'ACTION', 'DETAIL'];
      const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
      const line = (cols: string[]) => cols.map((c, i) => (i === cols.length - 1 ? c : c.padEnd(widths[i]))).join('  ');
      lines.push(line(header), ...rows.map(line));
    }
  }
  return lines.join('\n');
}
