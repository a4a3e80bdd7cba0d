import { VNICS_LABEL } from './naming';

/**
 * runtime_vnics.json: the vNICs each runtime was last applied with, by runtime
 * name. Read from the synthesized containers' `io.edgenet.vnics` labels, so it is exactly
 * what the engine was given.
 */

export interface VnicRecord {
  readonly name: string;
  readonly network: string;
  readonly parent_interface: string;
  readonly parent_subnet: string;
  readonly parent_gateway: string;
  readonly network_mode: string;
  readonly ip: string | null;
  /** The reference agent's static-mode fields, the same values as parent_subnet / parent_gateway. */
  readonly subnet: string;
  readonly gateway: string;
  readonly dns: readonly string[];
  readonly mac_address: string | null;
}

export type RuntimeVnics = Record<string, { readonly vnics: readonly VnicRecord[] }>;

export function vnicsFromSynth(tfJson: any): RuntimeVnics {
  const result: Record<string, { vnics: VnicRecord[] }> = {};
  const containers = Object.values<any>(tfJson?.resource?.docker_container ?? {});
  for (const container of containers.sort((a, b) => String(a.name).localeCompare(String(b.name)))) {
    const label = (container.labels ?? []).find((l: any) => l.label === VNICS_LABEL);
    if (!label) continue; // not a runtime (the netmon sidecar)
    const dns: string[] = container.dns ?? [];
    result[container.name] = {
      vnics: JSON.parse(label.value).map((v: any) => ({ ...v, subnet: v.parent_subnet, gateway: v.parent_gateway, dns })),
    };
  }
  return result;
}
