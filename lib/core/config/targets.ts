import { z } from 'zod';
import { EdgenetError, problem, ProblemList } from '../errors';
import { DEFAULT_STACK } from './defaults';
import { CONNECTION_SHAPE, HostSchema } from './schema';
import { StateConfig, StateSchema } from './state-schema';

/**
 * Where a config goes: one target (a stack, its Docker engine and its state) per host.
 * A config without `hosts` is one host named after its stack. Hosts inherit the top
 * level's connection and state; each host must end up with a state of its own.
 */

/** How edgenet and the provider reach the engine. Unset fields follow the environment (DOCKER_HOST, DOCKER_CERT_PATH). */
export interface DockerConnection {
  readonly dockerHost?: string;
  /** As written in the config (relative paths are the config file's; lib/host resolves them). */
  readonly certPath?: string;
  readonly sshOpts: readonly string[];
}

/** A backend with Terraform's option names and edgenet's per-stack defaults filled in. */
export interface StateTarget {
  readonly backend: StateConfig['backend'];
  readonly options: Readonly<Record<string, string | number | boolean>>;
}

export interface HostTarget {
  /** The host's name (its key under `hosts`), else the stack's. */
  readonly name: string;
  /** Terraform stack name: one stack, one state per host. */
  readonly stack: string;
  readonly connection: DockerConnection;
  readonly state: StateTarget;
  /** Facts file for this host, as written (relative to the config file). */
  readonly factsFile?: string;
  /** The runtimes that run on this host, by name. @default - all of the config's */
  readonly runtimes?: readonly string[];
}

type Raw = Record<string, unknown>;

/** The options that say where a backend keeps its state: shared between hosts, they would share one state. */
const LOCATION: Record<StateConfig['backend'], string> = { local: 'path', pg: 'schema_name', s3: 'key', http: 'address' };

function parsed<T extends z.ZodType>(schema: T, value: unknown): z.output<T> | undefined {
  const result = schema.safeParse(value);
  return result.success ? result.data : undefined;
}

function connection(raw: Raw, inherited?: DockerConnection): DockerConnection {
  const dockerHost = parsed(CONNECTION_SHAPE.docker_host, raw.docker_host) ?? inherited?.dockerHost;
  const certPath = parsed(CONNECTION_SHAPE.docker_cert_path, raw.docker_cert_path) ?? inherited?.certPath;
  return {
    ...(dockerHost !== undefined ? { dockerHost } : {}),
    ...(certPath !== undefined ? { certPath } : {}),
    sshOpts: parsed(CONNECTION_SHAPE.ssh_opts, raw.ssh_opts) ?? inherited?.sshOpts ?? [],
  };
}

/** edgenet's defaults for where each backend keeps a stack's state. */
function stateTarget(state: StateConfig | undefined, stack: string): StateTarget {
  const { backend, ...given } = state ?? { backend: 'local' as const };
  const options: Record<string, string | number | boolean> = {};
  for (const [key, value] of Object.entries(given)) if (value !== undefined) options[key] = value as string | number | boolean;
  if (backend === 'local') options.path ??= `../../../terraform.${stack}.tfstate`;
  if (backend === 'pg') options.schema_name ??= `edgenet_${stack}`;
  if (backend === 's3') options.key ??= `edgenet/${stack}.tfstate`;
  return { backend, options };
}

export function resolveTargets(problems: ProblemList, root: Raw, isMapping: (v: unknown) => v is Raw): HostTarget[] {
  const topConnection = connection(root);
  const topState = parsed(StateSchema, root.state);
  const stack = typeof root.stack === 'string' ? root.stack : DEFAULT_STACK;
  if (!isMapping(root.hosts)) return [{ name: stack, stack, connection: topConnection, state: stateTarget(topState, stack) }];

  if (root.stack !== undefined) {
    problems.add(problem('$.stack', 'is not used with hosts (each host is a stack of its own name)', root.stack, 'no stack, or no hosts'));
  }
  const hosts = Object.entries(root.hosts).filter((entry): entry is [string, Raw] => isMapping(entry[1]));
  const inheriting = hosts.filter(([, host]) => host.state === undefined).map(([name]) => name);
  const location = topState ? LOCATION[topState.backend] : undefined;
  if (topState && location && (topState as Raw)[location] !== undefined && inheriting.length > 1) {
    problems.add(
      problem(
        `$.state.${location}`,
        `would put the state of hosts ${inheriting.join(', ')} in one place`,
        (topState as Raw)[location],
        `no ${location} here (each host gets its own), or a state under each host`,
      ),
    );
  }
  return hosts.map(([name, host]) => {
    const facts = parsed(HostSchema.shape.facts, host.facts);
    const runtimes = parsed(HostSchema.shape.runtimes, host.runtimes);
    return {
      name,
      stack: name,
      connection: connection(host, topConnection),
      state: stateTarget(parsed(StateSchema, host.state) ?? topState, name),
      ...(facts !== undefined ? { factsFile: facts } : {}),
      ...(runtimes !== undefined ? { runtimes } : {}),
    };
  });
}

/** The host a command acts on: the one named, or the only one there is. */
export function selectHost(hosts: readonly HostTarget[], name?: string): HostTarget {
  const names = hosts.map((h) => h.name).join(', ');
  if (name === undefined) {
    if (hosts.length === 1) return hosts[0];
    throw new EdgenetError(`--host: the config has several hosts (${names}); name one, or leave --host out where a command acts on all`);
  }
  const host = hosts.find((h) => h.name === name);
  if (!host) throw new EdgenetError(`--host: no host ${JSON.stringify(name)} in the config; allowed: ${names}`);
  return host;
}
