import { DEFAULT_NETMON_SOCKET_DIR, NETMON_SOCKET_NAME } from '../config/defaults';
import { engineRules } from '../engine-rules';
import { KernelFact } from '../facts/types';
import { Finding } from './finding';
import { EngineObservation, NetmonObservation } from './observations';
import { ParentUse } from './parents';

/** The checks of the machine as a whole: its kernel, its Docker engine, its netmon. */

/** 4. The kernel has macvlan: blocking only where a LAN here needs it. */
export function kernelCheck(parents: readonly ParentUse[], kernel: KernelFact | undefined): Finding {
  const base = { check: 'kernel', subject: 'macvlan' } as const;
  const needed = parents.some((p) => p.driver === 'macvlan');
  if (kernel === undefined) {
    return {
      ...base,
      status: 'warning',
      found:
        'cannot tell whether the kernel has macvlan (no /sys/module/macvlan, no kernel config, no readable /lib/modules for this release)',
      todo: 'check that modprobe macvlan works',
    };
  }
  const ipvlan = `ipvlan: ${kernel.ipvlan ? 'yes' : 'no'}`;
  if (kernel.macvlan) return { ...base, status: 'ok', found: `the kernel has macvlan (${ipvlan})`, todo: '' };
  if (!needed) return { ...base, status: 'ok', found: `the kernel has no macvlan (${ipvlan}), and no LAN here needs it`, todo: '' };
  return {
    ...base,
    status: 'blocking',
    found: `the kernel has no macvlan (${ipvlan}): the engine creates the network, then refuses every runtime's endpoint`,
    todo: 'load the module (modprobe macvlan), or use a kernel built with CONFIG_MACVLAN',
  };
}

/** 6. The Docker engine: which it is and what it allows, or how it was looked for. */
export function engineCheck(engine: EngineObservation): Finding {
  const base = { check: 'engine', subject: engine.url } as const;
  if (!engine.reachable) {
    return {
      ...base,
      status: 'warning',
      found: `no answer (addressed by ${engine.addressedBy}): ${engine.error}`,
      todo: 'start the engine, or name it in docker_host (config) or DOCKER_HOST; plan and doctor work without it, apply, drift and status need it',
    };
  }
  const rules = engineRules(engine.apiVersion);
  const networks = rules.severalLanNetworksPerParent
    ? 'several LAN networks on a parent (a move makes before it breaks)'
    : 'one LAN network per parent (a move removes the old network first)';
  const mac = rules.macOnConnect
    ? 'takes the declared MAC on connect'
    : 'picks its own MAC on connect (edgenet puts the declared one on the link after)';
  return {
    ...base,
    status: 'ok',
    found: `Docker Engine ${engine.version}, API ${engine.apiVersion} (addressed by ${engine.addressedBy}): ${networks}; ${mac}`,
    todo: '',
  };
}

/** Where netmon serves for a config: its netmon.socket_dir, else the default directory. */
export function netmonSocketOf(socketDir: string = DEFAULT_NETMON_SOCKET_DIR): string {
  return `${socketDir.replace(/\/+$/, '')}/${NETMON_SOCKET_NAME}`;
}

/** 8. netmon answers on its socket with a discovery: the watcher follows moves through it. */
export function netmonCheck(netmon: NetmonObservation): Finding {
  const base = { check: 'netmon', subject: netmon.socket } as const;
  const start = "start netmon (the config's netmon: section runs it as a container, or edgenet netmon), or name its socket with --socket";
  switch (netmon.state) {
    case 'answering':
      return { ...base, status: 'ok', found: `answers with a discovery of ${netmon.interfaces} interface(s)`, todo: '' };
    case 'missing':
      return { ...base, status: 'warning', found: "no socket there: edgenet watch cannot follow the host's moves", todo: start };
    case 'not a socket':
      return {
        ...base,
        status: 'warning',
        found: 'a file that is not a socket: netmon will not replace it',
        todo: `remove it, then ${start}`,
      };
    case 'silent':
      return {
        ...base,
        status: 'warning',
        found: `a socket, but no discovery: ${netmon.error}`,
        todo: `restart netmon; edgenet netmon --check --socket ${netmon.socket} says when it answers`,
      };
  }
}
