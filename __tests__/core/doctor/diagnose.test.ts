import { diagnose, DoctorObservations } from '../../../lib/core/doctor/diagnose';
import { describeFinding, describeReport, doctorExitCode, doctorReport, Finding } from '../../../lib/core/doctor/finding';
import { lanFacts } from '../../helpers';
import { link } from './link';

const eth0 = link();

function observations(extra: Partial<DoctorObservations> = {}): DoctorObservations {
  return {
    parents: { parents: [{ iface: 'eth0', driver: 'macvlan', driverReason: 'the host facts type eth0 ethernet', hostAccess: false }] },
    hasConfig: true,
    facts: lanFacts(),
    sysfs: { readable: true, links: new Map([['eth0', eth0]]) },
    kernel: { macvlan: true, ipvlan: true },
    engine: { url: 'unix:///var/run/docker.sock', addressedBy: 'the default', reachable: true, version: '29.1.0', apiVersion: '1.56' },
    netmon: { socket: '/var/orchestrator/netmon.sock', state: 'answering', interfaces: 1 },
    providers: {
      lock: { file: '/l', state: 'read', providers: [] },
      platform: 'linux_amd64',
      machine: 'linux x64',
      mirrors: [],
      mirrorsFrom: '',
      builds: [],
    },
    ...extra,
  };
}

describe('diagnose', () => {
  test('fails when a healthy wired parent does not get every check, in check order, with only the host-access warning', () => {
    const report = diagnose(observations());
    expect(report.checks.map((f) => `${f.check} ${f.status}`)).toEqual([
      'parent ok',
      'parent-port ok',
      'wifi ok',
      'kernel ok',
      'vswitch ok',
      'engine ok',
      'host-access warning',
      'netmon ok',
      'providers ok',
    ]);
    expect(report.blocking).toBe(0);
  });

  test('fails when a parent that is not there gets the checks that read its link, or is not blocking', () => {
    const report = diagnose(
      observations({
        parents: { parents: [{ iface: 'eth9', driver: 'macvlan', driverReason: '', hostAccess: false }] },
        sysfs: { readable: true, links: new Map([['eth9', { ...eth0, name: 'eth9', exists: false }]]) },
      }),
    );
    expect(report.checks.filter((f) => f.subject === 'eth9').map((f) => f.check)).toEqual(['parent', 'wifi', 'host-access']);
    expect(report.blocking).toBe(1);
  });
});

describe('the report', () => {
  const finding = (status: Finding['status']): Finding => ({
    check: 'parent',
    status,
    subject: 'eth0',
    found: 'x',
    todo: status === 'ok' ? '' : 'y',
  });

  test('fails when anything but a blocking finding makes the exit code 1', () => {
    expect(doctorExitCode(doctorReport([finding('ok'), finding('warning')]))).toBe(0);
    expect(doctorExitCode(doctorReport([finding('ok'), finding('blocking')]))).toBe(1);
  });

  test('fails when a line is not status, check, subject, what was found and what to do', () => {
    expect(describeFinding(finding('blocking'))).toBe('blocking parent      eth0: x; y');
    expect(describeFinding(finding('ok'))).toBe('ok       parent      eth0: x');
  });

  test('fails when the text report does not end with the counts', () => {
    expect(
      describeReport(doctorReport([finding('warning'), finding('blocking')]))
        .split('\n')
        .pop(),
    ).toBe('1 blocking, 1 warning(s): plan, apply or the runtimes will fail until the blocking lines are fixed');
    expect(
      describeReport(doctorReport([finding('ok')]))
        .split('\n')
        .pop(),
    ).toBe('0 blocking, 0 warning(s): nothing blocks');
  });
});
