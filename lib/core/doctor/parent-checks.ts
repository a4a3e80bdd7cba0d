import { HostFacts, InterfaceFact, KernelFact } from '../facts/types';
import { Finding } from './finding';
import { LinkObservation, SysfsObservation } from './observations';
import { ParentsInUse, ParentUse } from './parents';

/** The checks of each LAN parent: there and up, not a port of a bridge or bond, Wi-Fi, a VM's NIC, host access. */

/** NIC drivers of virtual machines, whose vSwitch drops frames for MACs it did not give out unless told otherwise. */
export const VM_NIC_DRIVERS: readonly string[] = ['virtio_net', 'vmxnet3', 'hv_netvsc'];

/**
 * Up as netmon counts it: operstate up, or unknown (links that report no operstate, such as
 * tun devices) while administratively up with a carrier.
 */
export function linkIsUp(link: LinkObservation): boolean {
  if (link.operstate === 'up') return true;
  return link.operstate === 'unknown' && link.adminUp === true && link.carrier === true;
}

const addressesOf = (fact: InterfaceFact | undefined): string =>
  fact === undefined || fact.ipv4.length === 0 ? '' : ` (${fact.ipv4.map((a) => `${a.address ?? '?'}/${a.prefixlen}`).join(', ')})`;

/** The interfaces with IPv4 the facts list, for a message that asks for another parent. */
function candidates(facts: HostFacts, except: string): string {
  const names = facts.interfaces.filter((i) => i.ipv4.length > 0 && i.name !== except).map((i) => i.name);
  return names.length > 0 ? ` (with IPv4 here: ${names.join(', ')})` : '';
}

/** No parent to check at all: a vNIC without one, or no config and no default interface. */
export function unplacedCheck(parents: ParentsInUse, hasConfig: boolean): Finding | undefined {
  if (parents.unplaced === undefined) {
    if (parents.parents.length > 0 || !hasConfig) return undefined;
    return { check: 'parent', status: 'ok', subject: '(none)', found: 'the config has no LAN vNIC on this host', todo: '' };
  }
  return hasConfig
    ? {
        check: 'parent',
        status: 'blocking',
        subject: '(none)',
        found: `${parents.unplaced} names no parent_interface and the facts name no default interface`,
        todo: 'set parent_interface on the vNIC, or give the host its default route on the LAN',
      }
    : {
        check: 'parent',
        status: 'blocking',
        subject: '(default interface)',
        found: 'the facts name no default interface (no interface has a private IPv4 address)',
        todo: 'pass --config naming the parent interfaces, or connect the host to its LAN (edgenet facts shows what it sees)',
      };
}

/** 1. The parent exists on this host and is up. Where /sys cannot be read, the facts say. */
export function parentCheck(use: ParentUse, sysfs: SysfsObservation, facts: HostFacts): Finding {
  const fact = facts.interfaces.find((i) => i.name === use.iface);
  const base = { check: 'parent', subject: use.iface } as const;
  const missing = {
    ...base,
    status: 'blocking',
    todo: `name an interface that exists here as parent_interface${candidates(facts, use.iface)}`,
  } as const;
  const notUp = {
    ...base,
    status: 'blocking',
    todo: `bring it up (ip link set ${use.iface} up) and check its cable or association, or name another parent`,
  } as const;
  if (!sysfs.readable) {
    if (fact === undefined) return { ...missing, found: 'not in the host facts (and /sys/class/net cannot be read here)' };
    if (fact.operstate !== 'UP') return { ...notUp, found: `${fact.operstate} in the host facts (/sys/class/net cannot be read here)` };
    return { ...base, status: 'ok', found: `UP in the host facts${addressesOf(fact)} (/sys/class/net cannot be read here)`, todo: '' };
  }
  const link = sysfs.links.get(use.iface);
  if (link === undefined || !link.exists) return { ...missing, found: 'no such link on this host' };
  if (!linkIsUp(link)) {
    const why =
      link.adminUp === false ? 'administratively down' : link.carrier === false ? 'no carrier' : `operstate ${link.operstate ?? '?'}`;
    return { ...notUp, found: `not up: ${why}` };
  }
  return { ...base, status: 'ok', found: `up${addressesOf(fact)}`, todo: '' };
}

/** 2. The parent is no bridge's or bond's port: that link's frames are its master's, and the kernel refuses LAN links on it. */
export function parentPortCheck(use: ParentUse, link: LinkObservation): Finding {
  const base = { check: 'parent-port', subject: use.iface } as const;
  const master = link.master ?? (link.bondPort ? { name: '(its bond)', kind: 'bond' as const } : undefined);
  if (master === undefined) return { ...base, status: 'ok', found: 'not a port of a bridge or bond', todo: '' };
  if (master.kind === 'other') {
    return {
      ...base,
      status: 'warning',
      found: `a port of ${master.name}: a LAN network on a port may pass no traffic`,
      todo: `use ${master.name} as the parent if it is the link that carries the LAN`,
    };
  }
  const kind = link.bondPort && master.kind !== 'bridge' ? 'bond' : master.kind;
  return {
    ...base,
    status: 'blocking',
    found: `a port of ${kind} ${master.name}: the ${kind} takes every frame that arrives on ${use.iface}, so the kernel refuses macvlan and ipvlan links on it (device or resource busy)`,
    todo: `use the ${kind} itself as the parent (parent_interface: ${master.name})`,
  };
}

/** Wi-Fi by the facts' type or by sysfs. */
function isWifi(use: ParentUse, link: LinkObservation | undefined, facts: HostFacts): boolean {
  return facts.interfaces.find((i) => i.name === use.iface)?.type === 'wifi' || link?.wireless === true;
}

/** 3. A Wi-Fi parent: macvlan passes nothing there; ipvlan L2 does, where the kernel has it; routed always does. */
export function wifiCheck(use: ParentUse, link: LinkObservation | undefined, facts: HostFacts, kernel: KernelFact | undefined): Finding {
  const base = { check: 'wifi', subject: use.iface } as const;
  if (!isWifi(use, link, facts)) return { ...base, status: 'ok', found: 'not Wi-Fi', todo: '' };
  const why = 'an access point drops frames from MACs that never associated, so macvlan passes no traffic';
  if (use.driver === 'macvlan') {
    return {
      ...base,
      status: 'warning',
      found: `Wi-Fi (${why}), yet its LAN gets macvlan because ${use.driverReason}`,
      todo: `type it wifi in the facts (detected facts do) and leave lans.${use.iface}.driver out, unless the adapter carries foreign MACs (AP or monitor mode)`,
    };
  }
  const ipvlanSaid =
    kernel === undefined ? 'whether this kernel has ipvlan cannot be told here' : `this kernel ${kernel.ipvlan ? 'has' : 'has no'} ipvlan`;
  if (use.driver === 'routed') {
    return {
      ...base,
      status: 'ok',
      found: `Wi-Fi: ${why}; ${ipvlanSaid}, and edgenet routes its vNICs there (routed: the LAN sees ${use.iface}'s MAC for them)`,
      todo: '',
    };
  }
  if (kernel?.ipvlan === true) {
    return { ...base, status: 'ok', found: `Wi-Fi: ${why}; edgenet uses ipvlan L2 there, and this kernel has ipvlan`, todo: '' };
  }
  if (kernel?.ipvlan === false) {
    return {
      ...base,
      status: 'blocking',
      found: `Wi-Fi: ${why}, and this kernel has no ipvlan for the ipvlan L2 network its LAN gets because ${use.driverReason}`,
      todo: `leave lans.${use.iface}.driver out, or set it routed (edgenet routes the vNICs on a kernel without ipvlan), or use a kernel with ipvlan (CONFIG_IPVLAN)`,
    };
  }
  return {
    ...base,
    status: 'warning',
    found: `Wi-Fi: ${why}; edgenet uses ipvlan L2 there, and ${ipvlanSaid}`,
    todo: 'check that modprobe ipvlan works (or /sys/module/ipvlan exists)',
  };
}

/** 5. A VM's NIC under a macvlan LAN: the hypervisor must let the runtimes' own MACs through. */
export function vswitchCheck(use: ParentUse, link: LinkObservation): Finding {
  const base = { check: 'vswitch', subject: use.iface } as const;
  if (use.driver !== 'macvlan') {
    return {
      ...base,
      status: 'ok',
      found: `${use.driver}: the runtimes share ${use.iface}'s MAC, nothing for a vSwitch to refuse`,
      todo: '',
    };
  }
  const nics = [{ name: link.name, driver: link.driver }, ...link.lower];
  const vm = nics.find((n) => n.driver !== undefined && VM_NIC_DRIVERS.includes(n.driver));
  if (vm !== undefined) {
    return {
      ...base,
      status: 'warning',
      found: `${vm.name === use.iface ? use.iface : `${use.iface} leaves through ${vm.name}, which`} is a virtual machine's NIC (${vm.driver}): its vSwitch drops frames for MACs it did not give out`,
      todo: "allow MAC address changes, forged transmits and promiscuous mode on the hypervisor's vSwitch or port group for it (Hyper-V: MAC address spoofing), or the runtimes will not be reached",
    };
  }
  const drivers = nics.filter((n) => n.driver !== undefined).map((n) => `${n.name} ${n.driver}`);
  return {
    ...base,
    status: 'ok',
    found: drivers.length > 0 ? `NIC driver ${drivers.join(', ')}: not a VM's` : 'a virtual link, no VM NIC below it',
    todo: '',
  };
}

/** 7. The host itself cannot reach the runtimes on a macvlan LAN through that LAN's parent, unless it has host access. */
export function hostAccessCheck(use: ParentUse): Finding | undefined {
  if (use.driver !== 'macvlan') return undefined;
  const base = { check: 'host-access', subject: use.iface } as const;
  if (use.hostAccess) {
    return {
      ...base,
      status: 'ok',
      found: `lans.${use.iface}.host_access gives this host a link of its own on ${use.iface}'s LAN`,
      todo: '',
    };
  }
  return {
    ...base,
    status: 'warning',
    found: `this host cannot reach its own runtimes on ${use.iface}'s macvlan LAN: the kernel passes no traffic between a parent and its macvlan links (the rest of the LAN reaches them)`,
    todo: `set lans.${use.iface}.host_access: true, if programs on this host must reach them (README: host access)`,
  };
}
