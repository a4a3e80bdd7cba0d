import execa from 'execa';
import { existsSync, readFileSync } from 'fs';

/**
 * A LAN made of network namespaces: `lan` holds a bridge with the gateway address,
 * `db` is the maindb host; the host end of a veth into the bridge is the macvlan
 * parent. Nothing here touches the machine's own interfaces or routes.
 */

export const E2E_PREFIX = 'edgenet-e2e';
const DEFAULT_ROUTE_METRIC = '4242';

const ip = (...args: string[]) => execa('ip', args);

export class NamespacedLan {
  readonly lanNs: string;
  readonly dbNs: string;
  /** Host end of the LAN veth: the macvlan parent. */
  readonly parent: string;
  private readonly lanPeer: string;
  private readonly dbVeth: string;
  private readonly dbPeer: string;
  prefix = '';
  dhcpLog = '';
  private dhcp?: execa.ExecaChildProcess;
  private leaseFile?: string;

  constructor(readonly id: string) {
    this.lanNs = `${E2E_PREFIX}-lan-${id}`;
    this.dbNs = `${E2E_PREFIX}-db-${id}`;
    this.parent = `ene2e${id}`;
    this.lanPeer = `ene2e${id}l`;
    this.dbVeth = `enb${id}d`;
    this.dbPeer = `enb${id}l`;
  }

  get gateway(): string {
    return `${this.prefix}.1`;
  }
  get maindb(): string {
    return `${this.prefix}.20`;
  }
  get hostAddress(): string {
    return `${this.prefix}.10`;
  }
  get subnet(): string {
    return `${this.prefix}.0/24`;
  }

  /** Builds the LAN on `<prefix>.0/24`, e.g. prefix `10.77.0`. */
  async up(prefix: string): Promise<void> {
    await ip('netns', 'add', this.lanNs);
    await ip('netns', 'add', this.dbNs);
    await ip('link', 'add', this.parent, 'type', 'veth', 'peer', 'name', this.lanPeer);
    await ip('link', 'set', this.lanPeer, 'netns', this.lanNs);
    await ip('link', 'add', this.dbVeth, 'type', 'veth', 'peer', 'name', this.dbPeer);
    await ip('link', 'set', this.dbVeth, 'netns', this.dbNs);
    await ip('link', 'set', this.dbPeer, 'netns', this.lanNs);
    await ip('-n', this.lanNs, 'link', 'add', 'br0', 'type', 'bridge');
    for (const link of [this.lanPeer, this.dbPeer]) {
      await ip('-n', this.lanNs, 'link', 'set', link, 'master', 'br0');
      await ip('-n', this.lanNs, 'link', 'set', link, 'up');
    }
    await ip('-n', this.lanNs, 'link', 'set', 'br0', 'up');
    await ip('-n', this.dbNs, 'link', 'set', this.dbVeth, 'up');
    await ip('link', 'set', this.parent, 'up');
    await this.address(prefix);
  }

  /** Moves the whole LAN (gateway, maindb, the host's address) to another /24: a DHCP move. */
  async move(prefix: string): Promise<void> {
    await ip('-n', this.lanNs, 'addr', 'flush', 'dev', 'br0');
    await ip('-n', this.dbNs, 'addr', 'flush', 'dev', this.dbVeth);
    await ip('addr', 'flush', 'dev', this.parent);
    await this.address(prefix);
  }

  private async address(prefix: string): Promise<void> {
    this.prefix = prefix;
    await ip('-n', this.lanNs, 'addr', 'add', `${this.gateway}/24`, 'dev', 'br0');
    await ip('-n', this.dbNs, 'addr', 'add', `${this.maindb}/24`, 'dev', this.dbVeth);
    await ip('-n', this.dbNs, 'route', 'replace', 'default', 'via', this.gateway);
    // Host address only, never a default route: the machine's own routing stays untouched.
    await ip('addr', 'add', `${this.hostAddress}/24`, 'dev', this.parent);
  }

  /**
   * A default route through the LAN's gateway on our own veth, as DHCP would give the host.
   * Its metric (4242) is far above the machine's own default route (eth0), which keeps
   * winning; the route goes away with the veth.
   */
  async defaultRoute(): Promise<void> {
    await ip('route', 'replace', 'default', 'via', this.gateway, 'dev', this.parent, 'metric', DEFAULT_ROUTE_METRIC);
  }

  /**
   * The LAN's DHCP server: dnsmasq (Debian's dnsmasq-base) on the LAN's bridge, handing out
   * `<prefix>.first`..`<prefix>.last`, DHCP only (no DNS), leases kept in a file of its own.
   */
  async startDhcp(first: number, last: number, leaseSeconds = 120): Promise<void> {
    await this.stopDhcp();
    this.leaseFile = `/run/${E2E_PREFIX}-${this.id}.leases`;
    await execa('rm', ['-f', this.leaseFile]);
    this.dhcp = execa(
      'ip',
      [
        'netns',
        'exec',
        this.lanNs,
        'dnsmasq',
        '--keep-in-foreground',
        '--port=0',
        '--no-resolv',
        '--no-hosts',
        '--bind-interfaces',
        '--interface=br0',
        `--dhcp-range=${this.prefix}.${first},${this.prefix}.${last},${leaseSeconds}s`,
        `--dhcp-option=option:router,${this.gateway}`,
        `--dhcp-leasefile=${this.leaseFile}`,
        '--log-dhcp',
        // To stderr, where the tests read it (the default, syslog, is not there to read).
        '--log-facility=-',
        `--pid-file=/run/${E2E_PREFIX}-${this.id}.dnsmasq.pid`,
      ],
      { reject: false },
    );
    this.dhcp.stderr?.on('data', (d: Buffer) => (this.dhcpLog += d.toString()));
  }

  async stopDhcp(): Promise<void> {
    if (!this.dhcp) return;
    this.dhcp.kill('SIGTERM');
    await this.dhcp;
    this.dhcp = undefined;
  }

  /**
   * The MAC the LAN sees for `address`: maindb pings it, then its neighbour table says which
   * MAC answered (undefined when none did). Where the LAN sees it, not what any record claims.
   */
  async neighbourMac(address: string): Promise<string | undefined> {
    await execa('ip', ['-n', this.dbNs, 'neigh', 'flush', 'to', address], { reject: false });
    // busybox's ping: the test bed installs busybox-static; the host may have no ping of its own.
    await execa('ip', ['netns', 'exec', this.dbNs, 'busybox', 'ping', '-c', '1', '-W', '2', address], { reject: false });
    const { stdout } = await execa('ip', ['-n', this.dbNs, 'neigh', 'show', 'to', address], { reject: false });
    return /lladdr ([0-9a-f:]{17})/.exec(stdout)?.[1];
  }

  /** True when this kernel can make an ipvlan link on the parent: what the kernel does, not what any file says. */
  async kernelHasIpvlan(): Promise<boolean> {
    const probe = `${this.parent}i`;
    const made = await execa('ip', ['link', 'add', probe, 'link', this.parent, 'type', 'ipvlan', 'mode', 'l2'], { reject: false });
    await execa('ip', ['link', 'del', probe], { reject: false });
    return made.exitCode === 0;
  }

  /** The active leases, as dnsmasq keeps them: `expiry mac ip hostname clientid` per line. */
  leases(): { mac: string; ip: string; hostname: string }[] {
    if (!this.leaseFile || !existsSync(this.leaseFile)) return [];
    return readFileSync(this.leaseFile, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => {
        const [, mac, ip, hostname] = line.split(' ');
        return { mac, ip, hostname };
      });
  }

  async down(): Promise<void> {
    await this.stopDhcp();
    await execa('ip', ['link', 'del', this.parent], { reject: false });
    await execa('ip', ['netns', 'del', this.lanNs], { reject: false });
    await execa('ip', ['netns', 'del', this.dbNs], { reject: false });
  }
}

/** Removes what an earlier, killed run left: namespaces and veths with our prefixes. */
export async function removeLeftovers(): Promise<void> {
  for (const name of await listNamespaces()) await execa('ip', ['netns', 'del', name], { reject: false });
  const { stdout: links } = await execa('ip', ['-j', 'link'], { reject: false });
  for (const link of JSON.parse(links || '[]')) {
    if (/^(ene2e|enb)[0-9a-z]+/.test(link.ifname)) await execa('ip', ['link', 'del', link.ifname], { reject: false });
  }
}

/** This suite's namespaces (any run's), as `ip netns list` shows them. */
export async function listNamespaces(): Promise<string[]> {
  const { stdout } = await execa('ip', ['netns', 'list'], { reject: false });
  return stdout
    .split('\n')
    .map((l) => l.split(' ')[0])
    .filter((n) => n.startsWith(E2E_PREFIX));
}
