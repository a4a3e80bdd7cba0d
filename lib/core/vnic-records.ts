import { EdgeModel } from './model/types';

/**
 * runtime_vnics.json: the vNICs each runtime was last applied with, by runtime name, with
 * the reference agent's field names. Taken from the model that was applied, so it is
 * exactly what the engine was given.
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

export function vnicRecords(model: EdgeModel): RuntimeVnics {
  const result: Record<string, { vnics: VnicRecord[] }> = {};
  for (const runtime of [...model.runtimes].sort((a, b) => a.name.localeCompare(b.name))) {
    const dns = runtime.dns.map(String);
    result[runtime.name] = {
      vnics: runtime.vnics.map((v) => ({
        name: v.name,
        network: v.network.name,
        parent_interface: v.network.parentInterface,
        parent_subnet: v.network.subnet.toString(),
        parent_gateway: v.network.gateway.toString(),
        network_mode: v.mode,
        ip: v.ipv4?.toString() ?? null,
        mac_address: v.mac?.toString() ?? null,
        subnet: v.network.subnet.toString(),
        gateway: v.network.gateway.toString(),
        dns,
      })),
    };
  }
  return result;
}
