import { KernelFact } from '../facts/types';

/**
 * Whether the kernel has a LAN driver, from what the host shows of it. Pure: lib/host reads
 * the files (lib/host/facts/kernel-modules.ts) and hands their text here.
 */

/** The LAN drivers edgenet's networks need from the kernel, with their kernel config options. */
export const KERNEL_LAN_DRIVERS = { macvlan: 'CONFIG_MACVLAN', ipvlan: 'CONFIG_IPVLAN' } as const;
export type KernelLanDriver = keyof typeof KERNEL_LAN_DRIVERS;

/** What the host shows of one module; a text is undefined where its file could not be read. */
export interface ModuleSources {
  /** `/sys/module/<name>` exists: the module is loaded, or built in with parameters. */
  readonly loaded: boolean;
  /** The kernel's build config (`/proc/config.gz` unpacked, or `/boot/config-<release>`). */
  readonly config?: string;
  /** `/lib/modules/<release>/modules.builtin`. */
  readonly modulesBuiltin?: string;
  /** `/lib/modules/<release>/modules.dep`. */
  readonly modulesDep?: string;
}

/** A module file's line in modules.builtin or modules.dep: `kernel/drivers/net/macvlan.ko[.xz|.zst|.gz][: deps]`. */
function listsModule(text: string, name: string): boolean {
  const line = new RegExp(`^(?:\\S*/)?${name}\\.ko(?:\\.[a-z]+)?(?::.*)?$`);
  return text.split('\n').some((l) => line.test(l.trim()));
}

/**
 * True when the kernel has the driver (loaded, built in, or a module it can load), false when
 * what was read rules it out, undefined when nothing readable can tell. The build config is
 * the kernel's own word (`=y` built in, `=m` a module); without it, the module lists of
 * /lib/modules are, since a module they do not list cannot be loaded by name.
 */
export function kernelHasModule(name: KernelLanDriver, sources: ModuleSources): boolean | undefined {
  if (sources.loaded) return true;
  if (sources.config !== undefined) return new RegExp(`^${KERNEL_LAN_DRIVERS[name]}=[ym]$`, 'm').test(sources.config);
  const lists = [sources.modulesBuiltin, sources.modulesDep].filter((t): t is string => t !== undefined);
  if (lists.length === 0) return undefined;
  return lists.some((text) => listsModule(text, name));
}

/** The facts' `kernel` field, or undefined (the field left out) when either driver cannot be told. */
export function kernelFact(sources: Readonly<Record<KernelLanDriver, ModuleSources>>): KernelFact | undefined {
  const macvlan = kernelHasModule('macvlan', sources.macvlan);
  const ipvlan = kernelHasModule('ipvlan', sources.ipvlan);
  return macvlan === undefined || ipvlan === undefined ? undefined : { macvlan, ipvlan };
}
