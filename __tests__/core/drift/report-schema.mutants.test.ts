import { fleetDriftReport } from '../../../lib/core/drift/report-schema';

describe('fleetDriftReport', () => {
  test('fails when the report does not list every host checked, in order, with its own findings and error', () => {
    const finding = { address: 'docker_container.a', source: 'engine' as const, action: 'stopped', detail: 'container rt1 is exited' };
    const hosts = [
      { host: 'line1', stack: 'line1', drifted: true, findings: [finding] },
      { host: 'line2', stack: 'line2', drifted: false, findings: [], error: 'ssh: connect refused' },
    ];
    expect(fleetDriftReport(hosts).hosts).toEqual(hosts);
  });
});
