import { promises as fs } from 'fs';
import * as path from 'path';

/** Where the kernel lists network links; detection and netmon read it unless told otherwise. */
export const SYS_CLASS_NET = '/sys/class/net';

/** Whether `file` is there; a link counts, wherever it points. */
export async function exists(file: string): Promise<boolean> {
  try {
    // lstat: on a real host phy80211 is a symlink to the wiphy; its presence is what counts.
    await fs.lstat(file);
    return true;
  } catch {
    return false;
  }
}

/**
 * The links sysfs marks as wireless (a `wireless` directory or a `phy80211` link under
 * `<sysClassNet>/<name>`). A missing or unreadable directory marks none: where /sys is not
 * there (a container without it, a fixture without it) the name is left to decide.
 */
export async function wirelessInterfaces(sysClassNet: string = SYS_CLASS_NET): Promise<Set<string>> {
  let names: string[];
  try {
    names = await fs.readdir(sysClassNet);
  } catch {
    return new Set();
  }
  const marked = await Promise.all(
    names.map(async (name) =>
      (await exists(path.join(sysClassNet, name, 'wireless'))) || (await exists(path.join(sysClassNet, name, 'phy80211')))
        ? name
        : undefined,
    ),
  );
  return new Set(marked.filter((name): name is string => name !== undefined));
}
