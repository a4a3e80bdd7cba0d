import { promises as fs } from 'fs';
import { EdgenetError } from '../../lib/core/errors';

/** A group name or numeric id, as given to `--group`, as a gid (looked up in /etc/group). */
export async function resolveGroupId(nameOrId: string, groupFile = '/etc/group'): Promise<number> {
  if (/^\d+$/.test(nameOrId)) return Number(nameOrId);
  const text = await fs.readFile(groupFile, 'utf8');
  for (const line of text.split('\n')) {
    const [name, , gid] = line.split(':');
    if (name === nameOrId && /^\d+$/.test(gid ?? '')) return Number(gid);
  }
  throw new EdgenetError(`--group: no group ${JSON.stringify(nameOrId)} in ${groupFile}; allowed: an existing group name or a numeric gid`);
}
