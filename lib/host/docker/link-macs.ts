import execa from 'execa';
import { EdgenetError, oneLine } from '../../core/errors';
import { EngineRules } from '../../core/engine-rules';
import { StepAsideCost } from '../../core/lan-move';
import { MacAddress } from '../../core/values';
import { DockerApi } from './docker-api';
import { runHelperContainer } from './helper-container';

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
      const { exitCode, output } = await runHelperContainer(api, {
        image,
        cmd: ['sh', '-c', script, 'edgenet', ...args],
        labels: { 'io.edgenet.helper': 'link-mac' },
        hostConfig: { NetworkMode: `container:${container.id}`, CapAdd: ['NET_ADMIN'] },
      });
      if (exitCode !== 0) {
        throw new EdgenetError(`in the network namespace of ${container.id.slice(0, 12)}: ${oneLine(output.trim()) || `exit ${exitCode}`}`);
      }
      return output;
    },
  };
  return runner;
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

/**
 * The MACs of a container's links where the engine's record cannot tell the MAC on the wire (an
 * engine that chooses its own MAC on connect, `rules`) and the container runs; undefined
 * otherwise, and when they cannot be read (macOnWire then claims nothing).
 */
export async function linkMacsWhereRecordFails(
  runner: NamespaceRunner,
  rules: EngineRules,
  inspect: unknown,
): Promise<MacAddress[] | undefined> {
  const running = runningContainer(inspect);
  if (rules.macOnConnect || running === undefined) return undefined;
  return (await linksOf(runner, running).catch(() => undefined))?.map((l) => l.mac);
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
