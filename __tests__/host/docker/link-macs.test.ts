import { engineRules } from '../../../lib/core/engine-rules';
import { linkMacsWhereRecordFails, NamespaceRunner, readLinks } from '../../../lib/host/docker/link-macs';

describe('readLinks', () => {
  test("reads iproute2's and busybox's `ip -o link`, names without the peer, links without a MAC left out", () => {
    const iproute2 = [
      '1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN mode DEFAULT group default qlen 1000\\    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00',
      '7: eth0@if8: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP mode DEFAULT group default \\    link/ether 36:0b:a1:2f:10:77 brd ff:ff:ff:ff:ff:ff link-netnsid 0',
    ].join('\n');
    const busybox =
      '9: eth1@if4: <BROADCAST,MULTICAST,UP,LOWER_UP,M-DOWN> mtu 1500 qdisc noqueue \\    link/ether 02:42:0A:4D:00:05 brd ff:ff:ff:ff:ff:ff';
    expect(readLinks(`${iproute2}\n${busybox}\n`).map((l) => [l.name, l.mac.toString()])).toEqual([
      ['eth0', '36:0b:a1:2f:10:77'],
      ['eth1', '02:42:0a:4d:00:05'],
    ]);
  });

  test('fails when output that is no link line is read as one', () => {
    expect(readLinks('link/ether 02:42:0a:4d:00:05\nsh: ip: not found\n')).toEqual([]);
  });
});

describe('linkMacsWhereRecordFails', () => {
  const runner = (output: string | Error): NamespaceRunner & { asked: number } => {
    const r = {
      cost: 'cheap' as const,
      asked: 0,
      run: async () => {
        r.asked += 1;
        if (output instanceof Error) throw output;
        return output;
      },
      runEach: async () => undefined,
    };
    return r;
  };
  const running = { Id: 'c1', State: { Running: true, Pid: 42 } };
  const line = '9: eth1@if4: <BROADCAST,UP> mtu 1500 qdisc noqueue \\    link/ether 02:00:00:00:00:01 brd ff:ff:ff:ff:ff:ff';

  test("fails when the links are read where the engine's record tells the MAC, or of a container that does not run", async () => {
    const r = runner(line);
    expect(await linkMacsWhereRecordFails(r, engineRules('1.56'), running)).toBeUndefined();
    expect(await linkMacsWhereRecordFails(r, engineRules('1.41'), { Id: 'c1', State: { Running: false, Pid: 0 } })).toBeUndefined();
    expect(r.asked).toBe(0);
  });

  test("fails when an older engine's running container's links are not read, or a failed read is claimed as links", async () => {
    expect((await linkMacsWhereRecordFails(runner(line), engineRules('1.41'), running))?.map(String)).toEqual(['02:00:00:00:00:01']);
    expect(await linkMacsWhereRecordFails(runner(new Error('no nsenter')), engineRules('1.41'), running)).toBeUndefined();
  });
});
