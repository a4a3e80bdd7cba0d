import { z } from 'zod';

/**
 * `edgenet drift --json`: the report CI jobs read and keep. Written once here; its JSON
 * Schema is schema/drift.schema.json (`npm run schema`).
 */

export const FindingSchema = z
  .object({
    address: z.string().meta({ description: 'Terraform address, e.g. docker_container.Runtimes_rt1_Container_0C0AE5C6' }),
    source: z
      .enum(['state', 'engine'])
      .meta({ description: "state: the engine's refresh saw it; engine: edgenet's comparison with the Docker engine" }),
    action: z.string().meta({ description: 'e.g. delete, update, missing, disconnected, stopped, changed, extra-network' }),
    detail: z.string(),
  })
  .meta({ id: 'finding' });

export const HostDriftSchema = z
  .object({
    host: z.string().meta({ description: "the host's name in the config (the stack's, without hosts)" }),
    stack: z.string(),
    drifted: z.boolean(),
    findings: z.array(FindingSchema),
    error: z.string().optional().meta({ description: 'why this host could not be checked (the run then exits 1)' }),
  })
  .meta({ id: 'host_drift' });

export const DriftReportJsonSchema = z
  .object({
    version: z.literal(1),
    drifted: z.boolean().meta({ description: 'any host drifted (exit code 2)' }),
    failed: z.boolean().meta({ description: 'some host could not be checked (exit code 1)' }),
    hosts: z.array(HostDriftSchema),
    findings: z.array(FindingSchema.extend({ host: z.string() })).meta({ description: "every host's findings, each naming its host" }),
  })
  .meta({ title: 'edgenet drift report', description: 'Output of `edgenet drift --json`.' });

export type HostDrift = z.output<typeof HostDriftSchema>;
export type DriftReportJson = z.output<typeof DriftReportJsonSchema>;

/** The report over every host checked; exit 1 beats 2 beats 0. */
export function fleetDriftReport(hosts: readonly HostDrift[]): DriftReportJson {
  return {
    version: 1,
    drifted: hosts.some((h) => h.drifted),
    failed: hosts.some((h) => h.error !== undefined),
    hosts: [...hosts],
    findings: hosts.flatMap((h) => h.findings.map((f) => ({ ...f, host: h.host }))),
  };
}

export function driftExitCode(report: DriftReportJson): number {
  return report.failed ? 1 : report.drifted ? 2 : 0;
}

export function driftJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(DriftReportJsonSchema, { target: 'draft-2020-12' });
}
