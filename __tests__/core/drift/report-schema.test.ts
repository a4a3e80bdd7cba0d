import { readFileSync } from 'fs';
import * as path from 'path';
import { driftExitCode, driftJsonSchema, DriftReportJsonSchema, fleetDriftReport } from '../../../lib/core/drift/report-schema';
import { ROOT } from '../../paths';

const finding = { address: 'docker_container.a', source: 'engine' as const, action: 'disconnected', detail: 'x' };

describe('drift report', () => {
  test('exit 0 when every host is clean, 2 when any drifted, 1 when any could not be checked', () => {
    const clean = { host: 'a', stack: 'a', drifted: false, findings: [] };
    const drifted = { host: 'b', stack: 'b', drifted: true, findings: [finding] };
    const failed = { host: 'c', stack: 'c', drifted: false, findings: [], error: 'ssh: connect refused' };
    expect(driftExitCode(fleetDriftReport([clean]))).toBe(0);
    expect(driftExitCode(fleetDriftReport([clean, drifted]))).toBe(2);
    expect(driftExitCode(fleetDriftReport([drifted, failed]))).toBe(1);
    expect(fleetDriftReport([clean, drifted]).findings).toEqual([{ ...finding, host: 'b' }]);
  });

  test('what edgenet prints validates against its own schema', () => {
    const report = fleetDriftReport([{ host: 'a', stack: 'a', drifted: true, findings: [finding] }]);
    expect(DriftReportJsonSchema.safeParse(report).success).toBe(true);
  });

  test('fails when the committed schema/drift.schema.json is not what the report schema generates (run `npm run schema`)', () => {
    expect(JSON.parse(readFileSync(path.join(ROOT, 'schema', 'drift.schema.json'), 'utf8'))).toEqual(driftJsonSchema());
  });
});
