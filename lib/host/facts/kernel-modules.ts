import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { promisify } from 'util';
import { gunzip } from 'zlib';
import { KERNEL_LAN_DRIVERS, kernelFact, KernelLanDriver, ModuleSources } from '../../core/doctor/kernel-modules';
import { KernelFact } from '../../core/facts/types';
import { exists } from './sysfs-wireless';

/** Where the kernel shows which modules it has; any of them may be missing (containers, minimal hosts). */
export interface KernelPaths {
  /** `/sys/module`: a directory per loaded module (and per built-in one with parameters). */
  readonly sysModule: string;
  /** The kernel's build config, gzipped: `/proc/config.gz` (CONFIG_IKCONFIG_PROC). */
  readonly configGz?: string;
  /** `/lib/modules`, holding `<release>/modules.builtin` and `<release>/modules.dep`. */
  readonly libModules: string;
  /** `/boot`, holding `config-<release>` where the distribution installs it. */
  readonly boot?: string;
  /** The running kernel's release (`uname -r`); undefined when it cannot be read. */
  readonly release?: string;
}

/** This machine's: the files under `root` (`/` unless a fixture tree stands in for the machine). */
export async function kernelPathsUnder(root = '/'): Promise<KernelPaths> {
  const release = (await readOrUndefined(path.join(root, 'proc', 'sys', 'kernel', 'osrelease')))?.trim();
  return {
    sysModule: path.join(root, 'sys', 'module'),
    configGz: path.join(root, 'proc', 'config.gz'),
    libModules: path.join(root, 'lib', 'modules'),
    boot: path.join(root, 'boot'),
    release: release || (root === '/' ? os.release() : undefined),
  };
}

/** A file's text, or undefined when it cannot be read: what the kernel shows varies from host to host. */
export async function readOrUndefined(file: string): Promise<string | undefined> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch {
    return undefined;
  }
}

async function kernelConfig(paths: KernelPaths): Promise<string | undefined> {
  if (paths.configGz !== undefined) {
    try {
      return (await promisify(gunzip)(await fs.readFile(paths.configGz))).toString('utf8');
    } catch {
      // Not there or not gzip: the distribution's copy in /boot may be.
    }
  }
  if (paths.boot === undefined || paths.release === undefined) return undefined;
  return readOrUndefined(path.join(paths.boot, `config-${paths.release}`));
}

/**
 * Whether the kernel has macvlan and ipvlan; undefined when it cannot be told. Never fails:
 * an unreadable /sys, /proc or /lib/modules only leaves less to go on.
 */
export async function detectKernel(paths: KernelPaths): Promise<KernelFact | undefined> {
  const config = await kernelConfig(paths);
  const lists = paths.release === undefined ? undefined : path.join(paths.libModules, paths.release);
  const modulesBuiltin = lists === undefined ? undefined : await readOrUndefined(path.join(lists, 'modules.builtin'));
  const modulesDep = lists === undefined ? undefined : await readOrUndefined(path.join(lists, 'modules.dep'));
  const sources = async (name: KernelLanDriver): Promise<ModuleSources> => ({
    loaded: await exists(path.join(paths.sysModule, name)),
    ...(config !== undefined ? { config } : {}),
    ...(modulesBuiltin !== undefined ? { modulesBuiltin } : {}),
    ...(modulesDep !== undefined ? { modulesDep } : {}),
  });
  const drivers = Object.keys(KERNEL_LAN_DRIVERS) as KernelLanDriver[];
  const read = await Promise.all(drivers.map(async (name) => [name, await sources(name)] as const));
  return kernelFact(Object.fromEntries(read) as Record<KernelLanDriver, ModuleSources>);
}
