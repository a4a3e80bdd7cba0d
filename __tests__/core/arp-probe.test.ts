import { addressesToProbe, addressInUseProblem } from '../../lib/core/arp-probe';
import { resolveModel } from '../../lib/core/model/resolve';
import { config, lanFacts, mac, plain, runtime } from '../helpers';

const probed = (extra: Record<string, unknown> = {}) =>
  config(
    [
      runtime('a1', { vnics: [{ name: 'lan', parent_interface: 'eth0' }] }),
      runtime('s1', { vnics: [{ name: 'lan', parent_interface: 'eth0', network_mode: 'static', ip: '192.168.1.50' }] }),
      runtime('d1', { vnics: [{ name: 'lan', parent_interface: 'eth0', network_mode: 'dhcp' }] }),
    ],
    { lans: { eth0: { arp_probe: true } }, ...extra },
  );

describe('arp probe of new auto addresses', () => {
  test('fails when anything but a new auto address on a LAN with arp_probe is asked for', () => {
    const cfg = probed();
    const model = resolveModel(cfg, lanFacts());
    const requests = addressesToProbe(model, cfg.lans, {});
    expect(plain(requests)).toEqual([
      {
        runtime: 'a1',
        vnic: 'lan',
        parent: 'eth0',
        address: plain(model.runtimes[0].vnics[0].ipv4),
        mac: plain(model.runtimes[0].vnics[0].mac),
      },
    ]);
  });

  test('fails when an address the lock holds is asked for again (it would find the runtime itself)', () => {
    const cfg = probed();
    const first = resolveModel(cfg, lanFacts());
    expect(addressesToProbe(resolveModel(cfg, lanFacts(), undefined, first.allocations), cfg.lans, first.allocations)).toEqual([]);
  });

  test('fails when an address recorded elsewhere (another host number) is not asked for again', () => {
    const cfg = probed();
    const first = resolveModel(cfg, lanFacts());
    const elsewhere = { 'a1/lan': { lan: 'eth0', host: first.allocations['a1/lan'].host + 1 } };
    expect(addressesToProbe(first, cfg.lans, elsewhere)).toHaveLength(1);
  });

  test('fails when a LAN without arp_probe is asked', () => {
    const cfg = probed({ lans: { eth0: { arp_probe: false } } });
    expect(addressesToProbe(resolveModel(cfg, lanFacts()), cfg.lans, {})).toEqual([]);
    const unset = probed({ lans: {} });
    expect(addressesToProbe(resolveModel(unset, lanFacts()), unset.lans, {})).toEqual([]);
  });

  test("fails when an answer from another MAC is not a problem naming the runtime, vNIC, address and what to exclude, or the vNIC's own is", () => {
    const cfg = probed();
    const [request] = addressesToProbe(resolveModel(cfg, lanFacts()), cfg.lans, {});
    expect(addressInUseProblem(request, undefined)).toBeUndefined();
    expect(addressInUseProblem(request, request.mac)).toBeUndefined();
    expect(addressInUseProblem(request, mac('52:54:00:aa:bb:cc'))).toEqual({
      path: '$.lans.eth0.arp_probe',
      message: `found the auto address of runtime a1 vNIC lan in use on the LAN (52:54:00:aa:bb:cc answers ARP for it), got "${request.address}"; expected a free address: add ${request.address} to lans.eth0.exclude`,
    });
    const { mac: _mac, ...withoutMac } = request;
    expect(addressInUseProblem(withoutMac, mac('52:54:00:aa:bb:cc'))).toBeDefined();
  });
});

describe('arp probe: records of another LAN', () => {
  test('fails when an address recorded with the same host number on another LAN is not asked about', () => {
    const cfg = probed();
    const first = resolveModel(cfg, lanFacts());
    const otherLan = { 'a1/lan': { lan: 'eth1', host: first.allocations['a1/lan'].host } };
    expect(addressesToProbe(resolveModel(cfg, lanFacts(), undefined, otherLan), cfg.lans, otherLan)).toHaveLength(1);
  });
});
