import { problem, ProblemList } from '../errors';
import { NETMON_CONTAINER_NAME, runtimeContainers } from '../naming';
import { NetworkMode } from './schema';

/** What the check reads of a validated runtime. */
interface RuntimeNames {
  readonly name: string;
  readonly path: string;
  readonly vnics: readonly { readonly name: string; readonly path: string; readonly mode: NetworkMode }[];
}

/** One container the stack creates or joins, by name, and who asked for it. */
interface NamedContainer {
  readonly name: string;
  /** Where the name comes from in the config. */
  readonly path: string;
  /** Who owns the name, for the message of whoever takes it next. */
  readonly owner: string;
  readonly kind: 'runtime' | 'dhcp' | 'fixed';
}

/**
 * Docker holds one container per name: the runtimes, the DHCP client beside each dhcp vNIC
 * (`<runtime>_dhcp_<vnic>`), the netmon sidecar and the manager edgenet joins to every
 * internal network must all differ, or the engine refuses the apply half-way (or the
 * manager's attachments land on a runtime). Whoever comes later in the config is reported.
 */
export function checkContainerNames(
  problems: ProblemList,
  runtimes: readonly RuntimeNames[],
  manager: string | undefined,
  withNetmon: boolean,
): void {
  const containers: NamedContainer[] = [];
  if (withNetmon) containers.push({ name: NETMON_CONTAINER_NAME, path: '$.netmon', owner: "edgenet's netmon container", kind: 'fixed' });
  if (manager !== undefined) containers.push({ name: manager, path: '$.manager.container', owner: 'the manager container', kind: 'fixed' });
  for (const rt of runtimes) {
    for (const { name, dhcpOf: v } of runtimeContainers(rt)) {
      if (v === undefined) containers.push({ name, path: `${rt.path}.name`, owner: `the runtime at ${rt.path}`, kind: 'runtime' });
      else containers.push({ name, path: `${v.path}.name`, owner: `the DHCP client of runtime ${rt.name}'s vNIC ${v.name}`, kind: 'dhcp' });
    }
  }
  const first = new Map<string, NamedContainer>();
  for (const c of containers) {
    const taken = first.get(c.name);
    if (taken === undefined) first.set(c.name, c);
    else if (taken.kind === 'runtime' && c.kind === 'runtime')
      problems.add(problem(c.path, `duplicates ${taken.owner}`, c.name, 'runtime names unique in the stack'));
    else
      problems.add(
        problem(
          c.path,
          `${c.kind === 'dhcp' ? 'gives its DHCP client' : 'takes'} the container name of ${taken.owner}`,
          c.name,
          `a container name no other container of the stack has (a dhcp vNIC's client is <runtime>_dhcp_<vnic>)`,
        ),
      );
  }
}
