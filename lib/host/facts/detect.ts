import execa from 'execa';
import { promises as fs } from 'fs';
import * as path from 'path';
import { EdgenetError } from '../../core/errors';
import { applyOverride, readOverride } from '../../core/facts/override';
import { buildFacts } from '../../core/facts/proc';
import { HostFacts } from '../../core/facts/types';
import { DockerApi } from '../docker/docker-api';
import { listLanNetworks } from '../docker/lan-networks';
import { detectKernel, KernelPaths, kernelPathsUnder } from './kernel-modules';
import { SYS_CLASS_NET, wirelessInterfaces } from './sysfs-wireless';

/** The only place that reads the host to learn its network facts. */

export interface DetectOptions {
  /**
   * Read `net/route`, `net/dev`, `ip-addr.json` and `sys/class/net/` under this directory
   * instead of /proc, `ip -j addr` and /sys/class/net (fixtures, or a copy taken from another host);
   * for the kernel's drivers, `config.gz`, `sys/kernel/osrelease`, `sys/module/` and `lib/modules/`.
   */
  readonly procRoot?: string;
  /** Environment holding the NETWORK_* overrides. @default process.env */
  readonly env?: NodeJS.ProcessEnv;
  /** Ask this Docker engine for existing macvlan networks. @default - not asked */
  readonly dockerHost?: string;
  /** Clock, for tests. @default - the current time */
  readonly now?: () => Date;
}

/** Name of the `ip -j addr` capture that `--proc-root` fixtures carry beside net/. */
export const IP_ADDR_FIXTURE = 'ip-addr.json';

async function readText(file: string): Promise<string> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch (err) {
    throw new EdgenetError(`${file}: cannot read: ${(err as Error).message}`);
  }
}

async function ipAddrJson(procRoot: string | undefined): Promise<string> {
  if (procRoot !== undefined) return readText(path.join(procRoot, IP_ADDR_FIXTURE));
  try {
    return (await execa('ip', ['-j', 'addr'])).stdout;
  } catch (err) {
    throw new EdgenetError(`ip -j addr failed (iproute2 is needed for detection): ${(err as Error).message}`);
  }
}

/** Under a --proc-root, the kernel's files sit where the /proc and /sys files of detection do. */
async function kernelPathsOf(procRoot: string | undefined): Promise<KernelPaths> {
  if (procRoot === undefined) return kernelPathsUnder('/');
  const release = (await fs.readFile(path.join(procRoot, 'sys', 'kernel', 'osrelease'), 'utf8').catch(() => '')).trim();
  return {
    sysModule: path.join(procRoot, 'sys', 'module'),
    configGz: path.join(procRoot, 'config.gz'),
    libModules: path.join(procRoot, 'lib', 'modules'),
    ...(release !== '' ? { release } : {}),
  };
}

export async function detectFacts(options: DetectOptions = {}): Promise<HostFacts> {
  const override = readOverride(options.env ?? process.env);
  const root = options.procRoot ?? '/proc';
  const routeFile = path.join(root, 'net', 'route');
  const devFile = path.join(root, 'net', 'dev');
  const sysClassNet = options.procRoot === undefined ? SYS_CLASS_NET : path.join(options.procRoot, 'sys', 'class', 'net');
  const facts = buildFacts({
    procNetRoute: await readText(routeFile),
    procNetDev: await readText(devFile),
    ipAddrJson: await ipAddrJson(options.procRoot),
    wirelessInterfaces: [...(await wirelessInterfaces(sysClassNet))],
    detectedAt: (options.now ?? (() => new Date()))().toISOString(),
    sources: {
      procNetRoute: routeFile,
      procNetDev: devFile,
      ipAddrJson: options.procRoot === undefined ? 'ip -j addr' : path.join(options.procRoot, IP_ADDR_FIXTURE),
    },
  });
  const kernel = await detectKernel(await kernelPathsOf(options.procRoot));
  const withKernel = kernel ? { ...facts, kernel } : facts;
  const withOverride = override ? applyOverride(withKernel, override) : withKernel;
  if (options.dockerHost === undefined) return withOverride;
  return { ...withOverride, docker_networks: await listLanNetworks(new DockerApi(options.dockerHost)) };
}
