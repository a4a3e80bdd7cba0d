import { promises as fs } from 'fs';
import * as path from 'path';
import { LinkObservation, SysfsObservation } from '../../core/doctor/observations';
import { readOrUndefined } from '../facts/kernel-modules';
import { exists, wirelessInterfaces } from '../facts/sysfs-wireless';

/** How the links a doctor run asks about stand in sysfs: `<root>/sys/class/net/<name>/...`. */

const text = async (file: string): Promise<string | undefined> => (await readOrUndefined(file))?.trim();

/** The name a sysfs link points at (`master -> ../br0`, `device/driver -> .../virtio_net`). */
async function linkTarget(file: string): Promise<string | undefined> {
  try {
    return path.basename(await fs.readlink(file));
  } catch {
    return undefined;
  }
}

async function entries(dir: string): Promise<string[]> {
  try {
    return await fs.readdir(dir);
  } catch {
    return [];
  }
}

async function masterOf(sysClassNet: string, name: string): Promise<LinkObservation['master']> {
  const master = await linkTarget(path.join(sysClassNet, name, 'master'));
  if (master === undefined) return undefined;
  const kind = (await exists(path.join(sysClassNet, master, 'bridge')))
    ? 'bridge'
    : (await exists(path.join(sysClassNet, master, 'bonding')))
      ? 'bond'
      : 'other';
  return { name: master, kind };
}

/** The links below a bridge (its ports, `brif/`) or a bond or VLAN (`lower_<name>`). */
async function lowerOf(sysClassNet: string, name: string): Promise<string[]> {
  const dir = path.join(sysClassNet, name);
  const lower = (await entries(dir)).filter((e) => e.startsWith('lower_')).map((e) => e.slice('lower_'.length));
  return [...new Set([...(await entries(path.join(dir, 'brif'))), ...lower])];
}

const driverOf = (sysClassNet: string, name: string) => linkTarget(path.join(sysClassNet, name, 'device', 'driver'));

async function observeLink(sysClassNet: string, name: string, wireless: ReadonlySet<string>): Promise<LinkObservation> {
  const dir = path.join(sysClassNet, name);
  if (!(await exists(dir))) return { name, exists: false, bondPort: false, wireless: false, lower: [] };
  const flags = await text(path.join(dir, 'flags'));
  const carrier = await text(path.join(dir, 'carrier'));
  const operstate = await text(path.join(dir, 'operstate'));
  const master = await masterOf(sysClassNet, name);
  const driver = await driverOf(sysClassNet, name);
  const lower = await Promise.all(
    (await lowerOf(sysClassNet, name)).map(async (l) => ({ name: l, driver: await driverOf(sysClassNet, l) })),
  );
  return {
    name,
    exists: true,
    ...(operstate !== undefined ? { operstate: operstate.toLowerCase() } : {}),
    // IFF_UP is bit 0 of the hex flags.
    ...(flags !== undefined && /^0x[0-9a-f]+$/i.test(flags) ? { adminUp: (parseInt(flags, 16) & 1) === 1 } : {}),
    ...(carrier !== undefined ? { carrier: carrier === '1' } : {}),
    ...(master !== undefined ? { master } : {}),
    bondPort: await exists(path.join(dir, 'bonding_slave')),
    wireless: wireless.has(name),
    ...(driver !== undefined ? { driver } : {}),
    lower: lower.map((l) => (l.driver === undefined ? { name: l.name } : { name: l.name, driver: l.driver })),
  };
}

/** The named links under `<root>/sys/class/net`; none of it fails, an unreadable /sys says so instead. */
export async function observeLinks(names: readonly string[], root = '/'): Promise<SysfsObservation> {
  const sysClassNet = path.join(root, 'sys', 'class', 'net');
  let readable = true;
  try {
    await fs.readdir(sysClassNet);
  } catch {
    readable = false;
  }
  const wireless = await wirelessInterfaces(sysClassNet);
  const links = await Promise.all(names.map((n) => observeLink(sysClassNet, n, wireless)));
  return { readable, links: new Map(links.map((l) => [l.name, l])) };
}
