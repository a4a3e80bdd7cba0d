import execa from 'execa';
import { EdgenetError, EngineError, oneLine } from '../../core/errors';
import { StepAsideCost } from '../../core/lan-move';
import { MacAddress } from '../../core/values';
import { DockerApi } from './docker-api';

/**
 * The MACs of the links in a container's network namespace, and changing one: what the
 * engine's record cannot tell on engines that choose their own MAC on connect (before API
 * 1.54), and what a move needs when a new endpoint must take the MAC an old one still holds.
 *
 * Two ways in, the same shell text for both: `nsenter` into the container's namespace when
 * the engine runs on this machine and we are root (a few ms: the watcher on the host), else a
 * short-lived helper container sharing the runtime's namespace (the engine API is the only
 * way in from a workstation; a few hundred ms).
 */

/** One link in a namespace: its name and MAC. */
export interface NamespaceLink {
  readonly name: string;
  readonly mac: MacAddress;
}

/** `ip -o link` of iproute2 and of busybox: `N: NAME[@PEER]: <FLAGS> ... link/ether MAC brd ...`. */
export function readLinks(output: string): NamespaceLink[] {
  const links: NamespaceLink[] = [];
  for (const line of output.split('\n')) {
    const match = /^\d+:\s+([^:@\s]+)(?:@\S+)?:\s.*\blink\/ether\s+([0-9a-f:]{17})/i.exec(line);
    const mac = match ? MacAddress.parse(match[2]) : undefined;
    if (match && mac) links.push({ name: match[1], mac });
  }
  return links;
}

/**
 * Shell text that gives the link found by $1 (its MAC, or an IPv4 address it holds) the MAC $2,
 * then prints the links. A live change: the link stays up with its addresses and routes
 * (macvlan allows it). No link found is no error: the caller reads the links it prints.
 */
const SET_MAC = String.raw`case "$1" in
  *:*) IF=$(ip -o link | grep -i " link/ether $1 " | sed -E 's/^[0-9]+: ([^:@ ]+).*/\1/' | head -n 1) ;;
  *) IF=$(ip -o -4 addr | grep " inet $1/" | sed -E 's/^[0-9]+: ([^ @]+)[@ ].*/\1/' | head -n 1) ;;
esac
[ -z "$IF" ] || ip link set dev "$IF" address "$2" || exit 4
ip -o link`;

const LIST = 'ip -o link';

/** How to run shell text in a container's network namespace. */
export interface NamespaceRunner {
  /** `cheap`: nsenter from this machine; `costly`: a helper container a call. */
  readonly cost: StepAsideCost;
  /** Runs `script` with arguments `args` in the namespace of the running container `pid`/`id`; answers its stdout. */
  run(container: { readonly id: string; readonly pid: number }, script: string, args: readonly string[]): Promise<string>;
  /** Runs `script` in each container's namespace with its two arguments, in order; fails naming those it failed in. */
  runEach(
    script: string,
    calls: readonly { readonly container: { readonly id: string; readonly pid: number }; readonly args: readonly [string, string] }[],
  ): Promise<void>;
}

/** Reads `<pid> <arg> <arg>` lines and runs the script ($0) in each pid's network namespace: one process for them all. */
const EACH = 'while read -r pid a b; do nsenter -t "$pid" -n sh -c "$0" edgenet "$a" "$b" >/dev/null || echo "$pid" >&2; done';

/** nsenter into the namespace, from this machine: only where the engine's containers are this machine's processes. */
export const localNamespaces: NamespaceRunner = {
  cost: 'cheap',
  async run(container, script, args) {
    const result = await execa('nsenter', ['-t', String(container.pid), '-n', 'sh', '-c', script, 'edgenet', ...args], { reject: false });
    if (result.exitCode !== 0) {
      throw new EdgenetError(
        `in the network namespace of ${container.id.slice(0, 12)}: ${oneLine(result.stderr.trim()) || `exit ${result.exitCode}`}`,
      );
    }
    return result.stdout;
  },
  async runEach(script, calls) {
    if (calls.length === 0) return;
    const input = calls.map((c) => `${c.container.pid} ${c.args[0]} ${c.args[1]}\n`).join('');
    const result = await execa('sh', ['-c', EACH, script], { input, reject: false });
    const failed = result.stderr.split('\n').filter(Boolean);
    if (result.exitCode !== 0 || failed.length > 0) {
      const ids = calls.filter((c) => failed.includes(String(c.container.pid))).map((c) => c.container.id.slice(0, 12));
      throw new EdgenetError(`in the network namespaces of ${ids.join(', ') || 'the containers'}: the link change failed`);
    }
  },
};

/** A helper container from `image` sharing the container's network namespace, with NET_ADMIN only. */
export function helperNamespaces(api: DockerApi, image: string): NamespaceRunner {
  const runner: NamespaceRunner = {
    cost: 'costly',
    async runEach(script, calls) {
      for (const c of calls) await runner.run(c.container, script, c.args);
    },
    async run(container, script, args) {
      let created: { Id: string };
      try {
        created = await api.post<{ Id: string }>('/containers/create', {
          Image: image,
          Cmd: ['sh', '-c', script, 'edgenet', ...args],
          Labels: { 'io.edgenet.helper': 'link-mac' },
          HostConfig: { NetworkMode: `container:${container.id}`, CapAdd: ['NET_ADMIN'] },
        });
      } catch (err) {
        if (err instanceof EngineError && err.status === 404) {
          throw new EdgenetError(`image ${image} is not on the host; pull it there (docker pull ${image}) or set dhcp_client_image`);
        }
        throw err;
      }
      try {
        await api.post(`/containers/${created.Id}/start`);
        const { StatusCode } = await api.post<{ StatusCode: number }>(`/containers/${created.Id}/wait`);
        const helper = api.docker.getContainer(created.Id);
        const [stdout, stderr] = await Promise.all([
          helper.logs({ stdout: true, stderr: false }),
          helper.logs({ stdout: false, stderr: true }),
        ]);
        const text = (b: Buffer) => demuxed(b);
        if (StatusCode !== 0) {
          throw new EdgenetError(
            `in the network namespace of ${container.id.slice(0, 12)}: ${oneLine(text(stderr).trim()) || `exit ${StatusCode}`}`,
          );
        }
        return text(stdout);
      } finally {
        await api.delete(`/containers/${created.Id}?force=true`).catch(() => undefined);
      }
    },
  };
  return runner;
}

/** The payload of the engine's multiplexed log stream (8-byte frame headers), as text. */
function demuxed(buffer: Buffer): string {
  const parts: Buffer[] = [];
  let at = 0;
  while (at + 8 <= buffer.length) {
    const size = buffer.readUInt32BE(at + 4);
    parts.push(buffer.subarray(at + 8, at + 8 + size));
    at += 8 + size;
  }
  return Buffer.concat(parts).toString('utf8');
}

/**
 * The runner for the engine `api` talks to: nsenter when its socket is on this machine and we
 * may enter other processes' namespaces (root), else helper containers from `image`.
 */
export function namespacesOf(api: DockerApi, image: string): NamespaceRunner {
  return api.url.startsWith('unix://') && process.getuid?.() === 0 ? localNamespaces : helperNamespaces(api, image);
}

/** A running container's ID and the process that holds its namespaces, from its inspect data. */
export function runningContainer(inspect: any): { id: string; pid: number } | undefined {
  const pid = Number(inspect?.State?.Pid);
  return inspect?.State?.Running && pid > 0 ? { id: String(inspect.Id), pid } : undefined;
}

/** The links of a running container's namespace. */
export async function linksOf(runner: NamespaceRunner, container: { id: string; pid: number }): Promise<NamespaceLink[]> {
  return readLinks(await runner.run(container, LIST, []));
}

/** Gives each container's link with MAC `from` the MAC `to`, all in one go where namespaces are entered from here. */
export async function setLinkMacs(
  runner: NamespaceRunner,
  changes: readonly { readonly container: { id: string; pid: number }; readonly from: MacAddress; readonly to: MacAddress }[],
): Promise<void> {
  await runner.runEach(
    SET_MAC,
    changes.map((c) => ({ container: c.container, args: [c.from.toString(), c.to.toString()] as [string, string] })),
  );
}

/**
 * Gives the link found by `from` (the MAC it has, or an IPv4 address it holds) the MAC `to`;
 * answers the links after (unchanged when no link matched).
 */
export async function setLinkMac(
  runner: NamespaceRunner,
  container: { id: string; pid: number },
  from: MacAddress | string,
  to: MacAddress,
): Promise<NamespaceLink[]> {
  return readLinks(await runner.run(container, SET_MAC, [from.toString(), to.toString()]));
}
