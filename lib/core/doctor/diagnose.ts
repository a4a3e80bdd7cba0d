import { HostFacts, KernelFact } from '../facts/types';
import { DoctorReport, doctorReport, Finding } from './finding';
import { kernelCheck, engineCheck, netmonCheck } from './machine-checks';
import { EngineObservation, NetmonObservation, ProvidersObservation, SysfsObservation } from './observations';
import { hostAccessCheck, parentCheck, parentPortCheck, unplacedCheck, vswitchCheck, wifiCheck } from './parent-checks';
import { ParentsInUse } from './parents';
import { providerChecks } from './provider-checks';

/** Everything a doctor run observed; `diagnose` judges it. */
export interface DoctorObservations {
  readonly parents: ParentsInUse;
  /** Whether the parents came from a config (else from the facts' default interface). */
  readonly hasConfig: boolean;
  readonly facts: HostFacts;
  readonly sysfs: SysfsObservation;
  /** The facts' kernel field, else what this machine shows; undefined when nothing tells. */
  readonly kernel?: KernelFact;
  readonly engine: EngineObservation;
  readonly netmon: NetmonObservation;
  readonly providers: ProvidersObservation;
}

/**
 * Every check's findings, in check order. A parent that is not there gets its one blocking line;
 * the checks that read its link (port, vSwitch) have nothing to say of it.
 */
export function diagnose(o: DoctorObservations): DoctorReport {
  const findings: Finding[] = [];
  const unplaced = unplacedCheck(o.parents, o.hasConfig);
  if (unplaced) findings.push(unplaced);
  for (const use of o.parents.parents) {
    const link = o.sysfs.links.get(use.iface);
    const present = link?.exists === true ? link : undefined;
    findings.push(parentCheck(use, o.sysfs, o.facts));
    if (present) findings.push(parentPortCheck(use, present));
    findings.push(wifiCheck(use, present, o.facts, o.kernel));
    if (present) findings.push(vswitchCheck(use, present));
    const access = hostAccessCheck(use);
    if (access) findings.push(access);
  }
  findings.push(kernelCheck(o.parents.parents, o.kernel));
  findings.push(engineCheck(o.engine));
  findings.push(netmonCheck(o.netmon));
  findings.push(...providerChecks(o.providers));
  return doctorReport(findings);
}
