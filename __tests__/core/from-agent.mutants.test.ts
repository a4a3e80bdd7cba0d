import { AGENT_RUNTIME_IMAGE, configFromAgent } from '../../lib/core/from-agent';
import { vnicRecords } from '../../lib/core/vnic-records';
import { model, problemsOf, runtime } from '../helpers';

/** An agent file with one runtime, plc1, and the given vNIC entries. */
const agentFile = (...vnics: Record<string, unknown>[]) => ({ plc1: vnics });

/** The config the single runtime of `configFromAgent(agentFile(...vnics))` gets, exactly. */
const migrated = (...vnics: Record<string, unknown>[]) => ({
  profiles: { agent: { image: AGENT_RUNTIME_IMAGE } },
  runtimes: [{ name: 'plc1', profile: 'agent', vnics }],
});

describe('configFromAgent: the config it writes', () => {
  test('fails when a host with wired vNICs only gets a lans section (only Wi-Fi parents need ipvlan)', () => {
    expect(configFromAgent(agentFile({ name: 'lan', parent_interface: 'eth0', network_mode: 'dhcp' }))).toStrictEqual(
      migrated({ name: 'lan', parent_interface: 'eth0', network_mode: 'dhcp' }),
    );
  });

  test('fails when a vNIC without a network_mode is not dhcp, as the agent reads it', () => {
    expect(configFromAgent(agentFile({ name: 'lan', parent_interface: 'eth0' }))).toStrictEqual(
      migrated({ name: 'lan', parent_interface: 'eth0', network_mode: 'dhcp' }),
    );
  });

  test('fails when a field the agent left out appears in the config, even as undefined', () => {
    expect(configFromAgent(agentFile({ name: 'lan', network_mode: 'static', ip: '192.168.1.5' }))).toStrictEqual(
      migrated({ name: 'lan', network_mode: 'static', ip: '192.168.1.5' }),
    );
  });

  test("fails when a Wi-Fi vNIC gets a MAC: it has its parent's", () => {
    const wifi = { name: 'lan', parent_interface: 'wlan0', network_mode: 'dhcp', mac_address: '02:00:00:00:00:01', _is_wifi: true };
    expect(configFromAgent(agentFile(wifi))).toStrictEqual({
      lans: { wlan0: { driver: 'ipvlan' } },
      ...migrated({ name: 'lan', parent_interface: 'wlan0', network_mode: 'dhcp' }),
    });
  });

  test('fails when a Wi-Fi vNIC without a parent_interface gives a LAN its driver (there is no parent to name)', () => {
    expect(configFromAgent(agentFile({ name: 'lan', network_mode: 'dhcp', _is_wifi: true }))).toStrictEqual(
      migrated({ name: 'lan', network_mode: 'dhcp' }),
    );
  });

  test("fails when a dhcp vNIC keeps the ip, subnet or gateway the agent's file still holds for it", () => {
    const leftover = { ip: '192.168.1.5', subnet: '255.255.255.0', gateway: '192.168.1.1' };
    expect(configFromAgent(agentFile({ name: 'lan', parent_interface: 'eth0', network_mode: 'dhcp', ...leftover }))).toStrictEqual(
      migrated({ name: 'lan', parent_interface: 'eth0', network_mode: 'dhcp' }),
    );
  });
});

describe("configFromAgent: edgenet's own records", () => {
  test('fails when a dhcp record does not stay dhcp, or takes its LAN subnet and gateway along', () => {
    const applied = vnicRecords(model([runtime('rt1', { vnics: [{ name: 'wan', network_mode: 'dhcp' }] })]));
    expect(applied.rt1[0]).toMatchObject({ network_mode: 'dhcp', addressing: 'dhcp', subnet: '192.168.1.0/24' });
    expect(configFromAgent(applied).runtimes[0].vnics).toStrictEqual([
      { name: 'wan', parent_interface: 'eth0', network_mode: 'dhcp', mac_address: applied.rt1[0].mac_address },
    ]);
  });

  test('fails when the recorded addressing does not win over network_mode: a dhcp one is dhcp, an auto one static', () => {
    const record = { name: 'lan', parent_interface: 'eth0', ip: '192.168.1.5' };
    expect(configFromAgent(agentFile({ ...record, network_mode: 'static', addressing: 'dhcp' })).runtimes[0].vnics).toStrictEqual([
      { name: 'lan', parent_interface: 'eth0', network_mode: 'dhcp' },
    ]);
    expect(configFromAgent(agentFile({ ...record, network_mode: 'auto', addressing: 'auto' })).runtimes[0].vnics).toStrictEqual([
      { name: 'lan', parent_interface: 'eth0', network_mode: 'static', ip: '192.168.1.5' },
    ]);
  });
});

describe("configFromAgent: problems at their place in the agent's file", () => {
  test('fails when a bad name or parent_interface is not reported at that field of the agent entry', () => {
    expect(problemsOf(() => configFromAgent(agentFile({ name: 'bad name', parent_interface: 'eth 0', network_mode: 'dhcp' })))).toEqual([
      '$.plc1[0].name: is not valid, got "bad name"; expected a name matching /^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,62}$/',
      '$.plc1[0].parent_interface: is not an interface name, got "eth 0"; expected a Linux interface name of 1 to 15 characters, without a colon',
    ]);
  });

  test('fails when a bad static ip, subnet or gateway is not reported at that field of the agent entry', () => {
    const vnic = { name: 'lan', parent_interface: 'eth0', network_mode: 'static', ip: '192.168.1', subnet: 'x', gateway: 'y' };
    expect(problemsOf(() => configFromAgent(agentFile(vnic)))).toEqual([
      '$.plc1[0].ip: is not an IPv4 address, got "192.168.1"; expected a dotted quad, e.g. 192.168.1.50',
      '$.plc1[0].subnet: is not a subnet or netmask, got "x"; expected the LAN\'s subnet: a.b.c.d/n, a netmask such as 255.255.255.0, or /n',
      '$.plc1[0].gateway: is not an IPv4 address, got "y"; expected a dotted quad, e.g. 192.168.1.50',
    ]);
  });

  test('fails when a bad MAC given as `mac` (no mac_address) is not reported at mac, the field the agent entry has', () => {
    expect(
      problemsOf(() => configFromAgent(agentFile({ name: 'lan', parent_interface: 'eth0', network_mode: 'dhcp', mac: 'zz' }))),
    ).toEqual(['$.plc1[0].mac: is not a MAC address, got "zz"; expected six hex octets, e.g. 02:42:c0:a8:01:32']);
  });

  test("fails when a bad Wi-Fi parent is reported twice: at the vNIC and at the LAN it gives, which is the vNIC's parent_interface here", () => {
    const wifi = { name: 'lan', parent_interface: 'wlan 0', network_mode: 'dhcp', _is_wifi: true };
    expect(problemsOf(() => configFromAgent(agentFile(wifi)))).toEqual([
      '$.plc1[0].parent_interface: is not an interface name, got "wlan 0"; expected a Linux interface name of 1 to 15 characters, without a colon',
    ]);
  });

  test('fails when the same problem of two vNICs is reported once: only repeats at one place go', () => {
    const raw = {
      plc1: [{ name: 'lan', parent_interface: 'eth 0', network_mode: 'dhcp' }],
      plc2: [{ name: 'lan', parent_interface: 'eth 0', network_mode: 'dhcp' }],
    };
    const refusal = 'is not an interface name, got "eth 0"; expected a Linux interface name of 1 to 15 characters, without a colon';
    expect(problemsOf(() => configFromAgent(raw))).toEqual([
      `$.plc1[0].parent_interface: ${refusal}`,
      `$.plc2[0].parent_interface: ${refusal}`,
    ]);
  });

  test('fails when a message names a place of the config instead of the place in the agent file', () => {
    const raw = {
      plc1: [{ name: 'lan', parent_interface: 'eth0', network_mode: 'static', ip: '192.168.1.50' }],
      plc2: [{ name: 'lan', parent_interface: 'eth0', network_mode: 'static', ip: '192.168.1.50' }],
    };
    const problems = problemsOf(() => configFromAgent(raw));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^\$\.plc2\[0\]\.ip: is also the static ip of \$\.plc1\[0\]/);
    expect(problems[0]).not.toContain('$.runtimes');
  });

  test('fails when a Wi-Fi parent named like a JavaScript object key is lost instead of reported or kept', () => {
    const wifi = { name: 'lan', parent_interface: '__proto__', network_mode: 'dhcp', _is_wifi: true };
    let outcome: unknown;
    try {
      outcome = configFromAgent(agentFile(wifi)).lans;
    } catch (err) {
      outcome = (err as Error).message;
    }
    expect(outcome).toEqual(expect.stringMatching(/^\$\.plc1\[0\]\.parent_interface: /));
  });
});
