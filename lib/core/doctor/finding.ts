/**
 * What `edgenet doctor` reports: one finding per check and subject, each saying what was found
 * and what to do. The checks are pure functions from observations (lib/host/doctor reads them)
 * to findings; this file is their common shape and its two renderings.
 */

/** `ok`: nothing to do; `warning`: works, with a trap worth knowing; `blocking`: plan or apply will fail, or runtimes will not be reached. */
export const DOCTOR_STATUSES = ['ok', 'warning', 'blocking'] as const;
export type DoctorStatus = (typeof DOCTOR_STATUSES)[number];

/** The checks, in the order they are reported (README, "Doctor", says what each looks at). */
export const DOCTOR_CHECKS = [
  'parent',
  'parent-port',
  'wifi',
  'kernel',
  'vswitch',
  'engine',
  'host-access',
  'netmon',
  'providers',
] as const;
export type DoctorCheck = (typeof DOCTOR_CHECKS)[number];

export interface Finding {
  readonly check: DoctorCheck;
  readonly status: DoctorStatus;
  /** What the finding is about: an interface, `macvlan`, the engine's URL, a socket, a provider. */
  readonly subject: string;
  /** What was found, in words. */
  readonly found: string;
  /** What to do about it; empty when nothing is to be done. */
  readonly todo: string;
}

/** `--json`: every finding, and how many block. */
export interface DoctorReport {
  readonly checks: readonly Finding[];
  readonly blocking: number;
}

export function doctorReport(findings: readonly Finding[]): DoctorReport {
  const ordered = [...findings].sort((a, b) => DOCTOR_CHECKS.indexOf(a.check) - DOCTOR_CHECKS.indexOf(b.check));
  return { checks: ordered, blocking: ordered.filter((f) => f.status === 'blocking').length };
}

/** 0 when nothing blocks, 1 otherwise. */
export function doctorExitCode(report: DoctorReport): number {
  return report.blocking === 0 ? 0 : 1;
}

const STATUS_WIDTH = Math.max(...DOCTOR_STATUSES.map((s) => s.length));
const CHECK_WIDTH = Math.max(...DOCTOR_CHECKS.map((c) => c.length));

/** One line: `<status> <check> <subject>: <found>[; <todo>]`. */
export function describeFinding(finding: Finding): string {
  const todo = finding.todo === '' ? '' : `; ${finding.todo}`;
  return `${finding.status.padEnd(STATUS_WIDTH)} ${finding.check.padEnd(CHECK_WIDTH)} ${finding.subject}: ${finding.found}${todo}`;
}

/** The text report: a line per finding, then the count. */
export function describeReport(report: DoctorReport): string {
  const warnings = report.checks.filter((f) => f.status === 'warning').length;
  const verdict = report.blocking === 0 ? 'nothing blocks' : 'plan, apply or the runtimes will fail until the blocking lines are fixed';
  return [...report.checks.map(describeFinding), `${report.blocking} blocking, ${warnings} warning(s): ${verdict}`].join('\n');
}
