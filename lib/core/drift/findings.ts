import { Finding } from './intent';

/**
 * The provider reads many unset attributes back as [], {} or "" where the state
 * held null (and set elements gain zero-valued fields): not drift, only spelling.
 */
export function normalizeEmpty(value: unknown): unknown {
  if (Array.isArray(value)) {
    const items = value.map(normalizeEmpty).filter((v) => v !== undefined);
    return items.length > 0
      ? items
          .map((v) => JSON.stringify(v))
          .sort()
          .map((v) => JSON.parse(v))
      : undefined;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value)
      .map(([k, v]) => [k, normalizeEmpty(v)] as const)
      .filter(([, v]) => v !== undefined);
    return entries.length > 0 ? Object.fromEntries(entries.sort(([a], [b]) => (a < b ? -1 : 1))) : undefined;
  }
  return value === null || value === '' || value === 0 || value === false ? undefined : value;
}

/** Changed top-level attributes between two attribute maps, ignoring empty-value spelling. */
export function changedKeys(before: any, after: any): string[] {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  return [...keys].filter((k) => JSON.stringify(normalizeEmpty(before?.[k])) !== JSON.stringify(normalizeEmpty(after?.[k]))).sort();
}

/**
 * Attributes the engine reports that say nothing about intent: a container's `network_data`
 * lists the networks it is on, which network attachments change by design.
 */
export const READ_ONLY_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = { docker_container: ['network_data'] };

/** The engine's view: a refresh-only plan's resource_drift, as findings. */
export function findingsFromPlan(plan: any): Finding[] {
  const findings: Finding[] = [];
  for (const d of plan.resource_drift ?? []) {
    const actions: string[] = d.change?.actions ?? [];
    if (actions.includes('delete')) {
      findings.push({ address: d.address, source: 'state', action: 'delete', detail: 'gone from the engine' });
      continue;
    }
    const ignored = READ_ONLY_ATTRIBUTES[String(d.type)] ?? [];
    const keys = changedKeys(d.change?.before, d.change?.after).filter((k) => !ignored.includes(k));
    if (keys.length > 0)
      findings.push({ address: d.address, source: 'state', action: actions.join('+'), detail: `changed: ${keys.join(', ')}` });
  }
  return findings;
}

export interface DriftReport {
  readonly drifted: boolean;
  readonly findings: readonly Finding[];
}

/**
 * One report from both views, each thing said once: where edgenet's comparison names what is
 * off (an attachment disconnected), that replaces the refresh's bare "gone"; where it only
 * says missing, the refresh's finding stands.
 */
export function driftReport(fromState: readonly Finding[], fromEngine: readonly Finding[]): DriftReport {
  const precise = new Set(fromEngine.filter((f) => f.action !== 'missing').map((f) => f.address));
  const seen = new Set(fromState.map((f) => f.address));
  const findings = [
    ...fromState.filter((f) => !precise.has(f.address)),
    ...fromEngine.filter((f) => !(seen.has(f.address) && f.action === 'missing')),
  ];
  return { drifted: findings.length > 0, findings };
}

/**
 * What a replacement cannot fix, or must not: a missing container the plan creates anyway,
 * and an extra network, which is what every runtime shows between a LAN move and the apply
 * that detaches it (a restart for that would break continuity).
 */
const NOT_HEALED_BY_REPLACING: readonly string[] = ['missing', 'extra-network'];

/**
 * Containers the engine shows off their intent where the provider would not notice
 * (disconnected from or readdressed on a network the container itself owns, stopped):
 * `apply` replaces them.
 */
export function containersToReplace(findings: readonly Finding[]): string[] {
  const off = findings.filter(
    (f) => f.source === 'engine' && f.address.startsWith('docker_container.') && !NOT_HEALED_BY_REPLACING.includes(f.action),
  );
  return [...new Set(off.map((f) => f.address))].sort();
}
